"""The built-in context processors: csrf, csp, debug, i18n, tz, static, media, request."""

from __future__ import annotations

import itertools
import sys
from typing import Any

from nuages.conf import settings
from nuages.template.backends.utils import get_token
from nuages.utils.functional import lazy
from nuages.utils.timezone import get_current_timezone_name
from nuages.utils.translation import get_language, get_language_bidi

__all__ = ["csp", "csrf", "debug", "i18n", "media", "request", "static", "tz"]


def csrf(request: Any) -> dict:
    """csrf_token: the request's token (rendered lazily: only templates that use it pay)."""

    def _get_val() -> str:
        token = get_token(request)
        if token is None:
            # Without the CSRF middleware there is no token; say so in the page.
            return "NOTPROVIDED"
        return token

    return {"csrf_token": lazy(_get_val, str)()}


def csp(request: Any) -> dict:
    """csp_nonce: the request's Content Security Policy nonce (ContentSecurityPolicyMiddleware).

    Lazy: made on first use (`<script nonce="{{ csp_nonce }}">`), and only then added to the
    header. None without the middleware.
    """
    return {"csp_nonce": getattr(request, "_csp_nonce", None)}


def debug(request: Any) -> dict:
    """debug and sql_queries, for requests from INTERNAL_IPS while DEBUG is on."""
    context: dict = {}
    if settings.DEBUG and request.META.get("REMOTE_ADDR") in settings.INTERNAL_IPS:
        context["debug"] = True
        # The db layer sits above templates: use it only if the project loaded it.
        db = sys.modules.get("nuages.db")
        connections = getattr(db, "connections", None)
        if connections is None:
            context["sql_queries"] = []
        else:
            context["sql_queries"] = lazy(
                lambda: list(
                    itertools.chain.from_iterable(
                        getattr(connections[x], "queries", []) for x in connections
                    )
                ),
                list,
            )
    return context


def i18n(request: Any) -> dict:
    return {
        "LANGUAGES": settings.LANGUAGES,
        "LANGUAGE_CODE": get_language(),
        "LANGUAGE_BIDI": get_language_bidi(),
    }


def tz(request: Any) -> dict:
    return {"TIME_ZONE": get_current_timezone_name()}


def static(request: Any) -> dict:
    return {"STATIC_URL": settings.STATIC_URL}


def media(request: Any) -> dict:
    return {"MEDIA_URL": settings.MEDIA_URL}


def request(request: Any) -> dict:
    return {"request": request}
