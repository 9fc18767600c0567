"""ConditionalGetMiddleware: ETags and 304 Not Modified for GET requests."""

from __future__ import annotations

from typing import Any

from nuages.utils.cache import cc_delim_re, get_conditional_response, set_response_etag
from nuages.utils.deprecation import MiddlewareMixin, nonblocking_hook
from nuages.utils.http import parse_http_date_safe

__all__ = ["ConditionalGetMiddleware"]


class ConditionalGetMiddleware(MiddlewareMixin):
    """Add an ETag to GET responses that lack one (unless Cache-Control has no-store) and
    answer 304 when the request's validators match the response's ETag or Last-Modified."""

    @nonblocking_hook
    def process_response(self, request: Any, response: Any) -> Any:
        # Too late for a 412 on unsafe methods, and a HEAD body is empty: GET only.
        if request.method != "GET":
            return response
        if self.needs_etag(response) and not response.has_header("ETag"):
            set_response_etag(response)
        etag = response.get("ETag")
        last_modified = response.get("Last-Modified")
        last_modified = last_modified and parse_http_date_safe(last_modified)
        if etag or last_modified:
            return get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
        return response

    def needs_etag(self, response: Any) -> bool:
        """Whether to add an ETag: not when Cache-Control forbids storing the response."""
        directives = cc_delim_re.split(response.get("Cache-Control", ""))
        return all(directive.lower() != "no-store" for directive in directives)
