"""RequestFactory and AsyncRequestFactory: build requests for views without the handler.

Also the body encoders the test client shares: multipart (the default for post()), JSON for
dict/list/tuple data sent as application/json, and raw bytes for any other content type.
"""

from __future__ import annotations

import json
import mimetypes
import os
import re
from collections.abc import Iterable
from http.cookies import SimpleCookie
from io import BytesIO
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from nuages.conf import settings
from nuages.core._cached_settings import get_setting
from nuages.core.handlers.asgi import ASGIRequest
from nuages.core.handlers.wsgi import WSGIRequest
from nuages.core.serializers.json import DjangoJSONEncoder
from nuages.http import HttpHeaders
from nuages.utils.encoding import force_bytes
from nuages.utils.http import urlencode

__all__ = [
    "BOUNDARY",
    "CONTENT_TYPE_RE",
    "JSON_CONTENT_TYPE_RE",
    "MULTIPART_CONTENT",
    "AsyncRequestFactory",
    "FakePayload",
    "RequestFactory",
    "encode_file",
    "encode_multipart",
]

BOUNDARY = "BoUnDaRyStRiNg"
MULTIPART_CONTENT = f"multipart/form-data; boundary={BOUNDARY}"
CONTENT_TYPE_RE = re.compile(r".*; charset=([\w-]+);?")
# Structured suffix spec: https://tools.ietf.org/html/rfc6838#section-4.2.8
JSON_CONTENT_TYPE_RE = re.compile(r"^application\/(.+\+)?json")


class FakePayload(BytesIO):
    """A request body: written while the request is built, then read by the request.

    Writing after reading has started is an error: the request would see a torn body.
    """

    def __init__(self, initial_bytes: bytes | str | None = None) -> None:
        super().__init__()
        self.read_started = False
        self._length = 0
        if initial_bytes:  # writing b"" or "" would change nothing
            self.write(initial_bytes)

    def __len__(self) -> int:
        return self._length

    def _start_reading(self) -> None:
        if not self.read_started:
            self.seek(0)
            self.read_started = True

    def read(self, size: int | None = -1, /) -> bytes:
        self._start_reading()
        return super().read(size)

    def readline(self, size: int | None = -1, /) -> bytes:
        self._start_reading()
        return super().readline(size)

    def write(self, data: Any, /) -> int:
        if self.read_started:
            raise ValueError("Unable to write a payload after it's been read")
        content = force_bytes(data)
        self._length += len(content)
        return super().write(content)


def _is_file(thing: Any) -> bool:
    return callable(getattr(thing, "read", None))


def _to_bytes(value: Any) -> bytes:
    return force_bytes(value, settings.DEFAULT_CHARSET)


def _items(data: Any) -> Iterable[tuple[str, Any]]:
    # A MultiValueDict/QueryDict sends every value of a key, like a list does.
    lists = getattr(data, "lists", None)
    return lists() if callable(lists) else data.items()


def _none_error(key: str) -> TypeError:
    return TypeError(
        f"Cannot encode None for key '{key}' as POST data. Did you mean to pass an empty "
        "string or omit the value?"
    )


def encode_file(boundary: str, key: str, file: Any) -> list[bytes]:
    """The multipart lines for one uploaded file (name, guessed content type, content)."""
    # Rewind files already read, so the same file object can be posted twice.
    if callable(getattr(file, "seek", None)) and getattr(file, "seekable", lambda: True)():
        file.seek(0)
    filename = os.path.basename(file.name) if getattr(file, "name", None) else ""
    content_type = getattr(file, "content_type", None)
    if content_type is None and filename:
        content_type = mimetypes.guess_type(filename)[0]
    content_type = content_type or "application/octet-stream"
    filename = filename or key
    return [
        _to_bytes(f"--{boundary}"),
        _to_bytes(f'Content-Disposition: form-data; name="{key}"; filename="{filename}"'),
        _to_bytes(f"Content-Type: {content_type}"),
        b"",
        _to_bytes(file.read()),
    ]


def encode_multipart(boundary: str, data: Any) -> bytes:
    """A multipart/form-data body: strings, lists of values, and file objects."""
    lines: list[bytes] = []

    def field(key: str, value: Any) -> None:
        lines.extend(
            [
                _to_bytes(f"--{boundary}"),
                _to_bytes(f'Content-Disposition: form-data; name="{key}"'),
                b"",
                _to_bytes(value),
            ]
        )

    for key, value in _items(data):
        if value is None:
            raise _none_error(key)
        if _is_file(value):
            lines.extend(encode_file(boundary, key, value))
        elif not isinstance(value, str | bytes) and isinstance(value, Iterable):
            for item in value:
                if item is None:
                    raise _none_error(key)
                if _is_file(item):
                    lines.extend(encode_file(boundary, key, item))
                else:
                    field(key, item)
        else:
            field(key, value)
    lines.extend([_to_bytes(f"--{boundary}--"), b""])
    return b"\r\n".join(lines)


