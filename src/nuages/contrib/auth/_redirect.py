"""redirect_to_login, shared by the views, decorators, mixins and middleware (re-exported by
views.py, its public home)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from nuages.conf import settings
from nuages.http import HttpResponseRedirect, QueryDict
from nuages.shortcuts import resolve_url

REDIRECT_FIELD_NAME = "next"


def redirect_to_login(
    next: str, login_url: str | None = None, redirect_field_name: str | None = REDIRECT_FIELD_NAME
) -> HttpResponseRedirect:
    """A redirect to the login page carrying ``next`` in its query string."""
    resolved_url = resolve_url(login_url or settings.LOGIN_URL)
    parts = list(urlsplit(resolved_url))
    if redirect_field_name:
        querystring = QueryDict(parts[3], mutable=True)
        querystring[redirect_field_name] = next
        parts[3] = querystring.urlencode(safe="/")
    return HttpResponseRedirect(urlunsplit(parts))
