"""multipart/form-data parsing, streamed: fields to POST, files through the upload handlers.

The byte-level parsing is python-multipart's; this module applies Django's rules on top of it:
field and file counts, the in-memory size limit for fields, file name sanitising, and the
upload handler protocol (new_file / receive_data_chunk / file_complete / upload_complete).
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from typing import Any

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser as _ByteParser
from python_multipart.multipart import MultipartState

from nuages.conf import settings
from nuages.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from nuages.core.files.uploadhandler import SkipFile, StopFutureHandlers, StopUpload
from nuages.http._querydict import QueryDict
from nuages.utils.datastructures import MultiValueDict
from nuages.utils.encoding import force_str
from nuages.utils.http import parse_header_parameters

__all__ = ["InputStreamExhausted", "MultiPartParser", "MultiPartParserError"]

_SKIP, _FIELD, _FILE = 0, 1, 2
_MAX_HEADERS_PER_PART = 32
_MAX_HEADER_SIZE = 8 * 1024


class MultiPartParserError(Exception):
    """The multipart body or its headers are malformed."""


class InputStreamExhausted(Exception):
    """No more reads are allowed from this device."""


class MultiPartParser:
    """Parse a multipart/form-data body into (POST, FILES).

    `input_data` is anything with read(size); `META` gives CONTENT_TYPE and CONTENT_LENGTH.
    """

    boundary_re = re.compile(r"[ -~]{0,200}[!-~]")

    def __init__(
        self, META: dict, input_data: Any, upload_handlers: list, encoding: str | None = None
    ) -> None:
        content_type = META.get("CONTENT_TYPE", "")
        if not content_type.startswith("multipart/"):
            raise MultiPartParserError(f"Invalid Content-Type: {content_type}")
        if not content_type.isascii():
            raise MultiPartParserError(
                f"Invalid non-ASCII Content-Type in multipart: {content_type}"
            )
        _, options = parse_header_parameters(content_type)
        boundary = options.get("boundary")
        if not boundary or not self.boundary_re.fullmatch(boundary):
            raise MultiPartParserError(f"Invalid boundary in multipart: {boundary}")
        try:
            content_length = int(META.get("CONTENT_LENGTH", 0))
        except (ValueError, TypeError):
            content_length = 0
        if content_length < 0:
            raise MultiPartParserError(f"Invalid content length: {content_length!r}")

        self._boundary = boundary.encode("ascii")
        self._meta = META
        self._input_data = input_data
        self._upload_handlers = upload_handlers
        self._encoding = encoding or settings.DEFAULT_CHARSET
        self._content_length = content_length
        # The smallest chunk any handler asks for (2**31 - 4 is a multiple of 4 under 2 GiB).
        self._chunk_size = min(
            [2**31 - 4, *(h.chunk_size for h in upload_handlers if h.chunk_size)]
        )

    # -- public entry point -----------------------------------------------------------------

    def parse(self) -> tuple[QueryDict, MultiValueDict]:
        """Read the body and return (POST, FILES); POST comes back immutable."""
        encoding = self._encoding
        if self._content_length == 0:
            return QueryDict(encoding=encoding), MultiValueDict()
        for handler in self._upload_handlers:
            result = handler.handle_raw_input(
                self._input_data,
                self._meta,
                self._content_length,
                self._boundary.decode(),
                encoding,
            )
            if result is not None:
                return result[0], result[1]

        self._post = QueryDict(mutable=True, encoding=encoding)
        self._files = MultiValueDict()
        try:
            self._parse()
        except StopUpload as exc:
            self._abort_file()
            if not exc.connection_reset:
                self._drain()
        except Exception:
            self._abort_file()
            for _key, files in self._files.lists():
                for uploaded in files:
                    uploaded.close()
            raise
        for handler in self._upload_handlers:
            if handler.upload_complete():
                break
        self._post._mutable = False
        return self._post, self._files

    # -- the read loop ----------------------------------------------------------------------

    def _parse(self) -> None:
        self._limits = (
            settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
            settings.DATA_UPLOAD_MAX_NUMBER_FILES,
            settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        )
        self._num_fields = 0
        self._num_files = 0
        self._field_bytes = 0
        self._part_kind = _SKIP
        self._headers: list[tuple[bytes, bytes]] = []
        self._header_name = bytearray()
        self._header_value = bytearray()
        callbacks = {
            "on_part_begin": self._on_part_begin,
            "on_header_field": self._on_header_field,
            "on_header_value": self._on_header_value,
            "on_header_end": self._on_header_end,
            "on_headers_finished": self._on_headers_finished,
            "on_part_data": self._on_part_data,
            "on_part_end": self._on_part_end,
        }
        try:
            parser = _ByteParser(
                self._boundary,
                callbacks,
                max_header_count=_MAX_HEADERS_PER_PART,
                max_header_size=_MAX_HEADER_SIZE,
            )
        except FormParserError as exc:
            raise MultiPartParserError(str(exc)) from exc

        read = self._input_data.read
        remaining = self._content_length
        # RFC 2046 allows a preamble before the first boundary: skip it (a body with no
        # boundary at all is all preamble, and gives no data, as Django does).
        delimiter = b"--" + self._boundary
        preamble = b""
        while remaining > 0:
            chunk = read(min(self._chunk_size, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            if preamble is not None:
                preamble += chunk
                start = preamble.find(delimiter)
                if start < 0:
                    preamble = preamble[-len(delimiter) :]
                    continue
                chunk, preamble = preamble[start:], None
            try:
                parser.write(chunk)
            except FormParserError as exc:
                raise MultiPartParserError(f"Malformed multipart body: {exc}") from exc
            if parser.state == MultipartState.END:
                break
        if parser.state != MultipartState.END:
            # Truncated body: keep the parts that ended, drop the one in progress.
            self._abort_file()
        self._drain(remaining)

    def _drain(self, remaining: int | None = None) -> None:
        """Consume what is left of the body so the connection can be reused."""
        if remaining is None:
            remaining = 2**63
        read = self._input_data.read
        while remaining > 0:
            chunk = read(min(self._chunk_size, remaining, 64 * 1024))
            if not chunk:
                return
            remaining -= len(chunk)

    # -- parser callbacks -------------------------------------------------------------------

    def _on_part_begin(self) -> None:
        self._headers = []
        self._part_kind = _SKIP

    def _on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _on_header_end(self) -> None:
        self._headers.append((bytes(self._header_name), bytes(self._header_value)))
        self._header_name.clear()
        self._header_value.clear()

    def _header(self, name: bytes) -> str | None:
        for key, value in self._headers:
            if key.lower() == name:
                return value.decode(self._encoding, "replace").strip()
        return None

    def _on_headers_finished(self) -> None:
        self._part_kind = _SKIP
        disposition = self._header(b"content-disposition")
        if disposition is None:
            return
        _, params = parse_header_parameters(disposition, max_length=None)
        name = params.get("name")
        if name is None:
            return
        field_name = force_str(name.strip(), self._encoding, errors="replace")
        transfer_encoding = (self._header(b"content-transfer-encoding") or "").lower()
        self._base64 = transfer_encoding == "base64"
        self._field_name = field_name
        file_name = params.get("filename")
        if file_name:
            self._start_file(field_name, file_name)
        else:
            self._start_field(field_name)

    def _start_field(self, field_name: str) -> None:
        max_fields, _, max_memory = self._limits
        self._num_fields += 1
        if max_fields is not None and self._num_fields > max_fields:
            raise TooManyFieldsSent(
                "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."
            )
        # Counted like the urlencoded form: name, '=' and '&' (so both limits agree).
        self._field_bytes += len(field_name) + 2
        if max_memory is not None and self._field_bytes > max_memory:
            raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
        self._field_data = bytearray()
        self._part_kind = _FIELD

    def _start_file(self, field_name: str, file_name: str) -> None:
        _, max_files, _ = self._limits
        self._num_files += 1
        if max_files is not None and self._num_files > max_files:
            raise TooManyFilesSent(
                "The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES."
            )
        file_name = self.sanitize_file_name(force_str(file_name, self._encoding, errors="replace"))
        if not file_name:
            return
        content_type, content_type_extra = parse_header_parameters(
            self._header(b"content-type") or ""
        )
        charset = content_type_extra.get("charset")
        try:
            content_length = int(self._header(b"content-length") or "")
        except ValueError:
            content_length = None
        self._counters = [0] * len(self._upload_handlers)
        self._b64_pending = b""
        try:
            for handler in self._upload_handlers:
                try:
                    handler.new_file(
                        field_name,
                        file_name,
                        content_type,
                        content_length,
                        charset,
                        content_type_extra,
                    )
                except StopFutureHandlers:
                    break
        except SkipFile:
            self._close_handler_files()
            return
        self._part_kind = _FILE

    def _on_part_data(self, data: bytes, start: int, end: int) -> None:
        kind = self._part_kind
        if kind == _FIELD:
            self._field_bytes += end - start
            max_memory = self._limits[2]
            if max_memory is not None and self._field_bytes > max_memory:
                raise RequestDataTooBig(
                    "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE."
                )
            self._field_data += data[start:end]
        elif kind == _FILE:
            chunk = data[start:end]
            if self._base64:
                chunk = self._decode_base64_piece(chunk)
            self._feed_file(chunk)

    def _decode_base64_piece(self, chunk: bytes) -> bytes:
        # base64 decodes in groups of 4 characters: carry the remainder to the next piece.
        chunk = self._b64_pending + b"".join(chunk.split())
        usable = len(chunk) - len(chunk) % 4
        self._b64_pending = chunk[usable:]
        try:
            return base64.b64decode(chunk[:usable])
        except binascii.Error as exc:
            raise MultiPartParserError("Could not decode base64 data.") from exc

    def _feed_file(self, data: bytes) -> None:
        size = self._chunk_size
        handlers = self._upload_handlers
        counters = self._counters
        try:
            for offset in range(0, len(data), size):
                chunk = data[offset : offset + size]
                for index, handler in enumerate(handlers):
                    length = len(chunk)
                    chunk = handler.receive_data_chunk(chunk, counters[index])
                    counters[index] += length
                    if chunk is None:
                        break
        except SkipFile:
            self._close_handler_files()
            self._part_kind = _SKIP

    def _on_part_end(self) -> None:
        kind = self._part_kind
        self._part_kind = _SKIP
        if kind == _FIELD:
            raw = bytes(self._field_data)
            if self._base64:
                try:
                    raw = base64.b64decode(raw)
                except binascii.Error:
                    pass  # not really base64: keep the bytes as sent
            self._post.appendlist(
                self._field_name, force_str(raw, self._encoding, errors="replace")
            )
        elif kind == _FILE:
            if self._base64 and self._b64_pending:
                pending, self._b64_pending = self._b64_pending, b""
                try:
                    self._feed_file(base64.b64decode(pending + b"=" * (-len(pending) % 4)))
                except binascii.Error as exc:
                    raise MultiPartParserError("Could not decode base64 data.") from exc
            for index, handler in enumerate(self._upload_handlers):
                uploaded = handler.file_complete(self._counters[index])
                if uploaded:
                    self._files.appendlist(self._field_name, uploaded)
                    break

    # -- cleanup ----------------------------------------------------------------------------

    def _close_handler_files(self) -> None:
        for handler in self._upload_handlers:
            file = getattr(handler, "file", None)
            if file is not None:
                file.close()

    def _abort_file(self) -> None:
        """A file was cut short: let every handler clean up after it."""
        if getattr(self, "_part_kind", _SKIP) == _FILE:
            self._part_kind = _SKIP
            for handler in self._upload_handlers:
                handler.upload_interrupted()

    @staticmethod
    def sanitize_file_name(file_name: str) -> str | None:
        """The base name of a client file name, without control characters; None if empty.

        Browsers may send HTML entities, full Windows paths, or '..'.
        """
        file_name = html.unescape(file_name)
        file_name = file_name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
        file_name = "".join(char for char in file_name if char.isprintable())
        if file_name in {"", ".", ".."}:
            return None
        return file_name
