"""storages (STORAGES), default_storage, django.* backend names."""

from __future__ import annotations

import pytest

from nuages.core.files.storage import (
    FileSystemStorage,
    InMemoryStorage,
    InvalidStorageError,
    StorageHandler,
    default_storage,
    storages,
)
from nuages.core.signals import setting_changed
from nuages.utils.functional import empty


def test_handler_builds_each_alias_once_with_options(tmp_path):
    handler = StorageHandler(
        {
            "default": {
                "BACKEND": "nuages.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(tmp_path), "base_url": "/files/"},
            },
            "memory": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        }
    )
    default = handler["default"]
    assert isinstance(default, FileSystemStorage) and default.location == str(tmp_path)
    assert handler["default"] is default
    assert isinstance(handler["memory"], InMemoryStorage)  # django.* names map to nuages.*
    with pytest.raises(InvalidStorageError, match="Could not find config for 'nope'"):
        handler["nope"]


def test_handler_bad_backend():
    handler = StorageHandler({"x": {"BACKEND": "nuages.core.files.storage.Nope"}})
    with pytest.raises(InvalidStorageError, match="Could not find backend"):
        handler["x"]


def test_default_storage_follows_storages_setting(monkeypatch):
    from nuages.conf import settings

    assert isinstance(storages["default"], FileSystemStorage)
    new = {"default": {"BACKEND": "nuages.core.files.storage.InMemoryStorage"}}
    monkeypatch.setattr(settings, "STORAGES", new)
    setting_changed.send(sender=None, setting="STORAGES", value=new, enter=True)
    try:
        assert isinstance(storages["default"], InMemoryStorage)
        assert default_storage._wrapped is empty  # reset, rebuilt on next use
        assert not default_storage.exists("x")
        assert isinstance(default_storage._wrapped, InMemoryStorage)
    finally:
        monkeypatch.undo()
        setting_changed.send(sender=None, setting="STORAGES", value=None, enter=False)
    assert isinstance(storages["default"], FileSystemStorage)
