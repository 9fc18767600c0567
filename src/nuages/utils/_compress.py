"""Gzip helpers for responses: deterministic output (mtime 0), optional random-length padding.

The padding (a random-length FNAME field in the gzip header) makes the compressed size vary
between identical responses, which blunts BREACH-style length attacks.
`nuages.utils.text` re-exports compress_string and compress_sequence.
"""

from __future__ import annotations

import gzip
import secrets
import zlib
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator

__all__ = ["acompress_sequence", "compress_sequence", "compress_string"]

_LEVEL = 6
_GZIP_MAGIC = b"\x1f\x8b\x08"  # magic number + deflate method
_OS_UNKNOWN = 255


def _header(max_random_bytes: int | None) -> bytes:
    # mtime is zero and no extra flags, so equal inputs give equal outputs (ETags stay stable).
    if not max_random_bytes:
        return _GZIP_MAGIC + b"\x00" + b"\x00\x00\x00\x00" + b"\x00" + bytes([_OS_UNKNOWN])
    name = b"a" * secrets.randbelow(max_random_bytes + 1)
    return (
        _GZIP_MAGIC
        + bytes([gzip.FNAME])
        + b"\x00\x00\x00\x00"
        + b"\x00"
        + bytes([_OS_UNKNOWN])
        + name
        + b"\x00"
    )


def _new_compressor() -> zlib._Compress:
    return zlib.compressobj(_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)


def _trailer(crc: int, size: int) -> bytes:
    return (crc & 0xFFFFFFFF).to_bytes(4, "little") + (size & 0xFFFFFFFF).to_bytes(4, "little")


def compress_string(s: bytes, *, max_random_bytes: int | None = None) -> bytes:
    """Gzip `s` in one go."""
    compressor = _new_compressor()
    body = compressor.compress(s) + compressor.flush()
    return _header(max_random_bytes) + body + _trailer(zlib.crc32(s), len(s))


class _Streamer:
    """One gzip stream fed chunk by chunk; each chunk is flushed so streaming stays prompt."""

    def __init__(self, max_random_bytes: int | None) -> None:
        self.compressor = _new_compressor()
        self.crc = 0
        self.size = 0
        self.header = _header(max_random_bytes)

    def feed(self, chunk: bytes) -> bytes:
        if not chunk:
            return b""
        self.crc = zlib.crc32(chunk, self.crc)
        self.size += len(chunk)
        return self.compressor.compress(chunk) + self.compressor.flush(zlib.Z_SYNC_FLUSH)

    def finish(self) -> bytes:
        return self.compressor.flush() + _trailer(self.crc, self.size)


def compress_sequence(
    sequence: Iterable[bytes], *, max_random_bytes: int | None = None
) -> Iterator[bytes]:
    """Gzip an iterable of byte chunks lazily, yielding compressed chunks."""
    streamer = _Streamer(max_random_bytes)
    yield streamer.header
    for item in sequence:
        data = streamer.feed(item)
        if data:
            yield data
    yield streamer.finish()


async def acompress_sequence(
    sequence: AsyncIterable[bytes], *, max_random_bytes: int | None = None
) -> AsyncIterator[bytes]:
    """The async-iterator twin of compress_sequence."""
    streamer = _Streamer(max_random_bytes)
    yield streamer.header
    async for item in sequence:
        data = streamer.feed(item)
        if data:
            yield data
    yield streamer.finish()
