"""Message and BaseStorage: queueing, levels, and the used/added bookkeeping every storage shares."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nuages.conf import settings
from nuages.contrib.messages import constants
from nuages.contrib.messages.utils import get_level_tags
from nuages.utils.safestring import SafeData

__all__ = ["BaseStorage", "Message"]


class Message:
    """One message: a level, the text and optional extra tags."""

    def __init__(self, level: int, message: Any, extra_tags: Any = None) -> None:
        self.level = int(level)
        self.message = message
        self.extra_tags = extra_tags

    def _prepare(self) -> None:
        """Turn lazy text into strings before the message is stored."""
        if not isinstance(self.message, SafeData):
            self.message = str(self.message)
        if self.extra_tags is not None:
            self.extra_tags = str(self.extra_tags)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return self.level == other.level and self.message == other.message

    __hash__ = None  # type: ignore[assignment]

    def __str__(self) -> str:
        return str(self.message)

    def __repr__(self) -> str:
        extra = f", extra_tags={self.extra_tags!r}" if self.extra_tags else ""
        return f"Message(level={self.level}, message={self.message!r}{extra})"

    @property
    def tags(self) -> str:
        return " ".join(tag for tag in (self.extra_tags, self.level_tag) if tag)

    @property
    def level_tag(self) -> str:
        return get_level_tags().get(self.level, "")


class BaseStorage:
    """Messages for one request: those stored by earlier requests plus those added now.

    Iterating marks the storage used: update() then stores only what was added after that.
    Subclasses implement _get() and _store().
    """

    def __init__(self, request: Any, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self._queued_messages: list[Message] = []
        self.used = False
        self.added_new = False
        super().__init__(*args, **kwargs)

    def __len__(self) -> int:
        return len(self._loaded_messages) + len(self._queued_messages)

    def __iter__(self) -> Iterator[Message]:
        self.used = True
        if self._queued_messages:
            self._loaded_messages.extend(self._queued_messages)
            self._queued_messages = []
        return iter(self._loaded_messages)

    def __contains__(self, item: object) -> bool:
        return item in self._loaded_messages or item in self._queued_messages

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}: request={self.request!r}>"

    @property
    def _loaded_messages(self) -> list[Message]:
        """The messages stored by earlier requests, read once."""
        if not hasattr(self, "_loaded_data"):
            messages, _all_retrieved = self._get()
            self._loaded_data = messages or []
        return self._loaded_data

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list[Message] | None, bool]:
        """(stored messages or None, whether every stored message was retrieved)."""
        raise NotImplementedError("subclasses of BaseStorage must provide a _get() method")

    def _store(self, messages: list[Message], response: Any, *args: Any, **kwargs: Any) -> Any:
        """Store messages (an empty list clears the storage); return those not stored."""
        raise NotImplementedError("subclasses of BaseStorage must provide a _store() method")

    def _prepare_messages(self, messages: list[Message]) -> None:
        for message in messages:
            message._prepare()

    def update(self, response: Any) -> list[Message] | None:
        """Store what is left for the next request; return any messages that did not fit."""
        self._prepare_messages(self._queued_messages)
        if self.used:
            return self._store(self._queued_messages, response)
        if self.added_new:
            messages = self._loaded_messages + self._queued_messages
            return self._store(messages, response)
        return None

    def add(self, level: int, message: Any, extra_tags: Any = "") -> None:
        """Queue a message, unless it is empty or below the storage's level."""
        if not message:
            return
        level = int(level)
        if level < self.level:
            return
        self.added_new = True
        self._queued_messages.append(Message(level, message, extra_tags=extra_tags))

    def _get_level(self) -> int:
        if not hasattr(self, "_level"):
            self._level = int(getattr(settings, "MESSAGE_LEVEL", constants.INFO))
        return self._level

    def _set_level(self, value: int | None = None) -> None:
        if value is None and hasattr(self, "_level"):
            del self._level
        elif value is not None:
            self._level = int(value)

    level = property(_get_level, _set_level, _set_level)
