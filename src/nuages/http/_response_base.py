"""HttpResponseBase: status, headers and cookies shared by every response class."""

from __future__ import annotations

import datetime
import functools
import re
import sys
import time
from collections.abc import Callable
from email.header import Header
from http.client import responses
from typing import Any

from nuages.core import signing
from nuages.core._cached_settings import get_setting
from nuages.http.cookie import SimpleCookie
from nuages.utils.datastructures import CaseInsensitiveMapping
from nuages.utils.http import http_date

__all__ = ["BadHeaderError", "HttpResponseBase", "ResponseHeaders"]

_CHARSET_FROM_CONTENT_TYPE = re.compile(r";\s*charset=(?P<charset>[^\s;]+)", re.I)
_SAMESITE_VALUES = frozenset({"lax", "none", "strict"})


@functools.lru_cache(maxsize=64)
def _charset_of(content_type: str | None) -> str | None:
    # A handful of distinct Content-Type values per site: cache the parse.
    if content_type:
        match = _CHARSET_FROM_CONTENT_TYPE.search(content_type)
        if match:
            return match["charset"].replace('"', "")
    return None


# Header names already checked (ASCII, no newline) -> their lower-case key. Names come from
# code, so they are few; the bound only guards against names built per request.
_CHECKED_NAMES: dict[str, str] = {}
_CHECKED_NAMES_LIMIT = 1024


class BadHeaderError(ValueError):
    """A header name or value contains a newline (a header-injection attempt)."""


def _newline_error(value: Any) -> BadHeaderError:
    return BadHeaderError(f"Header values can't contain newlines (got {value!r})")


class ResponseHeaders(CaseInsensitiveMapping):
    """Response headers: case-insensitive, names ASCII, values latin-1 (others MIME-encoded)."""

    def __init__(self, data: Any = None) -> None:
        self._store = {}
        if data:
            for header, value in self._unpack_items(data):
                self[header] = value

    @staticmethod
    def _convert_to_charset(value: Any, charset: str, mime_encode: bool = False) -> str:
        """value as a str valid in charset ('ascii' or 'latin-1'); newlines are refused."""
        if isinstance(value, bytes):
            try:
                value = value.decode(charset)
            except UnicodeError as exc:
                if b"\n" in value or b"\r" in value:
                    raise _newline_error(value) from exc
                exc.reason += f", HTTP response headers must be in {charset} format"
                raise
        elif type(value) is not str:
            value = str(value)
        if "\n" in value or "\r" in value:
            raise _newline_error(value)
        if not value.isascii():
            try:
                value.encode(charset)
            except UnicodeError as exc:
                if not mime_encode:
                    exc.reason += f", HTTP response headers must be in {charset} format"
                    raise
                value = Header(value, "utf-8", maxlinelen=sys.maxsize).encode()
        return value

    def __setitem__(self, key: Any, value: Any) -> None:
        lower = _CHECKED_NAMES.get(key) if type(key) is str else None
        if lower is None:
            checked = self._convert_to_charset(key, "ascii")
            lower = checked.lower()
            if checked is key and len(_CHECKED_NAMES) < _CHECKED_NAMES_LIMIT:
                _CHECKED_NAMES[key] = lower
            key = checked
        # Fast path for the usual value, a plain ASCII str without newlines: nothing to convert.
        if type(value) is not str or not value.isascii() or "\n" in value or "\r" in value:
            value = self._convert_to_charset(value, "latin-1", mime_encode=True)
        self._store[lower] = (key, value)

    def __delitem__(self, key: str) -> None:
        self.pop(key)

    def pop(self, key: str, default: Any = None) -> Any:
        """Remove a header and return its value (default if it was not set)."""
        item = self._store.pop(key.lower(), None)
        return default if item is None else item[1]

    def setdefault(self, key: str, value: Any) -> None:
        if key not in self:
            self[key] = value

    def _checked_items(self) -> tuple[tuple[str, tuple[str, str]], ...]:
        """The headers in the form _set_missing() takes, already checked (for middleware that
        add the same headers to every response)."""
        return tuple(self._store.items())

    def _set_missing(self, checked_items: tuple[tuple[str, tuple[str, str]], ...]) -> None:
        """setdefault() for each header of _checked_items() of another ResponseHeaders."""
        store = self._store
        for lower, item in checked_items:
            if lower not in store:
                store[lower] = item


