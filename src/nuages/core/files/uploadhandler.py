"""Upload handlers: where the multipart parser sends the bytes of each uploaded file.

Handlers are tried in order for every chunk; a handler returning None from
receive_data_chunk() keeps the chunk from the handlers after it.
"""

from __future__ import annotations

import os
from io import BytesIO
from typing import Any

from nuages.conf import settings
from nuages.core.files.uploadedfile import InMemoryUploadedFile, TemporaryUploadedFile
from nuages.utils.module_loading import import_string

__all__ = [
    "FileUploadHandler",
    "MemoryFileUploadHandler",
    "SkipFile",
    "StopFutureHandlers",
    "StopUpload",
    "TemporaryFileUploadHandler",
    "UploadFileException",
    "load_handler",
]


class UploadFileException(Exception):
    """Base class of the upload-handling exceptions."""


class StopUpload(UploadFileException):
    """Stop the whole upload; with connection_reset=True the rest of the body is not read."""

    def __init__(self, connection_reset: bool = False) -> None:
        self.connection_reset = connection_reset

    def __str__(self) -> str:
        if self.connection_reset:
            return "StopUpload: Halt current upload."
        return "StopUpload: Consume request data, then halt."


class SkipFile(UploadFileException):
    """Skip the file being uploaded; the parser moves on to the next part."""


class StopFutureHandlers(UploadFileException):
    """Raised by new_file() so that no later handler sees this file."""


class FileUploadHandler:
    """Base upload handler: subclasses implement receive_data_chunk() and file_complete()."""

    chunk_size = 64 * 2**10  # divisible by 4, so base64 chunks decode on their own

    def __init__(self, request: Any = None) -> None:
        self.file_name: str | None = None
        self.content_type: str | None = None
        self.content_length: int | None = None
        self.charset: str | None = None
        self.content_type_extra: dict | None = None
        self.request = request

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict,
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> tuple | None:
        """Parse the raw body yourself by returning (POST, FILES); None lets parsing go on."""
        return None

    def new_file(
        self,
        field_name: str,
        file_name: str,
        content_type: str,
        content_length: int | None,
        charset: str | None = None,
        content_type_extra: dict | None = None,
    ) -> None:
        """A new file starts; remember its details."""
        self.field_name = field_name
        self.file_name = file_name
        self.content_type = content_type
        self.content_length = content_length
        self.charset = charset
        self.content_type_extra = content_type_extra

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        """Take a chunk of the file; return it (or a changed one) for the next handler, or None."""
        raise NotImplementedError(
            "subclasses of FileUploadHandler must provide a receive_data_chunk() method"
        )

    def file_complete(self, file_size: int) -> Any:
        """The file ended: return an UploadedFile, or None to let a later handler answer."""
        raise NotImplementedError(
            "subclasses of FileUploadHandler must provide a file_complete() method"
        )

    def upload_complete(self) -> None:
        """The whole upload ended (every file done)."""

    def upload_interrupted(self) -> None:
        """The upload stopped part-way (an error or a truncated body): clean up."""


class TemporaryFileUploadHandler(FileUploadHandler):
    """Stream each file to a temporary file on disk."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.file = TemporaryUploadedFile(
            self.file_name, self.content_type, 0, self.charset, self.content_type_extra
        )

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.file.write(raw_data)

    def file_complete(self, file_size: int) -> TemporaryUploadedFile:
        self.file.seek(0)
        self.file.size = file_size
        return self.file

    def upload_interrupted(self) -> None:
        if hasattr(self, "file"):
            path = self.file.temporary_file_path()
            try:
                self.file.close()
                os.remove(path)
            except FileNotFoundError:
                pass


class MemoryFileUploadHandler(FileUploadHandler):
    """Keep files in memory when the whole request is at most FILE_UPLOAD_MAX_MEMORY_SIZE."""

    activated = False

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict,
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        # Decided once for the request: its size is the worst case for its files.
        self.activated = content_length <= settings.FILE_UPLOAD_MAX_MEMORY_SIZE

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if self.activated:
            self.file = BytesIO()
            raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.activated:
            self.file.write(raw_data)
            return None
        return raw_data

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if not self.activated:
            return None
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def load_handler(path: str, *args: Any, **kwargs: Any) -> FileUploadHandler:
    """Instantiate the upload handler class at the dotted path."""
    return import_string(path)(*args, **kwargs)
