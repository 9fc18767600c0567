"""Session cookie deployment checks (security.W010-W015)."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.core.checks.messages import Warning
from nuages.core.checks.registry import Tags, register

__all__ = ["check_session_cookie_httponly", "check_session_cookie_secure"]

SESSIONS_APP = "nuages.contrib.sessions"
SESSION_MIDDLEWARE = "nuages.contrib.sessions.middleware.SessionMiddleware"


def _sessions_in_use() -> tuple[bool, bool]:
    return SESSIONS_APP in settings.INSTALLED_APPS, SESSION_MIDDLEWARE in settings.MIDDLEWARE


def _session_warnings(ok: bool, app_id: str, middleware_id: str, both_id: str, what: str) -> list:
    if ok:
        return []
    in_apps, in_middleware = _sessions_in_use()
    if in_apps and in_middleware:
        return [Warning(f"{what} You have the sessions app and middleware installed.", id=both_id)]
    if in_apps:
        return [Warning(f"{what} You have '{SESSIONS_APP}' in INSTALLED_APPS.", id=app_id)]
    if in_middleware:
        return [Warning(f"{what} You have '{SESSION_MIDDLEWARE}' in MIDDLEWARE.", id=middleware_id)]
    return []


@register(Tags.security, deploy=True)
def check_session_cookie_secure(app_configs: Any, **kwargs: Any) -> list:
    return _session_warnings(
        settings.SESSION_COOKIE_SECURE is True,
        "security.W010",
        "security.W011",
        "security.W012",
        "SESSION_COOKIE_SECURE is not True: the session cookie would also travel over plain "
        "HTTP, where it can be stolen to hijack a user's session.",
    )


@register(Tags.security, deploy=True)
def check_session_cookie_httponly(app_configs: Any, **kwargs: Any) -> list:
    return _session_warnings(
        settings.SESSION_COOKIE_HTTPONLY is True,
        "security.W013",
        "security.W014",
        "security.W015",
        "SESSION_COOKIE_HTTPONLY is not True: scripts in the page could read the session "
        "cookie, which makes a cross-site scripting hole worse.",
    )
