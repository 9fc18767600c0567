"""Response classes: HttpResponse and its status-specific, redirect, JSON and streaming kin."""

from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii

try:
    from json.encoder import c_make_encoder
except ImportError:  # pragma: no cover - CPython without its _json accelerator
    c_make_encoder = None
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from nuages.core.exceptions import DisallowedRedirect
from nuages.http._response_base import BadHeaderError, HttpResponseBase, ResponseHeaders
from nuages.http._streaming import FileResponse, StreamingHttpResponse
from nuages.utils._json import DjangoJSONEncoder
from nuages.utils.encoding import iri_to_uri
from nuages.utils.functional import cached_property
from nuages.utils.http import MAX_URL_REDIRECT_LENGTH

__all__ = [
    "BadHeaderError",
    "FileResponse",
    "Http404",
    "HttpResponse",
    "HttpResponseBadRequest",
    "HttpResponseBase",
    "HttpResponseForbidden",
    "HttpResponseGone",
    "HttpResponseNotAllowed",
    "HttpResponseNotFound",
    "HttpResponseNotModified",
    "HttpResponsePermanentRedirect",
    "HttpResponseRedirect",
    "HttpResponseRedirectBase",
    "HttpResponseServerError",
    "JsonResponse",
    "ResponseHeaders",
    "StreamingHttpResponse",
]


class HttpResponse(HttpResponseBase):
    """A response with its whole body in memory (str, bytes, or an iterable consumed at once)."""

    streaming = False
    # Attributes the test client adds that must not travel with a pickled (cached) response.
    non_picklable_attrs = frozenset(["resolver_match", "client", "context", "json", "templates"])

    def __init__(
        self,
        content: Any = b"",
        content_type: str | None = None,
        status: int | None = None,
        reason: str | None = None,
        charset: str | None = None,
        headers: Any = None,
    ) -> None:
        # HttpResponseBase's parameters spelled out: no argument tuple and dict to rebuild.
        super().__init__(content_type, status, reason, charset, headers)
        self.content = content

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        for attr in self.non_picklable_attrs:
            state.pop(attr, None)
        return state

    def __repr__(self) -> str:
        return f"<{type(self).__qualname__} status_code={self.status_code}{self._content_type_for_repr}>"

    def serialize(self) -> bytes:
        """Headers and body as bytes, as they would be written to the wire (no status line)."""
        return self.serialize_headers() + b"\r\n\r\n" + self.content

    __bytes__ = serialize

    @property
    def content(self) -> bytes:
        return b"".join(self._container)

    @content.setter
    def content(self, value: Any) -> None:
        value_type = type(value)
        if value_type is bytes:
            content = value
        elif value_type is str:
            content = value.encode(self.charset)
        # An iterator is consumed now, so the content can be read more than once.
        elif hasattr(value, "__iter__") and not isinstance(value, bytes | memoryview | str):
            content = b"".join(self.make_bytes(chunk) for chunk in value)
            if hasattr(value, "close"):
                try:
                    value.close()
                except Exception:
                    pass
        else:
            content = self.make_bytes(value)
        self._container = [content]
        self.__dict__.pop("text", None)

    @cached_property
    def text(self) -> str:
        """The body decoded with the response charset."""
        return self.content.decode(self.charset or "utf-8")

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._container)

    def write(self, content: Any) -> None:
        self._container.append(self.make_bytes(content))
        self.__dict__.pop("text", None)

    def tell(self) -> int:
        return len(self.content)

    def getvalue(self) -> bytes:
        return self.content

    def writable(self) -> bool:
        return True

    def writelines(self, lines: Iterable[Any]) -> None:
        for line in lines:
            self.write(line)


