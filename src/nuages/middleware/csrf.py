"""Cross-site request forgery protection: CsrfViewMiddleware, get_token() and rotate_token().

A per-browser secret (32 characters) lives in the CSRF cookie. Pages embed a masked token
(64 characters: a random mask followed by the secret shifted by the mask), so the value in the
HTML changes on every request (no BREACH-style compression oracle) while any of them unmasks to
the same secret. The format is Django's, so tokens and cookies issued by either validate in
the other.

On unsafe methods the middleware checks, in order: the Origin header (against the request's own
origin and CSRF_TRUSTED_ORIGINS), else on HTTPS the Referer header, then the token (POST field
`csrfmiddlewaretoken`, else the CSRF_HEADER_NAME header) against the cookie's secret.
"""

from __future__ import annotations

import logging
import string
from collections import defaultdict
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from nuages.conf import settings
from nuages.core.exceptions import DisallowedHost, ImproperlyConfigured
from nuages.http.request import HttpHeaders, UnreadablePostError
from nuages.utils.cache import patch_vary_headers
from nuages.utils.crypto import constant_time_compare, get_random_string
from nuages.utils.deprecation import MiddlewareMixin, nonblocking_hook
from nuages.utils.http import is_same_domain
from nuages.utils.log import log_response
from nuages.utils.module_loading import import_string

__all__ = [
    "CSRF_ALLOWED_CHARS",
    "CSRF_SECRET_LENGTH",
    "CSRF_SESSION_KEY",
    "CSRF_TOKEN_LENGTH",
    "REASON_BAD_ORIGIN",
    "REASON_BAD_REFERER",
    "REASON_CSRF_TOKEN_MISSING",
    "REASON_INCORRECT_LENGTH",
    "REASON_INSECURE_REFERER",
    "REASON_INVALID_CHARACTERS",
    "REASON_MALFORMED_REFERER",
    "REASON_NO_CSRF_COOKIE",
    "REASON_NO_REFERER",
    "CsrfViewMiddleware",
    "InvalidTokenFormat",
    "RejectRequest",
    "get_token",
    "rotate_token",
]

logger = logging.getLogger("nuages.security.csrf")

REASON_BAD_ORIGIN = "Origin checking failed - %s does not match any trusted origins."
REASON_NO_REFERER = "Referer checking failed - no Referer."
REASON_BAD_REFERER = "Referer checking failed - %s does not match any trusted origins."
REASON_NO_CSRF_COOKIE = "CSRF cookie not set."
REASON_CSRF_TOKEN_MISSING = "CSRF token missing."
REASON_MALFORMED_REFERER = "Referer checking failed - Referer is malformed."
REASON_INSECURE_REFERER = "Referer checking failed - Referer is insecure while host is secure."
# These two complete "CSRF token from <source> ..." or "CSRF cookie ...".
REASON_INCORRECT_LENGTH = "has incorrect length"
REASON_INVALID_CHARACTERS = "has invalid characters"

CSRF_SECRET_LENGTH = 32
CSRF_TOKEN_LENGTH = 2 * CSRF_SECRET_LENGTH
CSRF_ALLOWED_CHARS = string.ascii_letters + string.digits
CSRF_SESSION_KEY = "_csrftoken"

_SAFE_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "TRACE"))
_CHAR_INDEX = {c: i for i, c in enumerate(CSRF_ALLOWED_CHARS)}
_N_CHARS = len(CSRF_ALLOWED_CHARS)


class InvalidTokenFormat(Exception):
    """A token or cookie value of the wrong length or with characters outside [a-zA-Z0-9]."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


class RejectRequest(Exception):
    """Raised inside the checks; the middleware turns it into the failure view's 403."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _get_new_csrf_string() -> str:
    return get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)


def _mask_cipher_secret(secret: str) -> str:
    """mask + (secret shifted character by character by the mask), 64 characters."""
    mask = _get_new_csrf_string()
    index = _CHAR_INDEX
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(index[s] + index[m]) % _N_CHARS]
        for s, m in zip(secret, mask, strict=True)
    )
    return mask + cipher


def _unmask_cipher_token(token: str) -> str:
    """The secret a 64-character masked token carries (the inverse of _mask_cipher_secret)."""
    mask, cipher = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
    index = _CHAR_INDEX
    return "".join(
        CSRF_ALLOWED_CHARS[(index[c] - index[m]) % _N_CHARS]
        for c, m in zip(cipher, mask, strict=True)
    )


def _add_new_csrf_cookie(request: Any) -> str:
    """Give the request a fresh secret, sent as the cookie by process_response()."""
    secret = _get_new_csrf_string()
    request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return secret


def get_token(request: Any) -> str:
    """A masked CSRF token for a form or an AJAX header (a new one per call, same secret).

    Using the token marks the cookie to be (re)sent with the response, which also renews its
    expiry; a request without a cookie gets a new secret.
    """
    if "CSRF_COOKIE" in request.META:
        secret = request.META["CSRF_COOKIE"]
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    else:
        secret = _add_new_csrf_cookie(request)
    return _mask_cipher_secret(secret)