class _LazyCookies:
    """response.cookies: an empty SimpleCookie made on first use (most responses set none),
    then an ordinary instance attribute."""

    def __get__(self, instance: Any, owner: type) -> Any:
        if instance is None:
            return self
        cookies = instance.__dict__["cookies"] = SimpleCookie()
        return cookies


_LAZY_COOKIES = _LazyCookies()


_LAZY_COOKIE_TYPES: set[type] = set()  # response classes whose cookies come from _LazyCookies


def cookies_if_any(response: Any) -> Any:
    """response.cookies, or None when no cookie was ever set (without making an empty jar)."""
    cls = type(response)
    if cls not in _LAZY_COOKIE_TYPES:
        if cls.cookies is not _LAZY_COOKIES:
            return response.cookies
        _LAZY_COOKIE_TYPES.add(cls)
    return response.__dict__.get("cookies")


class HttpResponseBase:
    """Status line, headers and cookies; subclasses decide how the body is held."""

    status_code = 200
    streaming = False
    cookies = _LAZY_COOKIES

    def __init__(
        self,
        content_type: str | None = None,
        status: int | None = None,
        reason: str | None = None,
        charset: str | None = None,
        headers: Any = None,
    ) -> None:
        self.headers = response_headers = ResponseHeaders(headers)
        self._charset = charset
        if "content-type" not in response_headers._store:
            if content_type is None:
                if charset is None:
                    charset = get_setting("DEFAULT_CHARSET")
                content_type = f"text/html; charset={charset}"
            response_headers["Content-Type"] = content_type
        elif content_type:
            raise ValueError(
                "'headers' must not contain 'Content-Type' when the 'content_type' parameter is provided."
            )
        self._resource_closers: list[Callable[[], Any]] = []
        # Set by the handler that serves this response (the sender of request_finished).
        self._handler_class = None
        self.closed = False
        if status is not None:
            try:
                self.status_code = int(status)
            except (ValueError, TypeError):
                raise TypeError("HTTP status code must be an integer.")
            if not 100 <= self.status_code <= 599:
                raise ValueError("HTTP status code must be an integer from 100 to 599.")
        self._reason_phrase = reason

    @property
    def reason_phrase(self) -> str:
        """The status text: the one given, else the standard one for the status code."""
        if self._reason_phrase is not None:
            return self._reason_phrase
        return responses.get(self.status_code, "Unknown Status Code")

    @reason_phrase.setter
    def reason_phrase(self, value: str) -> None:
        self._reason_phrase = value

    @property
    def charset(self) -> str:
        """The body's charset: given explicitly, else from Content-Type, else DEFAULT_CHARSET."""
        charset = self._charset
        if charset is not None:
            return charset
        # Not stored: the Content-Type may change later.
        headers = self.headers
        if type(headers) is ResponseHeaders:
            item = headers._store.get("content-type")
            content_type = None if item is None else item[1]
        else:
            content_type = headers.get("Content-Type")
        return _charset_of(content_type) or get_setting("DEFAULT_CHARSET")

    @charset.setter
    def charset(self, value: str) -> None:
        self._charset = value

    def serialize_headers(self) -> bytes:
        """The headers as they go on the wire, without the status line."""
        return b"\r\n".join(
            key.encode("ascii") + b": " + value.encode("latin-1")
            for key, value in self.headers.items()
        )

    __bytes__ = serialize_headers

    @property
    def _content_type_for_repr(self) -> str:
        return f', "{self.headers["Content-Type"]}"' if "Content-Type" in self.headers else ""

    # -- dict-like header access ------------------------------------------------------------

    def __setitem__(self, header: str, value: Any) -> None:
        self.headers[header] = value

    def __delitem__(self, header: str) -> None:
        del self.headers[header]

    def __getitem__(self, header: str) -> str:
        return self.headers[header]

    def has_header(self, header: str) -> bool:
        """Case-insensitive check for a header."""
        return header in self.headers

    __contains__ = has_header

    def items(self) -> Any:
        return self.headers.items()

    def get(self, header: str, alternate: Any = None) -> Any:
        return self.headers.get(header, alternate)

    def setdefault(self, key: str, value: Any) -> None:
        """Set a header unless it is already set."""
        self.headers.setdefault(key, value)

    # -- cookies ----------------------------------------------------------------------------

    def set_cookie(
        self,
        key: str,
        value: str = "",
        max_age: int | float | datetime.timedelta | None = None,
        expires: str | datetime.datetime | None = None,
        path: str | None = "/",
        domain: str | None = None,
        secure: bool = False,
        httponly: bool = False,
        samesite: str | None = None,
    ) -> None:
        """Set a cookie. `expires` is a datetime (converted to max-age) or a cookie date string."""
        # A fresh morsel: attributes of an earlier set_cookie()/delete_cookie() must not linger.
        self.cookies.pop(key, None)
        self.cookies[key] = value
        morsel = self.cookies[key]
        if expires is not None:
            if isinstance(expires, datetime.datetime):
                if expires.tzinfo is None or expires.tzinfo.utcoffset(expires) is None:
                    expires = expires.replace(tzinfo=datetime.UTC)
                if max_age is not None:
                    raise ValueError("'expires' and 'max_age' can't be used together.")
                # One second more: the sub-second part is lost on the way to whole seconds.
                delta = (
                    expires - datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(seconds=1)
                )
                max_age = max(0, delta.days * 86400 + delta.seconds)
                expires = None
            else:
                morsel["expires"] = expires
        else:
            morsel["expires"] = ""
        if max_age is not None:
            if isinstance(max_age, datetime.timedelta):
                max_age = max_age.total_seconds()
            morsel["max-age"] = int(max_age)
            # Old clients only know Expires: send both.
            if not expires:
                morsel["expires"] = http_date(time.time() + max_age)
        if path is not None:
            morsel["path"] = path
        if domain is not None:
            morsel["domain"] = domain
        if secure:
            morsel["secure"] = True
        if httponly:
            morsel["httponly"] = True
        if samesite:
            if samesite.lower() not in _SAMESITE_VALUES:
                raise ValueError('samesite must be "lax", "none", or "strict".')
            morsel["samesite"] = samesite

    def set_signed_cookie(self, key: str, value: str, salt: str = "", **kwargs: Any) -> None:
        """set_cookie() with a value signed for request.get_signed_cookie()."""
        value = signing.get_cookie_signer(salt=key + salt).sign(value)
        return self.set_cookie(key, value, **kwargs)

    def delete_cookie(
        self, key: str, path: str = "/", domain: str | None = None, samesite: str | None = None
    ) -> None:
        """Expire a cookie on the client (same path and domain as when it was set)."""
        # Browsers ignore a __Secure-/__Host- cookie, or a SameSite=None one, without Secure.
        secure = key.startswith(("__Secure-", "__Host-")) or bool(
            samesite and samesite.lower() == "none"
        )
        self.set_cookie(
            key,
            max_age=0,
            path=path,
            domain=domain,
            secure=secure,
            expires="Thu, 01 Jan 1970 00:00:00 GMT",
            samesite=samesite,
        )

    # -- content helpers and file-like API --------------------------------------------------

    def make_bytes(self, value: Any) -> bytes:
        """value as bytes, str encoded in the response charset."""
        if isinstance(value, bytes | memoryview):
            return bytes(value)
        if isinstance(value, str):
            return value.encode(self.charset)
        return str(value).encode(self.charset)

    def close(self) -> None:
        """Run the resource closers (files, iterators); the handler sends request_finished."""
        for closer in self._resource_closers:
            try:
                closer()
            except Exception:
                pass
        self._resource_closers.clear()
        self.closed = True

    def write(self, content: Any) -> None:
        raise OSError(f"This {type(self).__name__} instance is not writable")

    def flush(self) -> None:
        pass

    def tell(self) -> int:
        raise OSError(f"This {type(self).__name__} instance cannot tell its position")

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    def writable(self) -> bool:
        return False

    def writelines(self, lines: Any) -> None:
        raise OSError(f"This {type(self).__name__} instance is not writable")
