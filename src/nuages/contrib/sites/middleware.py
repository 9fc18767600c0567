"""CurrentSiteMiddleware: sets ``request.site``."""

from __future__ import annotations

from typing import Any

from nuages.contrib.sites.shortcuts import get_current_site
from nuages.utils.deprecation import MiddlewareMixin

__all__ = ["CurrentSiteMiddleware"]


class CurrentSiteMiddleware(MiddlewareMixin):
    def process_request(self, request: Any) -> None:
        request.site = get_current_site(request)