class _BaseFactory:
    """Encoding and argument handling shared by the sync and async factories."""

    def __init__(
        self,
        *,
        json_encoder: type[json.JSONEncoder] = DjangoJSONEncoder,
        headers: dict[str, str] | None = None,
        query_params: Any = None,
        **defaults: Any,
    ) -> None:
        self.json_encoder = json_encoder
        self.defaults = defaults
        self.cookies: SimpleCookie = SimpleCookie()
        self.errors = BytesIO()
        self.headers = headers
        self.query_params = query_params
        self._init_defaults(headers, query_params)

    def _init_defaults(self, headers: dict[str, str] | None, query_params: Any) -> None:
        if headers:
            self.defaults.update(HttpHeaders.to_wsgi_names(headers))
        if query_params:
            self.defaults["QUERY_STRING"] = urlencode(query_params, doseq=True)

    def _encode_data(self, data: Any, content_type: str | None) -> bytes:
        if content_type is MULTIPART_CONTENT:
            return encode_multipart(BOUNDARY, data)
        # Any other content type is sent as given, encoded with its charset.
        match = CONTENT_TYPE_RE.match(content_type or "")
        charset = match[1] if match else settings.DEFAULT_CHARSET
        return force_bytes(data, encoding=charset)

    def _encode_json(self, data: Any, content_type: str | None) -> Any:
        if (
            content_type
            and JSON_CONTENT_TYPE_RE.match(content_type)
            and isinstance(data, dict | list | tuple)
        ):
            return json.dumps(data, cls=self.json_encoder)
        return data

    def _query_request(
        self,
        method: str,
        path: str,
        data: Any,
        secure: bool,
        headers: dict | None,
        query_params: Any,
        extra: dict[str, Any],
    ) -> Any:
        """GET and HEAD: data (or query_params) becomes the query string."""
        if query_params and data:
            raise ValueError("query_params and data arguments are mutually exclusive.")
        query_params = data or query_params or {}
        return self.generic(
            method, path, secure=secure, headers=headers, query_params=query_params, **extra
        )

    def _json_request(
        self,
        method: str,
        path: str,
        data: Any,
        content_type: str,
        secure: bool,
        headers: dict | None,
        query_params: Any,
        extra: dict[str, Any],
    ) -> Any:
        """PUT, PATCH and DELETE: the body as given, JSON-encoded for a JSON content type."""
        return self.generic(
            method,
            path,
            self._encode_json(data, content_type),
            content_type,
            secure=secure,
            headers=headers,
            query_params=query_params,
            **extra,
        )

    def get(
        self,
        path: str,
        data: Any = None,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        """A GET request; data (or query_params) becomes the query string."""
        return self._query_request("GET", path, data, secure, headers, query_params, extra)

    def post(
        self,
        path: str,
        data: Any = None,
        content_type: str = MULTIPART_CONTENT,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        """A POST request; multipart form data unless another content_type is given."""
        data = self._encode_json({} if data is None else data, content_type)
        body = self._encode_data(data, content_type)
        return self.generic(
            "POST",
            path,
            body,
            content_type,
            secure=secure,
            headers=headers,
            query_params=query_params,
            **extra,
        )

    def head(
        self,
        path: str,
        data: Any = None,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self._query_request("HEAD", path, data, secure, headers, query_params, extra)

    def trace(
        self,
        path: str,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self.generic(
            "TRACE", path, secure=secure, headers=headers, query_params=query_params, **extra
        )

    def options(
        self,
        path: str,
        data: Any = "",
        content_type: str = "application/octet-stream",
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self.generic(
            "OPTIONS",
            path,
            data,
            content_type,
            secure=secure,
            headers=headers,
            query_params=query_params,
            **extra,
        )

    def put(
        self,
        path: str,
        data: Any = "",
        content_type: str = "application/octet-stream",
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self._json_request(
            "PUT", path, data, content_type, secure, headers, query_params, extra
        )

    def patch(
        self,
        path: str,
        data: Any = "",
        content_type: str = "application/octet-stream",
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self._json_request(
            "PATCH", path, data, content_type, secure, headers, query_params, extra
        )

    def delete(
        self,
        path: str,
        data: Any = "",
        content_type: str = "application/octet-stream",
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self._json_request(
            "DELETE", path, data, content_type, secure, headers, query_params, extra
        )

    def generic(
        self,
        method: str,
        path: str,
        data: Any = "",
        content_type: str | None = "application/octet-stream",
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        raise NotImplementedError


class RequestFactory(_BaseFactory):
    """Build WSGIRequest objects, as the WSGI handler would receive them, to call views directly."""

    def _base_environ(self, **request: Any) -> dict[str, Any]:
        """The environ every request starts from (testserver, 127.0.0.1, HTTP/1.1)."""
        cookie = "; ".join(
            sorted(f"{morsel.key}={morsel.coded_value}" for morsel in self.cookies.values())
        )
        return {
            "HTTP_COOKIE": cookie,
            "PATH_INFO": "/",
            "REMOTE_ADDR": "127.0.0.1",
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": FakePayload(b""),
            "wsgi.errors": self.errors,
            "wsgi.multiprocess": True,
            "wsgi.multithread": False,
            "wsgi.run_once": False,
            **self.defaults,
            **request,
        }

    def request(self, **request: Any) -> Any:
        """A request from the base environ updated with the given WSGI keys."""
        return WSGIRequest(self._base_environ(**request))

    @staticmethod
    def _get_path(parsed: Any) -> str:
        # WSGI carries the path as latin-1-decoded bytes (PEP 3333).
        path = parsed.path
        if path.isascii() and "%" not in path:
            return path  # UTF-8 bytes read back as latin-1: the same ASCII text
        return unquote_to_bytes(path).decode("iso-8859-1")

    def generic(
        self,
        method: str,
        path: str,
        data: Any = "",
        content_type: str | None = "application/octet-stream",
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        """A request with any method and a raw body (bytes or str)."""
        parsed = urlsplit(str(path))
        body = force_bytes(data, get_setting("DEFAULT_CHARSET"))
        environ: dict[str, Any] = {
            "PATH_INFO": self._get_path(parsed),
            "REQUEST_METHOD": method,
            "SERVER_PORT": "443" if secure else "80",
            "wsgi.url_scheme": "https" if secure else "http",
        }
        if body:
            environ.update(
                {
                    "CONTENT_LENGTH": str(len(body)),
                    "CONTENT_TYPE": content_type,
                    "wsgi.input": FakePayload(body),
                }
            )
        if headers:
            extra.update(HttpHeaders.to_wsgi_names(headers))
        if query_params:
            extra["QUERY_STRING"] = urlencode(query_params, doseq=True)
        environ.update(extra)
        # Without an explicit query string, the one in the path is used (else the default).
        if not environ.get("QUERY_STRING") and (
            parsed.query or "QUERY_STRING" not in self.defaults
        ):
            environ["QUERY_STRING"] = parsed.query.encode().decode("iso-8859-1")
        return self.request(**environ)


class AsyncRequestFactory(_BaseFactory):
    """Build ASGIRequest objects from ASGI scopes; extra keyword arguments become headers."""

    def _init_defaults(self, headers: dict[str, str] | None, query_params: Any) -> None:
        if headers:
            self.defaults.update(HttpHeaders.to_asgi_names(headers))
        if query_params:
            self.defaults["QUERY_STRING"] = urlencode(query_params, doseq=True)

    def _base_scope(self, **request: Any) -> dict[str, Any]:
        """The scope every request starts from; like Django, it always carries a cookie header
        (empty without cookies)."""
        scope = {
            "asgi": {"version": "3.0"},
            "type": "http",
            "http_version": "1.1",
            "client": ["127.0.0.1", 0],
            "server": ("testserver", "80"),
            "scheme": "http",
            "method": "GET",
            "headers": [],
            **self.defaults,
            **request,
        }
        cookie = "; ".join(sorted(f"{m.key}={m.coded_value}" for m in self.cookies.values()))
        scope["headers"] = [*scope["headers"], (b"cookie", cookie.encode("ascii"))]
        return scope

    def request(self, **request: Any) -> Any:
        """A request from the base scope updated with the given scope keys."""
        body_file = request.pop("_body_file", None) or FakePayload(b"")
        body_file.seek(0)
        return ASGIRequest(self._base_scope(**request), body_file)

    def _scope(
        self,
        method: str,
        path: str,
        data: Any,
        content_type: str | None,
        secure: bool,
        headers: dict | None,
        query_params: Any,
        extra: dict[str, Any],
    ) -> dict[str, Any]:
        parsed = urlsplit(str(path))
        body = force_bytes(data, get_setting("DEFAULT_CHARSET"))
        scope: dict[str, Any] = {
            "method": method,
            "path": unquote(parsed.path),
            "server": ("127.0.0.1", "443" if secure else "80"),
            "scheme": "https" if secure else "http",
            "headers": [(b"host", b"testserver")],
        }
        if self.defaults:
            extra = {**self.defaults, **extra}
        if body:
            scope["headers"].extend(
                [
                    (b"content-length", str(len(body)).encode("ascii")),
                    (b"content-type", (content_type or "").encode("ascii")),
                ]
            )
            scope["_body_file"] = FakePayload(body)
        if query_params:
            scope["query_string"] = urlencode(query_params, doseq=True)
        elif query_string := extra.pop("QUERY_STRING", None):
            scope["query_string"] = query_string
        else:
            scope["query_string"] = parsed.query
        if headers:
            extra.update(HttpHeaders.to_asgi_names(headers))
        scope["headers"] += [
            (key.lower().replace("_", "-").encode("ascii"), str(value).encode("latin-1"))
            for key, value in extra.items()
        ]
        return scope

    def generic(
        self,
        method: str,
        path: str,
        data: Any = "",
        content_type: str | None = "application/octet-stream",
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        """A request with any method and a raw body (bytes or str)."""
        return self.request(
            **self._scope(method, path, data, content_type, secure, headers, query_params, extra)
        )
