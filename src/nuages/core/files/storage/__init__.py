"""File storage: Storage, FileSystemStorage, InMemoryStorage, storages and default_storage."""

from __future__ import annotations

from typing import Any

from nuages.core.files.storage.base import Storage
from nuages.core.files.storage.filesystem import FileSystemStorage
from nuages.core.files.storage.handler import InvalidStorageError, StorageHandler
from nuages.core.files.storage.memory import InMemoryStorage
from nuages.core.signals import setting_changed
from nuages.utils.functional import LazyObject, empty

__all__ = [
    "DefaultStorage",
    "FileSystemStorage",
    "InMemoryStorage",
    "InvalidStorageError",
    "Storage",
    "StorageHandler",
    "default_storage",
    "storages",
]

storages = StorageHandler()


class DefaultStorage(LazyObject):
    """The storage under STORAGES["default"], looked up on first use."""

    def _setup(self) -> None:
        self._wrapped = storages["default"]


default_storage = DefaultStorage()


def _storages_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        storages.reset()
        default_storage._wrapped = empty


setting_changed.connect(_storages_changed, dispatch_uid="nuages.core.files.storage.storages")
