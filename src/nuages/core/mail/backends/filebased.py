"""A backend that writes messages to a new file per connection, under EMAIL_FILE_PATH."""

from __future__ import annotations

import datetime
import os
from typing import Any

from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured
from nuages.core.mail.backends.console import EmailBackend as ConsoleEmailBackend

__all__ = ["EmailBackend"]


class EmailBackend(ConsoleEmailBackend):
    def __init__(self, *args: Any, file_path: str | os.PathLike | None = None, **kwargs: Any):
        self._fname: str | None = None
        if file_path is None:
            file_path = getattr(settings, "EMAIL_FILE_PATH", None)
        if file_path is None:
            raise ImproperlyConfigured("EMAIL_FILE_PATH is not set for the file-based backend.")
        self.file_path = os.path.abspath(file_path)
        try:
            os.makedirs(self.file_path, exist_ok=True)
        except FileExistsError:
            raise ImproperlyConfigured(
                f"Path for saving email messages exists, but is not a directory: {self.file_path}"
            ) from None
        except OSError as err:
            raise ImproperlyConfigured(
                f"Could not create directory for saving email messages: {self.file_path} ({err})"
            ) from err
        if not os.access(self.file_path, os.W_OK):
            raise ImproperlyConfigured(f"Could not write to directory: {self.file_path}")
        # The stream is opened per connection, not here.
        kwargs["stream"] = None
        super().__init__(*args, **kwargs)
        self.stream = None  # type: ignore[assignment]

    def write_message(self, message: Any) -> None:
        self.stream.write(message.message().as_bytes() + b"\n")  # type: ignore[union-attr]
        self.stream.write(b"-" * 79)  # type: ignore[union-attr]
        self.stream.write(b"\n")  # type: ignore[union-attr]

    def _get_filename(self) -> str:
        """A unique file name for this connection's messages."""
        if self._fname is None:
            timestamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            self._fname = os.path.join(self.file_path, f"{timestamp}-{abs(id(self))}.log")
        return self._fname

    def open(self) -> bool:
        if self.stream is None:
            self.stream = open(self._get_filename(), "ab")  # noqa: SIM115
            return True
        return False

    def close(self) -> None:
        try:
            if self.stream is not None:
                self.stream.close()
        finally:
            self.stream = None  # type: ignore[assignment]
