"""Logging set-up: nuages' default handlers, then the project's LOGGING dict."""

from __future__ import annotations

import logging
import logging.config
from collections.abc import Callable
from typing import Any

from nuages.utils.module_loading import import_string

__all__ = [
    "DEFAULT_LOGGING",
    "RequireDebugFalse",
    "RequireDebugTrue",
    "configure_logging",
    "log_response",
]

DEFAULT_LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "nuages.utils.log.RequireDebugFalse"},
        "require_debug_true": {"()": "nuages.utils.log.RequireDebugTrue"},
    },
    "formatters": {
        "nuages.server": {
            "format": "[{asctime}] {message}",
            "datefmt": "%d/%b/%Y %H:%M:%S",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "level": "INFO",
            "filters": ["require_debug_true"],
            "class": "logging.StreamHandler",
        },
        "nuages.server": {
            "level": "INFO",
            "class": "logging.StreamHandler",
            "formatter": "nuages.server",
        },
    },
    "loggers": {
        "nuages": {"handlers": ["console"], "level": "INFO"},
        "nuages.server": {"handlers": ["nuages.server"], "level": "INFO", "propagate": False},
    },
}


def configure_logging(logging_config: str | None, logging_settings: dict) -> None:
    """Apply DEFAULT_LOGGING, then LOGGING through LOGGING_CONFIG (unless it is None)."""
    if logging_config:
        configure: Callable[[Any], None] = import_string(logging_config)
        logging.config.dictConfig(DEFAULT_LOGGING)
        if logging_settings:
            configure(logging_settings)


class RequireDebugFalse(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from nuages.conf import settings  # utils sits below conf

        return not settings.DEBUG


class RequireDebugTrue(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from nuages.conf import settings  # utils sits below conf

        return bool(settings.DEBUG)


def log_response(
    message: str,
    *args: Any,
    response: Any = None,
    request: Any = None,
    logger: logging.Logger | None = None,
    level: str | None = None,
    exception: BaseException | None = None,
) -> None:
    """Log a 4xx/5xx response once (marks the response as logged)."""
    if getattr(response, "_has_been_logged", False):
        return
    logger = logger or logging.getLogger("nuages.request")
    if level is None:
        level = (
            "error"
            if response.status_code >= 500
            else "warning"
            if response.status_code >= 400
            else "info"
        )
    # Control characters in the arguments (e.g. a request path) would let a client forge
    # log lines or terminal escapes: log them escaped, as Django does.
    escaped_args = tuple(
        arg.encode("unicode_escape").decode("ascii") if isinstance(arg, str) else arg
        for arg in args
    )
    getattr(logger, level)(
        message,
        *escaped_args,
        extra={"status_code": response.status_code, "request": request},
        exc_info=exception,
    )
    response._has_been_logged = True
