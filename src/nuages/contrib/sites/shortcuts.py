"""get_current_site(): the Site when the app is installed, a RequestSite otherwise."""

from __future__ import annotations

from typing import Any

from nuages.apps import apps
from nuages.contrib.sites.requests import RequestSite

__all__ = ["get_current_site"]


def get_current_site(request: Any) -> Any:
    if apps.is_installed("nuages.contrib.sites"):
        # Imported here, not at the top: the model class needs configured settings and the
        # app registry, and this module is imported by URLconfs (feeds, sitemaps) before that.
        from nuages.contrib.sites.models import Site

        return Site.objects.get_current(request)
    return RequestSite(request)
