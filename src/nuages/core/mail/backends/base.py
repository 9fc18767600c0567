"""The base class every e-mail backend derives from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["BaseEmailBackend"]


class BaseEmailBackend:
    """Open a connection, send a batch of messages, close it; usable as a context manager.

    Subclasses implement send_messages(), and open()/close() when they hold a connection.
    """

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        self.fail_silently = fail_silently

    def open(self) -> bool | None:
        """Open a network connection (a no-op here); return True if a new one was opened."""
        return None

    def close(self) -> None:
        """Close the network connection (a no-op here)."""

    def __enter__(self) -> BaseEmailBackend:
        try:
            self.open()
        except Exception:
            self.close()
            raise
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        self.close()

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        """Send the messages; return how many were sent."""
        raise NotImplementedError(
            "subclasses of BaseEmailBackend must override send_messages() method"
        )
