"""HttpRequest: one incoming request, parsed lazily (see docs/design/http-request.md)."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from io import BytesIO
from itertools import chain
from typing import Any
from urllib.parse import urljoin, urlsplit

from nuages.conf import settings
from nuages.core import signing
from nuages.core._cached_settings import get_setting
from nuages.core.exceptions import (
    BadRequest,
    DisallowedHost,
    ImproperlyConfigured,
    RequestDataTooBig,
    TooManyFilesSent,
)
from nuages.core.files import uploadhandler
from nuages.http._querydict import QueryDict, bytes_to_text
from nuages.http.cookie import parse_cookie
from nuages.http.multipartparser import MultiPartParser, MultiPartParserError
from nuages.utils.datastructures import CaseInsensitiveMapping, ImmutableList, MultiValueDict
from nuages.utils.encoding import escape_uri_path, iri_to_uri
from nuages.utils.functional import cached_property
from nuages.utils.http import is_same_domain, parse_header_parameters

__all__ = [
    "HttpHeaders",
    "HttpRequest",
    "MediaType",
    "QueryDict",
    "RawPostDataException",
    "UnreadablePostError",
    "bytes_to_text",
    "split_domain_port",
    "validate_host",
]

RAISE_ERROR = object()
_HOST_RE = re.compile(r"^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::([0-9]+))?$")
_BODY_TOO_BIG = "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE."
_READ_CHUNK = 64 * 1024


class UnreadablePostError(OSError):
    """The request body could not be read (the client went away, a broken stream)."""


class RawPostDataException(Exception):
    """`body` was asked for after the body stream had been read another way."""


class HttpHeaders(CaseInsensitiveMapping):
    """The request headers from META, keyed 'Content-Type', 'User-Agent'... case-insensitively.

    Underscores in a lookup key stand for hyphens, so templates can use headers.user_agent.
    """

    HTTP_PREFIX = "HTTP_"
    UNPREFIXED_HEADERS = {"CONTENT_TYPE", "CONTENT_LENGTH"}

    def __init__(self, environ: dict) -> None:
        headers = {}
        for name, value in environ.items():
            header = self.parse_header_name(name)
            if header:
                headers[header] = value
        super().__init__(headers)

    def __getitem__(self, key: str) -> Any:
        return super().__getitem__(key.replace("_", "-"))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key.replace("_", "-"))

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key.replace("_", "-"), default)

    @classmethod
    def parse_header_name(cls, header: str) -> str | None:
        """'HTTP_USER_AGENT' -> 'User-Agent'; None for META keys that are not headers."""
        if header.startswith(cls.HTTP_PREFIX):
            header = header[len(cls.HTTP_PREFIX) :]
        elif header not in cls.UNPREFIXED_HEADERS:
            return None
        return header.replace("_", "-").title()

    @classmethod
    def to_wsgi_name(cls, header: str) -> str:
        """'User-Agent' -> 'HTTP_USER_AGENT' ('Content-Type' -> 'CONTENT_TYPE')."""
        header = header.replace("-", "_").upper()
        if header in cls.UNPREFIXED_HEADERS:
            return header
        return f"{cls.HTTP_PREFIX}{header}"

    @classmethod
    def to_asgi_name(cls, header: str) -> str:
        """'User-Agent' -> 'USER_AGENT'."""
        return header.replace("-", "_").upper()

    @classmethod
    def to_wsgi_names(cls, headers: dict) -> dict:
        return {cls.to_wsgi_name(name): value for name, value in headers.items()}

    @classmethod
    def to_asgi_names(cls, headers: dict) -> dict:
        return {cls.to_asgi_name(name): value for name, value in headers.items()}


class MediaType:
    """One media range of an Accept header, e.g. 'text/html; q=0.9'."""

    def __init__(self, media_type_raw_line: str | None) -> None:
        full_type, self.params = parse_header_parameters(media_type_raw_line or "")
        self.main_type, _, self.sub_type = full_type.partition("/")

    def __str__(self) -> str:
        params = "".join(f"; {key}={value}" for key, value in self.params.items())
        sub = f"/{self.sub_type}" if self.sub_type else ""
        return f"{self.main_type}{sub}{params}"

    def __repr__(self) -> str:
        return f"<{type(self).__qualname__}: {self}>"

    @property
    def is_all_types(self) -> bool:
        return self.main_type == "*" and self.sub_type == "*"

    @cached_property
    def range_params(self) -> dict:
        """The parameters other than the quality 'q'."""
        return {key: value for key, value in self.params.items() if key != "q"}

    @cached_property
    def quality(self) -> float:
        """The q value in [0, 1] (rounded to 3 places); invalid or out-of-range values count as 1."""
        try:
            quality = float(self.params.get("q", 1))
        except ValueError:
            return 1
        if not 0 <= quality <= 1:
            return 1
        return round(quality, 3)

    @property
    def specificity(self) -> int:
        """0 for */*, 1 for type/*, 2 for type/subtype, 3 with parameters."""
        if self.main_type == "*":
            return 0
        if self.sub_type == "*":
            return 1
        return 3 if self.range_params else 2

    def match(self, other: MediaType | str | None) -> bool:
        """Does other fall in this range (wildcards on either side; parameters must agree)?"""
        if not other:
            return False
        if not isinstance(other, MediaType):
            other = MediaType(other)
        if not (self.main_type and self.sub_type and other.main_type and other.sub_type):
            return False
        for mine, theirs in ((self.main_type, other.main_type), (self.sub_type, other.sub_type)):
            if mine != theirs and "*" not in (mine, theirs):
                return False
        mine_params, their_params = self.range_params, other.range_params
        if bool(mine_params) == bool(their_params):
            return mine_params == their_params
        # A range with parameters matches a bare type; a bare range does not match a type with some.
        return bool(mine_params)


def split_domain_port(host: str) -> tuple[str, str]:
    """('example.com', '8000') for 'example.com:8000'; ('', '') if host is not valid."""
    match = _HOST_RE.match(host.lower())
    if match is None:
        return "", ""
    domain, port = match.groups(default="")
    return domain.removesuffix("."), port


def validate_host(host: str, allowed_hosts: list[str] | tuple[str, ...]) -> bool:
    """Does host match one of allowed_hosts ('*', '.example.com' subdomain wildcards, or exact)?"""
    return any(pattern == "*" or is_same_domain(host, pattern) for pattern in allowed_hosts)


# (host, ALLOWED_HOSTS) pairs get_host() has validated. Bounded: hosts come from clients.
_VALID_HOSTS: dict[tuple[str, tuple], bool] = {}
_VALID_HOSTS_LIMIT = 256


class HttpRequest:
    """An HTTP request. Handlers subclass it; see docs/design/http-request.md for the contract."""

    # Class-level defaults, so a handler subclass needs to set only META, path, path_info,
    # method and _stream.
    _read_started = False
    _upload_handlers: list = []
    _stream: Any = None
    resolver_match = None
    method: str | None = None
    path = ""
    path_info = ""

    def __init__(self) -> None:
        # A bare request, as Django builds it: empty mutable data, nothing read from META.
        self.GET = QueryDict(mutable=True)
        self._post = QueryDict(mutable=True)
        self.COOKIES: dict[str, str] = {}
        self.META: dict[str, Any] = {}
        self._files = MultiValueDict()
        self.path = ""
        self.path_info = ""
        self.method = None
        self.resolver_match = None
        self.content_type = None
        self.content_params = None
        self._encoding = None
        self._upload_handlers = []
        self._stream = BytesIO()

    def __repr__(self) -> str:
        if self.method is None or not self.get_full_path():
            return f"<{type(self).__name__}>"
        return f"<{type(self).__name__}: {self.method} {self.get_full_path()!r}>"

    # -- lazily parsed parts ----------------------------------------------------------------

    @cached_property
    def GET(self) -> QueryDict:
        return QueryDict(self.META.get("QUERY_STRING", ""), encoding=self._encoding)

    @cached_property
    def COOKIES(self) -> dict[str, str]:
        return parse_cookie(self.META.get("HTTP_COOKIE", ""))

    @cached_property
    def headers(self) -> HttpHeaders:
        return HttpHeaders(self.META)

    @cached_property
    def _content_type_and_params(self) -> tuple[str, dict]:
        return parse_header_parameters(self.META.get("CONTENT_TYPE", ""))

    @cached_property
    def content_type(self) -> str:
        return self._content_type_and_params[0]

    @cached_property
    def content_params(self) -> dict:
        return self._content_type_and_params[1]

    @cached_property
    def _encoding(self) -> str | None:
        # A charset on the Content-Type decides how GET and POST are decoded, if Python knows it.
        if "charset" not in self.META.get("CONTENT_TYPE", ""):
            return None
        charset = self.content_params.get("charset")
        if charset:
            try:
                codecs.lookup(charset)
            except LookupError:
                return None
            return charset
        return None

    @property
    def encoding(self) -> str | None:
        """The charset for GET/POST decoding; None means DEFAULT_CHARSET."""
        return self._encoding

    @encoding.setter
    def encoding(self, value: str | None) -> None:
        # Decoded data must follow the new encoding: drop it to be parsed again.
        self._encoding = value
        self.__dict__.pop("GET", None)
        self.__dict__.pop("_post", None)

    @cached_property
    def accepted_types(self) -> list[MediaType]:
        """The Accept header's media ranges, most preferred first (q=0 ones dropped)."""
        header = self.headers.get("Accept", "*/*")
        types = [MediaType(token) for token in header.split(",") if token.strip()]
        types = [media_type for media_type in types if media_type.quality != 0]
        return sorted(types, key=lambda t: (t.quality, t.specificity), reverse=True)

    def accepted_type(self, media_type: str) -> MediaType | None:
        """The most preferred accepted range that media_type falls in, or None."""
        wanted = MediaType(media_type)
        return next((accepted for accepted in self.accepted_types if wanted.match(accepted)), None)

    def accepts(self, media_type: str) -> bool:
        """Does the Accept header allow media_type?"""
        return self.accepted_type(media_type) is not None

    def get_preferred_type(self, media_types: list[str]) -> str | None:
        """The one of media_types the client prefers, or None if it accepts none of them."""
        if not media_types or not self.accepted_types:
            return None
        best = None
        best_rank = len(self.accepted_types)
        for media_type in media_types:
            accepted = self.accepted_type(media_type)
            if accepted is not None:
                rank = self.accepted_types.index(accepted)
                if rank < best_rank:
                    best, best_rank = media_type, rank
        return best

    # -- host, scheme, paths ----------------------------------------------------------------

    def _get_raw_host(self) -> str:
        meta = self.META
        if get_setting("USE_X_FORWARDED_HOST") and "HTTP_X_FORWARDED_HOST" in meta:
            return meta["HTTP_X_FORWARDED_HOST"]
        if "HTTP_HOST" in meta:
            return meta["HTTP_HOST"]
        # No Host header (HTTP/1.0): rebuild it as PEP 3333 describes.
        host = meta["SERVER_NAME"]
        port = self.get_port()
        if port and port != ("443" if self.is_secure() else "80"):
            host = f"{host}:{port}"
        return host

    def get_host(self) -> str:
        """The client's host (and port), checked against ALLOWED_HOSTS (DisallowedHost if not)."""
        host = self._get_raw_host()
        allowed_hosts = get_setting("ALLOWED_HOSTS")
        if get_setting("DEBUG") and not allowed_hosts:
            allowed_hosts = [".localhost", "127.0.0.1", "[::1]"]
        # Hosts are few: remember the ones found valid for these ALLOWED_HOSTS.
        key = (host, tuple(allowed_hosts))
        if key in _VALID_HOSTS:
            return host
        domain, _port = split_domain_port(host)
        if domain and validate_host(domain, allowed_hosts):
            if len(_VALID_HOSTS) >= _VALID_HOSTS_LIMIT:
                _VALID_HOSTS.clear()
            _VALID_HOSTS[key] = True
            return host
        message = f"Invalid HTTP_HOST header: {host!r}."
        if domain:
            message += f" You may need to add {domain!r} to ALLOWED_HOSTS."
        else:
            message += " The domain name provided is not valid according to RFC 1034/1035."
        raise DisallowedHost(message)

    def get_port(self) -> str:
        """The originating port (X-Forwarded-Port if USE_X_FORWARDED_PORT), as a string."""
        if get_setting("USE_X_FORWARDED_PORT") and "HTTP_X_FORWARDED_PORT" in self.META:
            return str(self.META["HTTP_X_FORWARDED_PORT"])
        return str(self.META.get("SERVER_PORT", ""))

    def get_full_path(self, force_append_slash: bool = False) -> str:
        """The path with the query string, e.g. '/music/bands/?print=true'."""
        return self._get_full_path(self.path, force_append_slash)

    def get_full_path_info(self, force_append_slash: bool = False) -> str:
        """Like get_full_path(), but from path_info (without the script prefix)."""
        return self._get_full_path(self.path_info, force_append_slash)

    def _get_full_path(self, path: str, force_append_slash: bool) -> str:
        slash = "/" if force_append_slash and not path.endswith("/") else ""
        query = self.META.get("QUERY_STRING", "")
        query = f"?{iri_to_uri(query)}" if query else ""
        return f"{escape_uri_path(path)}{slash}{query}"

    def build_absolute_uri(self, location: str | None = None) -> str:
        """The absolute URI of location (default: this request's full path)."""
        if location is None:
            location = f"//{self.get_full_path()}"
        else:
            location = str(location)
        bits = urlsplit(location)
        if not (bits.scheme and bits.netloc):
            if (
                bits.path.startswith("/")
                and not bits.scheme
                and not bits.netloc
                and "/./" not in bits.path
                and "/../" not in bits.path
            ):
                # An absolute path (possibly written '//path'): our scheme and host in front.
                location = self._current_scheme_host + location.removeprefix("//")
            else:
                # Relative: resolve against the current URL (lets '?a=b' replace the query).
                location = urljoin(self._current_scheme_host + self.path, location)
        return iri_to_uri(location)

    @cached_property
    def _current_scheme_host(self) -> str:
        return f"{self.scheme}://{self.get_host()}"

    def _get_scheme(self) -> str:
        """The scheme the server saw; handler subclasses override it."""
        return "http"

    @property
    def scheme(self) -> str:
        """'http' or 'https', trusting SECURE_PROXY_SSL_HEADER when it is set."""
        proxy_header = get_setting("SECURE_PROXY_SSL_HEADER")
        if proxy_header:
            try:
                header, secure_value = proxy_header
            except ValueError:
                raise ImproperlyConfigured(
                    "The SECURE_PROXY_SSL_HEADER setting must be a tuple containing two values."
                )
            value = self.META.get(header)
            if value is not None:
                # Several proxies may have appended their own value: the first one is the client's.
                value = value.split(",", 1)[0].strip()
                return "https" if value == secure_value else "http"
        return self._get_scheme()

    def is_secure(self) -> bool:
        """True if the request came over HTTPS."""
        return self.scheme == "https"

    def get_signed_cookie(
        self, key: str, default: Any = RAISE_ERROR, salt: str = "", max_age: Any = None
    ) -> Any:
        """The value of a cookie set with set_signed_cookie(), if its signature holds.

        Without a default, a missing cookie raises KeyError and a bad or expired signature
        raises BadSignature/SignatureExpired.
        """
        try:
            cookie_value = self.COOKIES[key]
        except KeyError:
            if default is not RAISE_ERROR:
                return default
            raise
        try:
            return signing.get_cookie_signer(salt=key + salt).unsign(cookie_value, max_age=max_age)
        except signing.BadSignature:
            if default is not RAISE_ERROR:
                return default
            raise

    # -- body, POST and FILES ---------------------------------------------------------------

    @property
    def upload_handlers(self) -> list:
        if not self._upload_handlers:
            self._upload_handlers = [
                uploadhandler.load_handler(path, self) for path in settings.FILE_UPLOAD_HANDLERS
            ]
        return self._upload_handlers

    @upload_handlers.setter
    def upload_handlers(self, upload_handlers: list) -> None:
        if "_files" in self.__dict__:
            raise AttributeError(
                "You cannot set the upload handlers after the upload has been processed."
            )
        self._upload_handlers = upload_handlers

    def parse_file_upload(self, META: dict, post_data: Any) -> tuple[QueryDict, MultiValueDict]:
        """Parse a multipart body into (POST, FILES) with this request's upload handlers."""
        self.upload_handlers = ImmutableList(
            self.upload_handlers,
            warning="You cannot alter upload handlers after the upload has been processed.",
        )
        parser = MultiPartParser(META, post_data, self.upload_handlers, self.encoding)
        return parser.parse()

    @property
    def body(self) -> bytes:
        """The raw body as bytes (read once, at most DATA_UPLOAD_MAX_MEMORY_SIZE)."""
        if "_body" not in self.__dict__:
            if self._read_started:
                raise RawPostDataException(
                    "You cannot access body after reading from request's data stream"
                )
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            if limit is not None and _content_length(self.META) > limit:
                raise RequestDataTooBig(_BODY_TOO_BIG)
            try:
                self._body = self._read_limited(limit)
            except OSError as exc:
                raise UnreadablePostError(*exc.args) from exc
            finally:
                close = getattr(self._stream, "close", None)
                if close is not None:
                    close()
            self._stream = BytesIO(self._body)
        return self._body

    def _read_limited(self, limit: int | None) -> bytes:
        # Read in chunks and count: Content-Length may be absent (chunked) or lie.
        self._read_started = True
        if limit is None:
            return self._stream.read()
        chunks = []
        size = 0
        while chunk := self._stream.read(_READ_CHUNK):
            size += len(chunk)
            if size > limit:
                raise RequestDataTooBig(_BODY_TOO_BIG)
            chunks.append(chunk)
        return b"".join(chunks)

    def _mark_post_parse_error(self) -> None:
        self._post = QueryDict()
        self._files = MultiValueDict()

    def _load_post_and_files(self) -> None:
        """Fill _post and _files from the body, according to the method and content type."""
        if self.method != "POST":
            self._post, self._files = QueryDict(encoding=self._encoding), MultiValueDict()
            return
        if self._read_started and "_body" not in self.__dict__:
            self._mark_post_parse_error()
            return
        content_type = self.content_type
        if content_type == "multipart/form-data":
            data = BytesIO(self._body) if "_body" in self.__dict__ else self
            try:
                self._post, self._files = self.parse_file_upload(self.META, data)
            except (MultiPartParserError, TooManyFilesSent):
                # Leave empty data behind so an error page reading POST does not parse again.
                self._mark_post_parse_error()
                raise
        elif content_type == "application/x-www-form-urlencoded":
            # RFC 1866: this content type has no charset and is always UTF-8.
            encoding = self._encoding
            if encoding is not None and encoding.lower() != "utf-8":
                raise BadRequest(
                    "HTTP requests with the 'application/x-www-form-urlencoded' content type "
                    "must be UTF-8 encoded."
                )
            self._post = QueryDict(self.body, encoding="utf-8")
            self._files = MultiValueDict()
        else:
            self._post, self._files = QueryDict(encoding=self._encoding), MultiValueDict()

    @property
    def POST(self) -> QueryDict:
        if "_post" not in self.__dict__:
            self._load_post_and_files()
        return self._post

    @POST.setter
    def POST(self, value: QueryDict) -> None:
        self._post = value

    @property
    def FILES(self) -> MultiValueDict:
        if "_files" not in self.__dict__:
            self._load_post_and_files()
        return self._files

    @FILES.setter
    def FILES(self, value: MultiValueDict) -> None:
        self._files = value

    def close(self) -> None:
        """Close the uploaded files (temporary ones are deleted)."""
        files = self.__dict__.get("_files")
        if files:
            for uploaded in chain.from_iterable(values for _key, values in files.lists()):
                uploaded.close()

    # -- file-like reading of the body ------------------------------------------------------

    def read(self, *args: Any, **kwargs: Any) -> bytes:
        self._read_started = True
        try:
            return self._stream.read(*args, **kwargs)
        except OSError as exc:
            raise UnreadablePostError(*exc.args) from exc

    def readline(self, *args: Any, **kwargs: Any) -> bytes:
        self._read_started = True
        try:
            return self._stream.readline(*args, **kwargs)
        except OSError as exc:
            raise UnreadablePostError(*exc.args) from exc

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")

    def readlines(self) -> list[bytes]:
        return list(self)


def _content_length(meta: dict) -> int:
    try:
        return int(meta.get("CONTENT_LENGTH") or 0)
    except (ValueError, TypeError):
        return 0
