"""CommonMiddleware: disallowed user agents, PREPEND_WWW, APPEND_SLASH, Content-Length."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.core._cached_settings import get_setting
from nuages.core.exceptions import PermissionDenied
from nuages.http import HttpResponsePermanentRedirect
from nuages.urls import is_valid_path
from nuages.utils.deprecation import MiddlewareMixin, nonblocking_hook
from nuages.utils.http import escape_leading_slashes

__all__ = ["CommonMiddleware"]


class CommonMiddleware(MiddlewareMixin):
    """
    - Forbid user agents matching DISALLOWED_USER_AGENTS (compiled regular expressions).
    - PREPEND_WWW: redirect example.com/... to www.example.com/...
    - APPEND_SLASH: when a URL does not resolve but would with a trailing slash, redirect there.
    - Set Content-Length on non-streaming responses that lack it.
    """

    response_redirect_class = HttpResponsePermanentRedirect

    @nonblocking_hook
    def process_request(self, request: Any) -> Any:
        user_agent = request.META.get("HTTP_USER_AGENT")
        if user_agent is not None:
            for user_agent_regex in get_setting("DISALLOWED_USER_AGENTS"):
                if user_agent_regex.search(user_agent):
                    raise PermissionDenied("Forbidden user agent")

        # Like Django, validate the host on every request: a host outside ALLOWED_HOSTS raises
        # DisallowedHost here (a 400), before any view runs.
        host = request.get_host()
        if get_setting("PREPEND_WWW") and host and not host.startswith("www."):
            # Add the slash in the same redirect when it is needed too (checked here,
            # before the view, so a URL that legitimately lacks one keeps it that way).
            if self.should_redirect_with_slash(request):
                path = self.get_full_path_with_slash(request)
            else:
                path = request.get_full_path()
            return self.response_redirect_class(f"{request.scheme}://www.{host}{path}")
        return None

    def should_redirect_with_slash(self, request: Any) -> bool:
        """True if APPEND_SLASH is on, the path lacks a slash, does not resolve, and resolves
        with one (to a view that does not opt out with no_append_slash)."""
        if settings.APPEND_SLASH and not request.path_info.endswith("/"):
            urlconf = getattr(request, "urlconf", None)
            if not is_valid_path(request.path_info, urlconf):
                match = is_valid_path(f"{request.path_info}/", urlconf)
                if match:
                    view = match.func
                    return getattr(view, "should_append_slash", True)
        return False

    def get_full_path_with_slash(self, request: Any) -> str:
        """The full path with a slash appended; RuntimeError under DEBUG for POST/PUT/PATCH,
        whose data a redirect would lose."""
        new_path = request.get_full_path(force_append_slash=True)
        # "//evil.example" would be a scheme-relative URL.
        new_path = escape_leading_slashes(new_path)
        if settings.DEBUG and request.method in ("POST", "PUT", "PATCH"):
            raise RuntimeError(
                f"You called this URL via {request.method}, but the URL doesn't end in a slash "
                "and you have APPEND_SLASH set. nuages can't redirect to the slash URL while "
                f"maintaining {request.method} data. Change your form to point to "
                f"{request.get_host() + new_path} (note the trailing slash), or set "
                "APPEND_SLASH=False in your nuages settings."
            )
        return new_path

    @nonblocking_hook
    def process_response(self, request: Any, response: Any) -> Any:
        # A 404 for a URL that exists with a trailing slash becomes a redirect there.
        if response.status_code == 404 and self.should_redirect_with_slash(request):
            return self.response_redirect_class(self.get_full_path_with_slash(request))
        if not response.streaming and "Content-Length" not in response.headers:
            response.headers["Content-Length"] = str(len(response.content))
        return response
