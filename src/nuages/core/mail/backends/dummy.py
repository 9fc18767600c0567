"""A backend that sends nothing (and says it sent everything)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nuages.core.mail.backends.base import BaseEmailBackend

__all__ = ["EmailBackend"]


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[Any]) -> int:
        return len(list(email_messages))
