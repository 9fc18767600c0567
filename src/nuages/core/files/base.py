"""File, a proxy around a Python file object, and ContentFile, a File over in-memory content."""

from __future__ import annotations

import os
from collections.abc import Iterator
from io import BytesIO, StringIO, UnsupportedOperation
from typing import Any

from nuages.core.files.utils import FileProxyMixin
from nuages.utils.functional import cached_property

__all__ = ["ContentFile", "File", "endswith_cr", "endswith_lf", "equals_lf"]


class File(FileProxyMixin):
    """Wrap a file-like object with a name, a size and chunked reading."""

    DEFAULT_CHUNK_SIZE = 64 * 2**10

    def __init__(self, file: Any, name: str | None = None) -> None:
        self.file = file
        if name is None:
            name = getattr(file, "name", None)
        self.name = name
        if hasattr(file, "mode"):
            self.mode = file.mode

    def __str__(self) -> str:
        return self.name or ""

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self or 'None'}>"

    def __bool__(self) -> bool:
        return bool(self.name)

    def __len__(self) -> int:
        return self.size

    @cached_property
    def size(self) -> int:
        file = self.file
        if hasattr(file, "size"):
            return file.size
        if hasattr(file, "name"):
            try:
                return os.path.getsize(file.name)
            except (OSError, TypeError):
                pass
        if hasattr(file, "tell") and hasattr(file, "seek"):
            position = file.tell()
            file.seek(0, os.SEEK_END)
            size = file.tell()
            file.seek(position)
            return size
        raise AttributeError("Unable to determine the file's size.")

    def chunks(self, chunk_size: int | None = None) -> Iterator[Any]:
        """Read the file from the start in pieces of chunk_size (default 64 KiB)."""
        chunk_size = chunk_size or self.DEFAULT_CHUNK_SIZE
        try:
            self.seek(0)
        except (AttributeError, UnsupportedOperation):
            pass
        while data := self.read(chunk_size):
            yield data

    def multiple_chunks(self, chunk_size: int | None = None) -> bool:
        """True if reading the file takes more than one chunk."""
        return self.size > (chunk_size or self.DEFAULT_CHUNK_SIZE)

    def __iter__(self) -> Iterator[Any]:
        # Lines may straddle chunks, and '\r\n' may be split between two of them.
        pending = None
        for chunk in self.chunks():
            for line in chunk.splitlines(True):
                if pending:
                    if endswith_cr(pending) and equals_lf(line):
                        yield pending + line
                        pending = None
                        continue
                    if endswith_cr(pending) or endswith_lf(pending):
                        yield pending
                        pending = line
                        continue
                    line = pending + line
                    pending = None
                if endswith_cr(line) or not endswith_lf(line):
                    pending = line
                else:
                    yield line
        if pending is not None:
            yield pending

    def __enter__(self) -> File:
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, tb: Any) -> None:
        self.close()

    def open(self, mode: str | None = None, *args: Any, **kwargs: Any) -> File:
        """Rewind an open file, or reopen a closed one from its name."""
        if not self.closed:
            self.seek(0)
        elif self.name and os.path.exists(self.name):
            self.file = open(self.name, mode or self.mode, *args, **kwargs)  # noqa: SIM115
        else:
            raise ValueError("The file cannot be reopened.")
        return self

    def close(self) -> None:
        self.file.close()


class ContentFile(File):
    """A File over a str or bytes held in memory."""

    def __init__(self, content: str | bytes, name: str | None = None) -> None:
        stream = StringIO(content) if isinstance(content, str) else BytesIO(content)
        super().__init__(stream, name=name)
        self.size = len(content)

    def __str__(self) -> str:
        return "Raw content"

    def __bool__(self) -> bool:
        return True

    def open(self, mode: str | None = None, *args: Any, **kwargs: Any) -> ContentFile:
        self.seek(0)
        return self

    def close(self) -> None:
        # In-memory content stays readable; there is nothing to release.
        pass

    def write(self, data: Any) -> int:
        self.__dict__.pop("size", None)  # recomputed from the stream next time
        return self.file.write(data)


def endswith_cr(line: str | bytes) -> bool:
    """True if line ends with a carriage return."""
    return line.endswith("\r" if isinstance(line, str) else b"\r")


def endswith_lf(line: str | bytes) -> bool:
    """True if line ends with a line feed."""
    return line.endswith("\n" if isinstance(line, str) else b"\n")


def equals_lf(line: str | bytes) -> bool:
    """True if line is a single line feed."""
    return line == ("\n" if isinstance(line, str) else b"\n")
