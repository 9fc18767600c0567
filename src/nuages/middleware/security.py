"""SecurityMiddleware: HSTS, nosniff, Referrer-Policy, COOP and the HTTPS redirect."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from nuages.conf import settings
from nuages.http import HttpResponsePermanentRedirect
from nuages.http.response import ResponseHeaders
from nuages.utils.deprecation import MiddlewareMixin, nonblocking_hook

__all__ = ["SecurityMiddleware"]


class SecurityMiddleware(MiddlewareMixin):
    """Security headers and HTTPS redirect, configured by the SECURE_* settings (read once)."""

    def __init__(self, get_response: Callable) -> None:
        super().__init__(get_response)
        self.sts_seconds = settings.SECURE_HSTS_SECONDS
        self.sts_include_subdomains = settings.SECURE_HSTS_INCLUDE_SUBDOMAINS
        self.sts_preload = settings.SECURE_HSTS_PRELOAD
        self.content_type_nosniff = settings.SECURE_CONTENT_TYPE_NOSNIFF
        self.redirect = settings.SECURE_SSL_REDIRECT
        self.redirect_host = settings.SECURE_SSL_HOST
        self.redirect_exempt = [re.compile(r) for r in settings.SECURE_REDIRECT_EXEMPT]
        self.referrer_policy = settings.SECURE_REFERRER_POLICY
        self.cross_origin_opener_policy = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
        # Computed once: the header values do not depend on the request.
        self._sts_header = self._build_sts_header()
        self._referrer_header = self._build_referrer_header()
        # The headers set on every response that lacks them, in order, checked once here.
        defaults = []
        if self.content_type_nosniff:
            defaults.append(("X-Content-Type-Options", "nosniff"))
        if self._referrer_header:
            defaults.append(("Referrer-Policy", self._referrer_header))
        if self.cross_origin_opener_policy:
            defaults.append(("Cross-Origin-Opener-Policy", self.cross_origin_opener_policy))
        self._default_headers = defaults
        self._checked_defaults = ResponseHeaders(defaults)._checked_items()

    def _build_sts_header(self) -> str | None:
        if not self.sts_seconds:
            return None
        header = f"max-age={self.sts_seconds}"
        if self.sts_include_subdomains:
            header += "; includeSubDomains"
        if self.sts_preload:
            header += "; preload"
        return header

    def _build_referrer_header(self) -> str | None:
        policy = self.referrer_policy
        if not policy:
            return None
        # A comma-separated string or an iterable: several values give browsers fallbacks.
        values = policy.split(",") if isinstance(policy, str) else policy
        return ",".join(v.strip() for v in values)

    @nonblocking_hook
    def process_request(self, request: Any) -> Any:
        if not self.redirect or request.is_secure():
            return None
        path = request.path.lstrip("/")
        if any(pattern.search(path) for pattern in self.redirect_exempt):
            return None
        host = self.redirect_host or request.get_host()
        return HttpResponsePermanentRedirect(f"https://{host}{request.get_full_path()}")

    @nonblocking_hook
    def process_response(self, request: Any, response: Any) -> Any:
        headers = response.headers
        if self._sts_header and request.is_secure() and "Strict-Transport-Security" not in response:
            headers["Strict-Transport-Security"] = self._sts_header
        if type(headers) is ResponseHeaders:
            headers._set_missing(self._checked_defaults)
        else:
            for name, value in self._default_headers:
                headers.setdefault(name, value)
        return response
