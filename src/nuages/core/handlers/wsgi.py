"""The WSGI entry point: WSGIHandler, WSGIRequest and the body stream limited to CONTENT_LENGTH."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from io import IOBase
from typing import Any

from nuages.core import signals
from nuages.core._cached_settings import get_setting
from nuages.core.handlers.base import BaseHandler
from nuages.http import HttpRequest
from nuages.utils._script_prefix import set_script_prefix
from nuages.utils.encoding import repercent_broken_unicode

__all__ = [
    "LimitedStream",
    "WSGIHandler",
    "WSGIRequest",
    "get_bytes_from_wsgi",
    "get_path_info",
    "get_script_name",
    "get_str_from_wsgi",
]

_slashes_re = re.compile(rb"/+")


class LimitedStream(IOBase):
    """Wrap the WSGI input so that reads stop at CONTENT_LENGTH instead of blocking."""

    def __init__(self, stream: Any, limit: int) -> None:
        self._read = stream.read
        self._readline = stream.readline
        self._pos = 0
        self.limit = limit

    def read(self, size: int | None = -1, /) -> bytes:
        pos, limit = self._pos, self.limit
        if pos >= limit:
            return b""
        if size is None or size < 0:
            size = limit - pos
        else:
            size = min(size, limit - pos)
        data = self._read(size)
        self._pos += len(data)
        return data

    def readline(self, size: int | None = -1, /) -> bytes:
        pos, limit = self._pos, self.limit
        if pos >= limit:
            return b""
        if size is None or size < 0:
            size = limit - pos
        else:
            size = min(size, limit - pos)
        line = self._readline(size)
        self._pos += len(line)
        return line

    def readable(self) -> bool:
        return True


class WSGIRequest(HttpRequest):
    """An HttpRequest built from a WSGI environ (META is the environ itself)."""

    def __init__(self, environ: dict[str, Any]) -> None:
        script_name = get_script_name(environ)
        # PATH_INFO may be empty for a request to the application root.
        path_info = get_path_info(environ) or "/"
        self.environ = environ
        self.path_info = path_info
        self.path = "{}/{}".format(script_name.rstrip("/"), path_info.replace("/", "", 1))
        self.META = environ
        self.META["PATH_INFO"] = path_info
        self.META["SCRIPT_NAME"] = script_name
        self.method = environ["REQUEST_METHOD"].upper()
        content_length = environ.get("CONTENT_LENGTH")
        if content_length:  # absent or empty on most GET requests: no exception to pay for
            try:
                content_length = int(content_length)
            except (ValueError, TypeError):
                content_length = 0
        else:
            content_length = 0
        self._stream = LimitedStream(environ["wsgi.input"], max(content_length, 0))
        self._read_started = False
        self.resolver_match = None

    def _get_scheme(self) -> str:
        return self.environ.get("wsgi.url_scheme")


class WSGIHandler(BaseHandler):
    """A WSGI application running the middleware chain synchronously."""

    request_class = WSGIRequest

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.load_middleware()

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        if self._middleware_chain is None:
            self.load_middleware()
        set_script_prefix(get_script_name(environ))
        handler_class = self.__class__
        signals.request_started.send(sender=handler_class, environ=environ)
        request = self.request_class(environ)
        response = self.get_response(request)
        response._handler_class = handler_class
        # The server calls close() on the iterable: that is when the request is finished.
        response._resource_closers.append(self._request_finished)

        status = f"{response.status_code} {response.reason_phrase}"
        headers = [
            *response.items(),
            *(("Set-Cookie", cookie.OutputString()) for cookie in response.cookies.values()),
        ]
        start_response(status, headers)
        file_to_stream = getattr(response, "file_to_stream", None)
        if file_to_stream is not None and environ.get("wsgi.file_wrapper"):
            # The server closes the wrapper, which must close the response (and the file).
            file_to_stream.close = response.close
            return environ["wsgi.file_wrapper"](file_to_stream, response.block_size)
        return response

    def _request_finished(self) -> None:
        signals.request_finished.send(sender=self.__class__)


def get_path_info(environ: dict[str, Any]) -> str:
    """PATH_INFO as str: WSGI hands it over as latin-1, the URL itself is UTF-8."""
    value = environ.get("PATH_INFO", "/")
    if value.isascii():
        return value  # latin-1 to bytes and back as UTF-8 would give the same str
    return repercent_broken_unicode(value.encode("iso-8859-1")).decode()


def get_script_name(environ: dict[str, Any]) -> str:
    """The script name: FORCE_SCRIPT_NAME, else derived from SCRIPT_URL/REDIRECT_URL, else SCRIPT_NAME."""
    force_script_name = get_setting("FORCE_SCRIPT_NAME")
    if force_script_name is not None:
        return force_script_name
    # mod_rewrite (and other servers) leave the original URL here: the script name is what
    # comes before PATH_INFO in it.
    script_url = environ.get("SCRIPT_URL") or environ.get("REDIRECT_URL")
    if script_url:
        script_url = script_url.encode("iso-8859-1")
        if b"//" in script_url:
            script_url = _slashes_re.sub(b"/", script_url)
        path_info = get_bytes_from_wsgi(environ, "PATH_INFO", "")
        script_name = script_url.removesuffix(path_info) if path_info else script_url
    else:
        script_name = environ.get("SCRIPT_NAME", "")
        if script_name.isascii():
            return script_name
        script_name = script_name.encode("iso-8859-1")
    return script_name.decode()


def get_bytes_from_wsgi(environ: dict[str, Any], key: str, default: str) -> bytes:
    """An environ value as the original bytes (PEP 3333 carries them as latin-1 str)."""
    value = environ.get(key, default)
    return value.encode("iso-8859-1")


def get_str_from_wsgi(environ: dict[str, Any], key: str, default: str) -> str:
    """An environ value decoded as UTF-8 (undecodable bytes replaced)."""
    value = get_bytes_from_wsgi(environ, key, default)
    return value.decode(errors="replace")
