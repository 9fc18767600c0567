"""CSRF deployment checks (security.W003, W016)."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.core.checks.messages import Warning
from nuages.core.checks.registry import Tags, register

__all__ = ["check_csrf_cookie_secure", "check_csrf_middleware"]

CSRF_MIDDLEWARE = "nuages.middleware.csrf.CsrfViewMiddleware"


@register(Tags.security, deploy=True)
def check_csrf_middleware(app_configs: Any, **kwargs: Any) -> list:
    if CSRF_MIDDLEWARE in settings.MIDDLEWARE:
        return []
    return [
        Warning(
            f"{CSRF_MIDDLEWARE} is not in your MIDDLEWARE, so forms are not protected against "
            "cross-site request forgery unless every view does it itself (csrf_protect).",
            id="security.W003",
        )
    ]


@register(Tags.security, deploy=True)
def check_csrf_cookie_secure(app_configs: Any, **kwargs: Any) -> list:
    if (
        CSRF_MIDDLEWARE not in settings.MIDDLEWARE
        or settings.CSRF_USE_SESSIONS
        or settings.CSRF_COOKIE_SECURE is True
    ):
        return []
    return [
        Warning(
            "CSRF_COOKIE_SECURE is not True: the CSRF cookie would also travel over plain HTTP, "
            "where anyone on the network can read it.",
            id="security.W016",
        )
    ]
