"""ContentSecurityPolicyMiddleware: the Content-Security-Policy headers from SECURE_CSP*."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.utils.csp import CSP, LazyNonce, build_policy
from nuages.utils.deprecation import MiddlewareMixin, nonblocking_hook

__all__ = ["ContentSecurityPolicyMiddleware", "get_nonce"]

_UNSET = object()


def get_nonce(request: Any) -> Any:
    """The request's lazy CSP nonce (None without the middleware)."""
    return getattr(request, "_csp_nonce", None)


class ContentSecurityPolicyMiddleware(MiddlewareMixin):
    """Add Content-Security-Policy (SECURE_CSP) and Content-Security-Policy-Report-Only
    (SECURE_CSP_REPORT_ONLY) to responses that do not set them already.

    An empty policy sends no header. Views choose their own policy with csp_override /
    csp_report_only_override (an empty dict there turns the header off for that view).
    """

    @nonblocking_hook
    def process_request(self, request: Any) -> None:
        request._csp_nonce = LazyNonce()

    @nonblocking_hook
    def process_response(self, request: Any, response: Any) -> Any:
        nonce = get_nonce(request)
        config = getattr(response, "_csp_config", _UNSET)
        if config is _UNSET:
            config = settings.SECURE_CSP
        ro_config = getattr(response, "_csp_ro_config", _UNSET)
        if ro_config is _UNSET:
            ro_config = settings.SECURE_CSP_REPORT_ONLY
        for header, policy in (
            (CSP.HEADER_ENFORCE.value, config),
            (CSP.HEADER_REPORT_ONLY.value, ro_config),
        ):
            if policy and header not in response:
                response.headers[header] = build_policy(policy, nonce)
        return response
