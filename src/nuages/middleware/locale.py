"""LocaleMiddleware: activate the language each request asks for."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.conf.urls.i18n import is_language_prefix_patterns_used
from nuages.http import HttpResponseRedirect
from nuages.urls import get_script_prefix, is_valid_path
from nuages.utils import translation
from nuages.utils.cache import patch_vary_headers
from nuages.utils.deprecation import MiddlewareMixin, nonblocking_hook

__all__ = ["LocaleMiddleware"]


def _urlconf(request: Any) -> Any:
    # Read ROOT_URLCONF only when the request does not name its own URLconf.
    urlconf = getattr(request, "urlconf", None)
    return settings.ROOT_URLCONF if urlconf is None else urlconf


class LocaleMiddleware(MiddlewareMixin):
    """Pick the request's language (URL prefix, cookie, Accept-Language), activate it for the
    view, set request.LANGUAGE_CODE and the Content-Language header, and redirect URLs of
    i18n_patterns() that lack their language prefix."""

    response_redirect_class = HttpResponseRedirect

    # Both hooks only touch in-memory state: they run inline, so the activation made in
    # process_request stays in the request's own context (task or thread).
    @nonblocking_hook
    def process_request(self, request: Any) -> None:
        urlconf = _urlconf(request)
        i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
        language = translation.get_language_from_request(request, check_path=i18n_patterns_used)
        language_from_path = translation.get_language_from_path(request.path_info)
        if not language_from_path and i18n_patterns_used and not prefixed_default_language:
            # An unprefixed URL means the default language there, whatever the browser says.
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    @nonblocking_hook
    def process_response(self, request: Any, response: Any) -> Any:
        language = translation.get_language()
        language_from_path = translation.get_language_from_path(request.path_info)
        urlconf = _urlconf(request)
        i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)

        if (
            response.status_code == 404
            and not language_from_path
            and i18n_patterns_used
            and prefixed_default_language
        ):
            redirect = self._redirect_to_prefixed(request, language, urlconf)
            if redirect is not None:
                return redirect

        if not (i18n_patterns_used and language_from_path):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response

    def _redirect_to_prefixed(self, request: Any, language: str, urlconf: Any) -> Any:
        """A redirect to the language-prefixed URL when that one exists, else None."""
        language_path = f"/{language}{request.path_info}"
        path_valid = is_valid_path(language_path, urlconf)
        needs_slash = (
            not path_valid
            and settings.APPEND_SLASH
            and not language_path.endswith("/")
            and is_valid_path(f"{language_path}/", urlconf)
        )
        if not (path_valid or needs_slash):
            return None
        script_prefix = get_script_prefix()
        # The language goes after the script prefix, before the rest of the path.
        language_url = request.get_full_path(force_append_slash=needs_slash).replace(
            script_prefix, f"{script_prefix}{language}/", 1
        )
        redirect = self.response_redirect_class(language_url)
        # The target depends on the negotiated language: caches must know.
        patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
        return redirect
