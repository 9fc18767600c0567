"""Message levels and their default tags."""

from __future__ import annotations

__all__ = ["DEBUG", "DEFAULT_LEVELS", "DEFAULT_TAGS", "ERROR", "INFO", "SUCCESS", "WARNING"]

DEBUG = 10
INFO = 20
SUCCESS = 25
WARNING = 30
ERROR = 40

DEFAULT_TAGS = {
    DEBUG: "debug",
    INFO: "info",
    SUCCESS: "success",
    WARNING: "warning",
    ERROR: "error",
}

DEFAULT_LEVELS = {
    "DEBUG": DEBUG,
    "INFO": INFO,
    "SUCCESS": SUCCESS,
    "WARNING": WARNING,
    "ERROR": ERROR,
}