def rotate_token(request: Any) -> None:
    """Replace the request's CSRF secret (on login, so a token seen before is useless after)."""
    _add_new_csrf_cookie(request)


def _check_token_format(token: str) -> None:
    if len(token) not in (CSRF_TOKEN_LENGTH, CSRF_SECRET_LENGTH):
        raise InvalidTokenFormat(REASON_INCORRECT_LENGTH)
    if not all(c in _CHAR_INDEX for c in token):
        raise InvalidTokenFormat(REASON_INVALID_CHARACTERS)


def _does_token_match(request_token: str, secret: str) -> bool:
    """Does a (masked or plain) token carry this secret? The format was checked already."""
    if len(request_token) == CSRF_TOKEN_LENGTH:
        request_token = _unmask_cipher_token(request_token)
    return constant_time_compare(request_token, secret)


def _get_failure_view() -> Callable:
    return import_string(settings.CSRF_FAILURE_VIEW)


def _bad_token_message(reason: str, token_source: str) -> str:
    if token_source != "POST":
        # A META key such as HTTP_X_CSRFTOKEN, shown as the header a client sends.
        header = HttpHeaders.parse_header_name(token_source) or token_source
        token_source = f"the {header!r} HTTP header"
    return f"CSRF token from {token_source} {reason}."


