"""A backend that keeps messages in `nuages.core.mail.outbox`, for tests."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from nuages.core import mail
from nuages.core.mail.backends.base import BaseEmailBackend

__all__ = ["EmailBackend"]


class EmailBackend(BaseEmailBackend):
    """Append each message (a copy) to mail.outbox; headers are still validated."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not hasattr(mail, "outbox"):
            mail.outbox = []

    def send_messages(self, messages: Sequence[Any]) -> int:
        count = 0
        for message in messages:
            message.message()  # Refuse what a real backend would refuse (header injection).
            mail.outbox.append(copy.copy(message))
            count += 1
        return count
