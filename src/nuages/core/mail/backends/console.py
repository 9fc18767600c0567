"""A backend that writes each message to a stream (stdout by default)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from typing import IO, Any

from nuages.core.mail.backends.base import BaseEmailBackend

__all__ = ["EmailBackend"]


class EmailBackend(BaseEmailBackend):
    def __init__(self, *args: Any, stream: IO[str] | None = None, **kwargs: Any) -> None:
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()
        super().__init__(*args, **kwargs)

    def write_message(self, message: Any) -> None:
        msg = message.message()
        data = msg.as_bytes()
        charset = msg.get_content_charset() or "utf-8"
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = data.decode("utf-8", "replace")
        self.stream.write(f"{text}\n")
        self.stream.write("-" * 79)
        self.stream.write("\n")

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        if not email_messages:
            return 0
        msg_count = 0
        with self._lock:
            try:
                stream_created = self.open()
                for message in email_messages:
                    self.write_message(message)
                    self.stream.flush()
                    msg_count += 1
                if stream_created:
                    self.close()
            except Exception:
                if not self.fail_silently:
                    raise
        return msg_count