class CsrfViewMiddleware(MiddlewareMixin):
    """Refuse unsafe requests (POST, PUT, PATCH, DELETE ...) that lack a valid CSRF token.

    Safe methods pass; views marked csrf_exempt pass; requests flagged
    `_dont_enforce_csrf_checks` (the test client's default) pass. Failures go to
    CSRF_FAILURE_VIEW with the reason, and are logged to 'nuages.security.csrf'.
    """

    # -- trusted origins (CSRF_TRUSTED_ORIGINS is read per use: override_settings applies) ---

    def _origins(self) -> tuple[set[str], dict[str, list[str]], list[str]]:
        origins = tuple(settings.CSRF_TRUSTED_ORIGINS)
        cached = self.__dict__.get("_origins_cache")
        if cached is not None and cached[0] == origins:
            return cached[1]
        exact = {o for o in origins if "*" not in o}
        subdomains: dict[str, list[str]] = defaultdict(list)
        hosts = []
        for origin in origins:
            parts = urlsplit(origin)
            hosts.append(parts.netloc.lstrip("*"))
            if "*" in origin:
                subdomains[parts.scheme].append(parts.netloc.lstrip("*"))
        result = (exact, dict(subdomains), hosts)
        self.__dict__["_origins_cache"] = (origins, result)
        return result

    # -- outcome ------------------------------------------------------------------------

    def _accept(self, request: Any) -> None:
        # Lets an inner csrf_protect (or the middleware applied twice) skip the work.
        request.csrf_processing_done = True
        return None

    def _reject(self, request: Any, reason: str) -> Any:
        response = _get_failure_view()(request, reason=reason)
        log_response(
            "Forbidden (%s): %s",
            reason,
            request.path,
            response=response,
            request=request,
            logger=logger,
        )
        return response

    # -- the secret ---------------------------------------------------------------------

    def _get_secret(self, request: Any) -> str | None:
        """The secret from the cookie (None if absent); InvalidTokenFormat if malformed."""
        if settings.CSRF_USE_SESSIONS:
            raise ImproperlyConfigured(
                "CSRF_USE_SESSIONS = True needs nuages.contrib.sessions, which is not available "
                "yet: keep CSRF_USE_SESSIONS = False (the CSRF secret is then kept in the "
                "CSRF_COOKIE_NAME cookie)."
            )
        try:
            secret = request.COOKIES[settings.CSRF_COOKIE_NAME]
        except KeyError:
            return None
        _check_token_format(secret)
        if len(secret) == CSRF_TOKEN_LENGTH:
            # A masked cookie (older Django versions stored those): keep its secret, and send
            # the plain secret back.
            secret = _unmask_cipher_token(secret)
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        return secret

    def _set_csrf_cookie(self, request: Any, response: Any) -> None:
        response.set_cookie(
            settings.CSRF_COOKIE_NAME,
            request.META["CSRF_COOKIE"],
            max_age=settings.CSRF_COOKIE_AGE,
            domain=settings.CSRF_COOKIE_DOMAIN,
            path=settings.CSRF_COOKIE_PATH,
            secure=settings.CSRF_COOKIE_SECURE,
            httponly=settings.CSRF_COOKIE_HTTPONLY,
            samesite=settings.CSRF_COOKIE_SAMESITE,
        )
        # The page holds a token tied to this browser's cookie: caches must key on it.
        patch_vary_headers(response, ("Cookie",))

    # -- origin and referer -------------------------------------------------------------

    def _origin_verified(self, request: Any) -> bool:
        request_origin = request.META["HTTP_ORIGIN"]
        try:
            good_host = request.get_host()
        except DisallowedHost:
            pass
        else:
            scheme = "https" if request.is_secure() else "http"
            if request_origin == f"{scheme}://{good_host}":
                return True
        exact, subdomains, _hosts = self._origins()
        if request_origin in exact:
            return True
        try:
            parsed = urlsplit(request_origin)
        except ValueError:
            return False
        return any(
            is_same_domain(parsed.netloc, host) for host in subdomains.get(parsed.scheme, ())
        )

    def _check_referer(self, request: Any) -> None:
        referer = request.META.get("HTTP_REFERER")
        if referer is None:
            raise RejectRequest(REASON_NO_REFERER)
        try:
            parsed = urlsplit(referer)
        except ValueError:
            raise RejectRequest(REASON_MALFORMED_REFERER) from None
        if "" in (parsed.scheme, parsed.netloc):
            raise RejectRequest(REASON_MALFORMED_REFERER)
        # An HTTPS page posting from an HTTP one could be a man-in-the-middle.
        if parsed.scheme != "https":
            raise RejectRequest(REASON_INSECURE_REFERER)
        _exact, _subdomains, hosts = self._origins()
        if any(is_same_domain(parsed.netloc, host) for host in hosts):
            return
        # With a CSRF_COOKIE_DOMAIN, any host that can read the cookie is a good referer.
        good_referer = (
            settings.SESSION_COOKIE_DOMAIN
            if settings.CSRF_USE_SESSIONS
            else settings.CSRF_COOKIE_DOMAIN
        )
        if good_referer is None:
            try:
                good_referer = request.get_host()
            except DisallowedHost:
                raise RejectRequest(REASON_BAD_REFERER % parsed.geturl()) from None
        else:
            port = request.get_port()
            if port not in ("443", "80"):
                good_referer = f"{good_referer}:{port}"
        if not is_same_domain(parsed.netloc, good_referer):
            raise RejectRequest(REASON_BAD_REFERER % parsed.geturl())

    # -- the token ----------------------------------------------------------------------

    def _check_token(self, request: Any) -> None:
        try:
            secret = self._get_secret(request)
        except InvalidTokenFormat as exc:
            raise RejectRequest(f"CSRF cookie {exc.reason}.") from None
        if secret is None:
            raise RejectRequest(REASON_NO_CSRF_COOKIE)

        request_token = ""
        if request.method == "POST":
            try:
                request_token = request.POST.get("csrfmiddlewaretoken", "")
            except UnreadablePostError:
                # The client went away mid-body: fall through to the header (likely a 403).
                pass
        if request_token == "":
            # Scripts send the token in a header; PUT and DELETE have no form body to read.
            try:
                request_token = request.META[settings.CSRF_HEADER_NAME]
            except KeyError:
                raise RejectRequest(REASON_CSRF_TOKEN_MISSING) from None
            token_source = settings.CSRF_HEADER_NAME
        else:
            token_source = "POST"

        try:
            _check_token_format(request_token)
        except InvalidTokenFormat as exc:
            raise RejectRequest(_bad_token_message(exc.reason, token_source)) from None
        if not _does_token_match(request_token, secret):
            raise RejectRequest(_bad_token_message("incorrect", token_source))

    # -- hooks (pure CPU: run inline under ASGI) ------------------------------------------

    @nonblocking_hook
    def process_request(self, request: Any) -> None:
        try:
            secret = self._get_secret(request)
        except InvalidTokenFormat:
            # A garbled cookie is replaced rather than refused here (safe requests still work).
            _add_new_csrf_cookie(request)
        else:
            if secret is not None:
                # get_token() reuses the cookie's secret rather than minting one.
                request.META["CSRF_COOKIE"] = secret

    @nonblocking_hook
    def process_view(
        self, request: Any, callback: Callable, callback_args: tuple, callback_kwargs: dict
    ) -> Any:
        if getattr(request, "csrf_processing_done", False):
            return None
        if getattr(callback, "csrf_exempt", False):
            return None
        # RFC 9110: these methods are safe, so they need no protection.
        if request.method in _SAFE_METHODS:
            return self._accept(request)
        if getattr(request, "_dont_enforce_csrf_checks", False):
            # The test client sets this unless Client(enforce_csrf_checks=True).
            return self._accept(request)

        # Browsers send Origin on cross-origin (and most same-origin) unsafe requests.
        if "HTTP_ORIGIN" in request.META:
            if not self._origin_verified(request):
                return self._reject(request, REASON_BAD_ORIGIN % request.META["HTTP_ORIGIN"])
        elif request.is_secure():
            # No Origin over HTTPS: fall back to a strict Referer check.
            try:
                self._check_referer(request)
            except RejectRequest as exc:
                return self._reject(request, exc.reason)

        try:
            self._check_token(request)
        except RejectRequest as exc:
            return self._reject(request, exc.reason)
        return self._accept(request)

    @nonblocking_hook
    def process_response(self, request: Any, response: Any) -> Any:
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            self._set_csrf_cookie(request, response)
            # Applied twice (middleware + csrf_protect), send the cookie once.
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        return response
