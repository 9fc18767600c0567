"""XFrameOptionsMiddleware: the X-Frame-Options header against clickjacking."""

from __future__ import annotations

from typing import Any

from nuages.core._cached_settings import get_setting
from nuages.utils.deprecation import MiddlewareMixin, nonblocking_hook

__all__ = ["XFrameOptionsMiddleware"]


class XFrameOptionsMiddleware(MiddlewareMixin):
    """Set X-Frame-Options (from X_FRAME_OPTIONS, default DENY) on every response that does not
    have it, unless the view is decorated with xframe_options_exempt."""

    @nonblocking_hook
    def process_response(self, request: Any, response: Any) -> Any:
        if "X-Frame-Options" in response.headers:  # header values are never None
            return response
        if getattr(response, "xframe_options_exempt", False):
            return response
        response.headers["X-Frame-Options"] = self.get_xframe_options_value(request, response)
        return response

    def get_xframe_options_value(self, request: Any, response: Any) -> str:
        """The header value; override to choose it per request or response."""
        return get_setting("X_FRAME_OPTIONS", "DENY").upper()
