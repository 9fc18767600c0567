"""File helpers: name validation and the proxy mixin that forwards file methods."""

from __future__ import annotations

import os
import pathlib
from typing import Any

from nuages.core.exceptions import SuspiciousFileOperation

__all__ = ["FileProxyMixin", "validate_file_name"]


def validate_file_name(name: str, allow_relative_path: bool = False) -> str:
    """Return name if it is a safe file name; SuspiciousFileOperation otherwise.

    Without allow_relative_path, any path element is refused; with it, absolute paths and
    '..' components are.
    """
    if os.path.basename(name) in {"", ".", ".."}:
        raise SuspiciousFileOperation(f"Could not derive file name from '{name}'")
    if allow_relative_path:
        # Check both flavours so a Windows-style name is judged the same on every OS.
        for flavour in (pathlib.PurePosixPath, pathlib.PureWindowsPath):
            path = flavour(name)
            if path.is_absolute() or ".." in path.parts:
                raise SuspiciousFileOperation(f"Detected path traversal attempt in '{name}'")
    elif name != os.path.basename(name):
        raise SuspiciousFileOperation(f"File name '{name}' includes path elements")
    return name


class FileProxyMixin:
    """Forward the file-object API to `self.file`."""

    file: Any

    encoding = property(lambda self: self.file.encoding)
    fileno = property(lambda self: self.file.fileno)
    flush = property(lambda self: self.file.flush)
    isatty = property(lambda self: self.file.isatty)
    newlines = property(lambda self: self.file.newlines)
    read = property(lambda self: self.file.read)
    readinto = property(lambda self: self.file.readinto)
    readline = property(lambda self: self.file.readline)
    readlines = property(lambda self: self.file.readlines)
    seek = property(lambda self: self.file.seek)
    tell = property(lambda self: self.file.tell)
    truncate = property(lambda self: self.file.truncate)
    write = property(lambda self: self.file.write)
    writelines = property(lambda self: self.file.writelines)

    @property
    def closed(self) -> bool:
        return not self.file or self.file.closed

    def readable(self) -> bool:
        if self.closed:
            return False
        if hasattr(self.file, "readable"):
            return self.file.readable()
        return True

    def writable(self) -> bool:
        if self.closed:
            return False
        if hasattr(self.file, "writable"):
            return self.file.writable()
        return "w" in getattr(self.file, "mode", "")

    def seekable(self) -> bool:
        if self.closed:
            return False
        if hasattr(self.file, "seekable"):
            return self.file.seekable()
        return True

    def __iter__(self):
        return iter(self.file)
