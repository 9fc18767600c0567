"""Streaming responses: a body from a sync or async iterator, or from a file."""

from __future__ import annotations

import io
import mimetypes
import os
import warnings
from collections.abc import AsyncIterator, Iterator
from typing import Any

from nuages.http._response_base import HttpResponseBase
from nuages.utils._async import async_to_sync, sync_to_async
from nuages.utils.http import content_disposition_header

__all__ = ["FileResponse", "StreamingHttpResponse"]

# Compressed files keep their own type: a Content-Encoding would make browsers unpack them.
_ENCODED_TYPES = {
    "br": "application/x-brotli",
    "bzip2": "application/x-bzip",
    "compress": "application/x-compress",
    "gzip": "application/gzip",
    "xz": "application/x-xz",
    "zstd": "application/zstd",
}


class StreamingHttpResponse(HttpResponseBase):
    """A response whose body is an iterator (sync or async) of bytes or str, sent as it comes.

    It can be iterated once. `is_async` says which kind of iterator it holds.
    """

    streaming = True

    def __init__(self, streaming_content: Any = (), *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.streaming_content = streaming_content

    def __repr__(self) -> str:
        return f"<{type(self).__qualname__} status_code={self.status_code}{self._content_type_for_repr}>"

    @property
    def content(self) -> bytes:
        raise AttributeError(
            f"This {type(self).__name__} instance has no `content` attribute. Use `streaming_content` instead."
        )

    @property
    def text(self) -> str:
        raise AttributeError(f"This {type(self).__name__} instance has no `text` attribute.")

    @property
    def streaming_content(self) -> Any:
        """The body as bytes, chunk by chunk (an async iterator when is_async)."""
        iterator = self._iterator  # bound now, in case streaming_content is replaced later
        make_bytes = self._bytes_maker()
        if self.is_async:

            async def encoded() -> AsyncIterator[bytes]:
                async for part in iterator:
                    yield make_bytes(part)

            return encoded()
        return map(make_bytes, iterator)

    @streaming_content.setter
    def streaming_content(self, value: Any) -> None:
        self._set_streaming_content(value)

    def _bytes_maker(self) -> Any:
        # One charset look-up per body, not per chunk.
        charset = self.charset

        def make_bytes(value: Any) -> bytes:
            if isinstance(value, bytes):
                return value
            if isinstance(value, memoryview):
                return bytes(value)
            return str(value).encode(charset)

        return make_bytes

    def _set_streaming_content(self, value: Any) -> None:
        try:
            self._iterator = iter(value)
            self.is_async = False
        except TypeError:
            self._iterator = aiter(value)
            self.is_async = True
        if hasattr(value, "close"):
            self._resource_closers.append(value.close)

    def __iter__(self) -> Iterator[bytes]:
        if not self.is_async:
            return iter(self.streaming_content)
        warnings.warn(
            "StreamingHttpResponse must consume asynchronous iterators in order to serve them "
            "synchronously. Use a synchronous iterator instead.",
            Warning,
            stacklevel=2,
        )

        async def collect(iterator: Any) -> list:
            return [chunk async for chunk in iterator]

        return map(self._bytes_maker(), iter(async_to_sync(collect)(self._iterator)))

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if self.is_async:
            async for part in self.streaming_content:
                yield part
            return
        warnings.warn(
            "StreamingHttpResponse must consume synchronous iterators in order to serve them "
            "asynchronously. Use an asynchronous iterator instead.",
            Warning,
            stacklevel=2,
        )
        # The sync iterator may block: drain it in a worker thread.
        for part in await sync_to_async(list)(self.streaming_content):
            yield part

    def getvalue(self) -> bytes:
        return b"".join(self.streaming_content)


class FileResponse(StreamingHttpResponse):
    """Stream a file; Content-Length, Content-Type and Content-Disposition come from it."""

    block_size = 4096

    def __init__(
        self, *args: Any, as_attachment: bool = False, filename: str = "", **kwargs: Any
    ) -> None:
        self.as_attachment = as_attachment
        self.filename = filename
        self._no_explicit_content_type = kwargs.get("content_type") is None
        super().__init__(*args, **kwargs)

    def _set_streaming_content(self, value: Any) -> None:
        if not hasattr(value, "read"):
            self.file_to_stream = None
            return super()._set_streaming_content(value)
        self.file_to_stream = filelike = value
        if hasattr(filelike, "close"):
            self._resource_closers.append(filelike.close)
        self.set_headers(filelike)
        super()._set_streaming_content(self._read_blocks(filelike))

    def _read_blocks(self, filelike: Any) -> Iterator[Any]:
        read = filelike.read
        size = self.block_size
        while chunk := read(size):
            yield chunk

    def set_headers(self, filelike: Any) -> None:
        """Set Content-Length, Content-Type and Content-Disposition from the file."""
        name = getattr(filelike, "name", "")
        name = name if isinstance(name, str) else ""
        seekable = hasattr(filelike, "seek") and (
            not hasattr(filelike, "seekable") or filelike.seekable()
        )
        if hasattr(filelike, "tell"):
            if seekable:
                start = filelike.tell()
                filelike.seek(0, io.SEEK_END)
                self.headers["Content-Length"] = filelike.tell() - start
                filelike.seek(start)
            elif hasattr(filelike, "getbuffer"):
                self.headers["Content-Length"] = filelike.getbuffer().nbytes - filelike.tell()
            elif os.path.isfile(name):  # not a pipe or a device: its size is known
                self.headers["Content-Length"] = os.path.getsize(name) - filelike.tell()
        elif seekable:
            # Seekable but no tell(): measure by reading, then seek back from the end.
            length = sum(iter(lambda: len(filelike.read(self.block_size)), 0))
            self.headers["Content-Length"] = length
            filelike.seek(-length, io.SEEK_END)

        filename = os.path.basename(self.filename or name)
        if self._no_explicit_content_type:
            content_type = None
            if filename:
                content_type, encoding = mimetypes.guess_type(filename)
                content_type = _ENCODED_TYPES.get(encoding, content_type)
            self.headers["Content-Type"] = content_type or "application/octet-stream"
        disposition = content_disposition_header(self.as_attachment, filename)
        if disposition:
            self.headers["Content-Disposition"] = disposition
