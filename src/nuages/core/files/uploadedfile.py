"""The file objects an upload produces: in memory, spooled to a temporary file, or made up."""

from __future__ import annotations

import os
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from nuages.conf import settings
from nuages.core.files import temp as tempfile
from nuages.core.files.base import File
from nuages.core.files.utils import validate_file_name

__all__ = [
    "InMemoryUploadedFile",
    "SimpleUploadedFile",
    "TemporaryUploadedFile",
    "UploadedFile",
]


class UploadedFile(File):
    """A file uploaded by the client; its name is reduced to a safe base name."""

    def __init__(
        self,
        file: Any = None,
        name: str | None = None,
        content_type: str | None = None,
        size: int | None = None,
        charset: str | None = None,
        content_type_extra: dict | None = None,
    ) -> None:
        super().__init__(file, name)
        self.size = size
        self.content_type = content_type
        self.charset = charset
        self.content_type_extra = content_type_extra

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.name} ({self.content_type})>"

    @property
    def name(self) -> str | None:
        return self._name

    @name.setter
    def name(self, name: str | None) -> None:
        if name is not None:
            # Only the base name: a client-supplied path must never reach the file system.
            name = os.path.basename(name)
            if len(name) > 255:
                # Some file systems cap names at 255 characters; keep the extension.
                stem, ext = os.path.splitext(name)
                ext = ext[:255]
                name = stem[: 255 - len(ext)] + ext
            name = validate_file_name(name)
        self._name = name


class TemporaryUploadedFile(UploadedFile):
    """An upload streamed to a named temporary file (deleted when closed)."""

    def __init__(
        self,
        name: str,
        content_type: str | None,
        size: int,
        charset: str | None,
        content_type_extra: dict | None = None,
    ) -> None:
        _, ext = os.path.splitext(name)
        file = tempfile.NamedTemporaryFile(
            suffix=".upload" + ext, dir=settings.FILE_UPLOAD_TEMP_DIR
        )
        super().__init__(file, name, content_type, size, charset, content_type_extra)

    def temporary_file_path(self) -> str:
        """The full path of the temporary file on disk."""
        return self.file.name

    def close(self) -> None:
        try:
            return self.file.close()
        except FileNotFoundError:
            # Already moved away (e.g. by a storage's file_move_safe): nothing to delete.
            pass


class InMemoryUploadedFile(UploadedFile):
    """An upload held in memory."""

    def __init__(
        self,
        file: Any,
        field_name: str | None,
        name: str | None,
        content_type: str | None,
        size: int | None,
        charset: str | None,
        content_type_extra: dict | None = None,
    ) -> None:
        super().__init__(file, name, content_type, size, charset, content_type_extra)
        self.field_name = field_name

    def open(self, mode: str | None = None) -> InMemoryUploadedFile:
        self.file.seek(0)
        return self

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        self.file.seek(0)
        yield self.read()

    def multiple_chunks(self, chunk_size: int | None = None) -> bool:
        # Already in memory: one chunk is always enough.
        return False


class SimpleUploadedFile(InMemoryUploadedFile):
    """An in-memory upload built from a name and some bytes (handy in tests)."""

    def __init__(self, name: str, content: bytes | None, content_type: str = "text/plain") -> None:
        content = content or b""
        super().__init__(BytesIO(content), None, name, content_type, len(content), None, None)

    @classmethod
    def from_dict(cls, file_dict: dict) -> SimpleUploadedFile:
        """Build one from {'filename': ..., 'content': ..., 'content-type': ...}."""
        return cls(
            file_dict["filename"], file_dict["content"], file_dict.get("content-type", "text/plain")
        )
