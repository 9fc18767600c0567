"""get_current_site(): the Site when the app is installed, a RequestSite otherwise."""

from __future__ import annotations

from typing import Any

from nuages.apps import apps
from nuages.contrib.sites.models import Site
from nuages.contrib.sites.requests import RequestSite

__all__ = ["get_current_site"]


def get_current_site(request: Any) -> Any:
    if apps.is_installed("nuages.contrib.sites"):
        return Site.objects.get_current(request)
    return RequestSite(request)
