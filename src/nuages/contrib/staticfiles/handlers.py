"""Serve static files in front of the project's application, as runserver does in DEBUG.

The handlers answer requests below STATIC_URL from the finders and pass everything else on.
They are for development: files are looked up on every request.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
import posixpath
from collections.abc import Callable, Iterable, MutableMapping
from email.utils import formatdate, parsedate_to_datetime
from typing import Any
from urllib.parse import unquote, urlparse

from nuages.conf import settings
from nuages.contrib.staticfiles import finders
from nuages.contrib.staticfiles.utils import check_settings

__all__ = ["ASGIStaticFilesHandler", "StaticFilesHandler", "StaticFilesHandlerMixin"]

_CHUNK = 64 * 1024


def _not_modified(header: str | None, mtime: float) -> bool:
    if not header:
        return False
    try:
        since = parsedate_to_datetime(header).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return False
    return int(mtime) <= since


class StaticFilesHandlerMixin:
    """URL matching and file lookup shared by the ASGI and WSGI handlers."""

    application: Any

    def load_middleware(self) -> None:
        # The wrapped application has built its own middleware chain already.
        pass

    def get_base_url(self) -> str:
        check_settings()
        return settings.STATIC_URL

    @property
    def base_url(self) -> Any:
        return urlparse(self.get_base_url())

    def _should_handle(self, path: str) -> bool:
        """True for a local path below STATIC_URL (not when STATIC_URL is another host)."""
        base = self.base_url
        return path.startswith(base.path) and not base.netloc

    def file_path(self, url: str) -> str:
        """The path of url relative to STATIC_URL."""
        return unquote(url[len(self.base_url.path) :])

    def _lookup(self, url: str) -> tuple[int, dict[str, str], str | None]:
        """(status, headers, absolute path or None) for a GET of url, before conditions."""
        relative = posixpath.normpath(self.file_path(url)).lstrip("/")
        if relative in ("", ".") or url.endswith("/"):
            return 404, {}, None
        found = finders.find(relative)
        if not found or not os.path.isfile(found):
            return 404, {}, None
        stat = os.stat(found)
        content_type, encoding = mimetypes.guess_type(found)
        headers = {
            "Content-Type": content_type or "application/octet-stream",
            "Content-Length": str(stat.st_size),
            "Last-Modified": formatdate(stat.st_mtime, usegmt=True),
        }
        if encoding:
            headers["Content-Encoding"] = encoding
        return 200, headers, found

    def _respond(
        self, path: str, method: str, if_modified_since: str | None
    ) -> tuple[int, dict[str, str], str | None]:
        if method not in ("GET", "HEAD"):
            return 405, {"Allow": "GET, HEAD", "Content-Length": "0"}, None
        status, headers, found = self._lookup(path)
        if found is None:
            return status, {"Content-Type": "text/plain; charset=utf-8"}, None
        if _not_modified(if_modified_since, os.stat(found).st_mtime):
            return 304, {"Last-Modified": headers["Last-Modified"]}, None
        return status, headers, found


def _not_found_body(path: str) -> bytes:
    return f"'{path}' could not be found".encode()


class ASGIStaticFilesHandler(StaticFilesHandlerMixin):
    """ASGI application serving static files and passing other requests to application."""

    def __init__(self, application: Any) -> None:
        self.application = application
        self.base_url  # noqa: B018 - validate the settings now, not on the first request

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not self._should_handle(scope["path"]):
            await self.application(scope, receive, send)
            return
        request_headers = {
            k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]
        }
        status, headers, found = await asyncio.to_thread(
            self._respond, scope["path"], scope["method"], request_headers.get("if-modified-since")
        )
        body = _not_found_body(scope["path"]) if status == 404 else b""
        if status == 404:
            headers["Content-Length"] = str(len(body))
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()
                ],
            }
        )
        if found is None or scope["method"] == "HEAD":
            await send({"type": "http.response.body", "body": body})
            return
        with open(found, "rb") as handle:
            while True:
                chunk = await asyncio.to_thread(handle.read, _CHUNK)
                more = len(chunk) == _CHUNK
                await send({"type": "http.response.body", "body": chunk, "more_body": more})
                if not more:
                    break


class StaticFilesHandler(StaticFilesHandlerMixin):
    """WSGI application serving static files and passing other requests to application."""

    def __init__(self, application: Callable[..., Iterable[bytes]]) -> None:
        self.application = application
        self.base_url  # noqa: B018 - validate the settings now, not on the first request

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not self._should_handle(path):
            return self.application(environ, start_response)
        method = environ.get("REQUEST_METHOD", "GET")
        status, headers, found = self._respond(path, method, environ.get("HTTP_IF_MODIFIED_SINCE"))
        reasons = {200: "OK", 304: "Not Modified", 404: "Not Found", 405: "Method Not Allowed"}
        body = _not_found_body(path) if status == 404 else b""
        if status == 404:
            headers["Content-Length"] = str(len(body))
        start_response(f"{status} {reasons[status]}", list(headers.items()))
        if found is None or method == "HEAD":
            return [body]
        handle = open(found, "rb")  # noqa: SIM115 - the server closes the file wrapper
        wrapper = environ.get("wsgi.file_wrapper")
        return wrapper(handle, _CHUNK) if wrapper else _read_chunks(handle)


def _read_chunks(handle: Any) -> Iterable[bytes]:
    with handle:
        while chunk := handle.read(_CHUNK):
            yield chunk