class HttpResponseRedirectBase(HttpResponse):
    """A redirect to `redirect_to` (Location header), refusing unsafe schemes and huge URLs."""

    allowed_schemes = ["http", "https", "ftp"]
    status_code_preserve_request: int

    def __init__(
        self,
        redirect_to: Any,
        preserve_request: bool = False,
        *args: Any,
        max_length: int | None = MAX_URL_REDIRECT_LENGTH,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self["Location"] = iri_to_uri(redirect_to)
        if max_length is not None and len(self["Location"]) > max_length:
            raise DisallowedRedirect(f"Unsafe redirect exceeding {max_length} characters")
        if preserve_request:
            self.status_code = self.status_code_preserve_request
        scheme = urlsplit(str(redirect_to)).scheme
        if scheme and scheme not in self.allowed_schemes:
            raise DisallowedRedirect(f"Unsafe redirect to URL with protocol '{scheme}'")

    @property
    def url(self) -> str:
        return self["Location"]

    def __repr__(self) -> str:
        return (
            f"<{type(self).__qualname__} status_code={self.status_code}"
            f'{self._content_type_for_repr}, url="{self.url}">'
        )


class HttpResponseRedirect(HttpResponseRedirectBase):
    """302 Found (307 with preserve_request=True)."""

    status_code = 302
    status_code_preserve_request = 307


class HttpResponsePermanentRedirect(HttpResponseRedirectBase):
    """301 Moved Permanently (308 with preserve_request=True)."""

    status_code = 301
    status_code_preserve_request = 308


class HttpResponseNotModified(HttpResponse):
    """304 Not Modified: no Content-Type, and no body allowed."""

    status_code = 304

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self["content-type"]

    @HttpResponse.content.setter
    def content(self, value: Any) -> None:
        if value:
            raise AttributeError("You cannot set content to a 304 (Not Modified) response")
        self._container = []


class HttpResponseBadRequest(HttpResponse):
    status_code = 400


class HttpResponseNotFound(HttpResponse):
    status_code = 404


class HttpResponseForbidden(HttpResponse):
    status_code = 403


class HttpResponseNotAllowed(HttpResponse):
    """405 Method Not Allowed, with the permitted methods in the Allow header."""

    status_code = 405

    def __init__(self, permitted_methods: Iterable[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self["Allow"] = ", ".join(permitted_methods)

    def __repr__(self) -> str:
        return (
            f"<{type(self).__qualname__} [{self['Allow']}] status_code={self.status_code}"
            f"{self._content_type_for_repr}>"
        )


class HttpResponseGone(HttpResponse):
    status_code = 410


class HttpResponseServerError(HttpResponse):
    status_code = 500


class Http404(Exception):
    """Raise it from a view to answer 404 Not Found."""


# json.dumps(data, cls=DjangoJSONEncoder) with default options, built once.
_DEFAULT_ENCODER = DjangoJSONEncoder()
_default_hook = _DEFAULT_ENCODER.default


def _encode_default(data: Any) -> str:
    """What _DEFAULT_ENCODER.encode(data) returns, calling the C encoder directly for the usual
    dict or list (JSONEncoder.encode and iterencode add a layer of Python per call)."""
    if c_make_encoder is None or (type(data) is not dict and type(data) is not list):
        return _DEFAULT_ENCODER.encode(data)
    # Same arguments iterencode passes for the default options; a fresh markers dict each
    # time, as there (circular references are detected per call, threads do not share it).
    encode = c_make_encoder(
        {}, _default_hook, encode_basestring_ascii, None, ": ", ", ", False, False, True
    )
    return "".join(encode(data, 0))


class JsonResponse(HttpResponse):
    """A response with `data` serialized as JSON (a dict unless safe=False)."""

    def __init__(
        self,
        data: Any,
        encoder: type[json.JSONEncoder] = DjangoJSONEncoder,
        safe: bool = True,
        json_dumps_params: dict | None = None,
        **kwargs: Any,
    ) -> None:
        if safe and not isinstance(data, dict):
            raise TypeError(
                "In order to allow non-dict objects to be serialized set the safe parameter to False."
            )
        kwargs.setdefault("content_type", "application/json")
        if encoder is DjangoJSONEncoder and not json_dumps_params:
            content = _encode_default(data)  # skips building an encoder per response
        else:
            content = json.dumps(data, cls=encoder, **(json_dumps_params or {}))
        super().__init__(content=content, **kwargs)
