"""FallbackStorage (the default): the cookie first, the session for what does not fit."""

from __future__ import annotations

from typing import Any

from nuages.contrib.messages.storage.base import BaseStorage, Message
from nuages.contrib.messages.storage.cookie import CookieStorage
from nuages.contrib.messages.storage.session import SessionStorage

__all__ = ["FallbackStorage"]


class FallbackStorage(BaseStorage):
    """Try each storage in turn, handing on the messages the previous one could not keep."""

    storage_classes: tuple[type[BaseStorage], ...] = (CookieStorage, SessionStorage)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.storages = [cls(*args, **kwargs) for cls in self.storage_classes]
        self._used_storages: set[BaseStorage] = set()

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list[Message] | None, bool]:
        all_messages: list[Message] = []
        all_retrieved = False
        for storage in self.storages:
            messages, all_retrieved = storage._get()
            if messages is None:
                # This storage holds nothing: the later ones hold nothing either.
                break
            if messages:
                self._used_storages.add(storage)
            all_messages.extend(messages)
            if all_retrieved:
                break
        return all_messages, all_retrieved

    def _store(self, messages: list[Message], response: Any, *args: Any, **kwargs: Any) -> Any:
        for storage in self.storages:
            if messages:
                messages = storage._store(messages, response, remove_oldest=False)
            elif storage in self._used_storages:
                # Clear what an earlier request left in a storage now unused.
                storage._store([], response)
                self._used_storages.remove(storage)
        return messages
