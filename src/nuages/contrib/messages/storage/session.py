"""SessionStorage: messages kept in request.session (needs SessionMiddleware first)."""

from __future__ import annotations

import json
from typing import Any

from nuages.contrib.messages.storage.base import BaseStorage, Message
from nuages.contrib.messages.storage.cookie import MessageDecoder, MessageEncoder
from nuages.core.exceptions import ImproperlyConfigured

__all__ = ["SessionStorage"]


class SessionStorage(BaseStorage):
    """Store messages in the session, JSON-encoded under the `_messages` key."""

    session_key = "_messages"

    def __init__(self, request: Any, *args: Any, **kwargs: Any) -> None:
        if not hasattr(request, "session"):
            raise ImproperlyConfigured(
                "The session-based temporary message storage requires session "
                "middleware to be installed, and come before the message "
                "middleware in the MIDDLEWARE list."
            )
        super().__init__(request, *args, **kwargs)

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list[Message] | None, bool]:
        data = self.request.session.get(self.session_key)
        return self.deserialize_messages(data), True

    def _store(self, messages: list[Message], response: Any, *args: Any, **kwargs: Any) -> list:
        if messages:
            self.request.session[self.session_key] = self.serialize_messages(messages)
        else:
            self.request.session.pop(self.session_key, None)
        return []

    def serialize_messages(self, messages: list[Message]) -> str:
        return MessageEncoder(separators=(",", ":")).encode(messages)

    def deserialize_messages(self, data: Any) -> Any:
        if data and isinstance(data, str):
            try:
                return json.loads(data, cls=MessageDecoder)
            except ValueError:
                return None
        return data
