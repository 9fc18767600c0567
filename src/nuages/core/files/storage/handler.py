"""StorageHandler: the storages configured in settings.STORAGES, built on first use."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured
from nuages.utils.functional import cached_property
from nuages.utils.module_loading import import_string, nuages_path

__all__ = ["InvalidStorageError", "StorageHandler"]


class InvalidStorageError(ImproperlyConfigured):
    pass


class StorageHandler:
    """storages["alias"]: one instance per alias, from STORAGES (or the backends given)."""

    def __init__(self, backends: dict | None = None) -> None:
        self._backends = backends
        self._storages: dict[str, Any] = {}

    @cached_property
    def backends(self) -> dict:
        if self._backends is None:
            self._backends = dict(settings.STORAGES)
        return self._backends

    def __getitem__(self, alias: str) -> Any:
        try:
            return self._storages[alias]
        except KeyError:
            pass
        try:
            params = self.backends[alias]
        except KeyError as e:
            raise InvalidStorageError(
                f"Could not find config for '{alias}' in settings.STORAGES."
            ) from e
        storage = self.create_storage(params)
        self._storages[alias] = storage
        return storage

    def create_storage(self, params: dict) -> Any:
        params = dict(params)
        backend = params.pop("BACKEND")
        options = params.pop("OPTIONS", {})
        try:
            storage_cls = import_string(nuages_path(backend))
        except ImportError as e:
            raise InvalidStorageError(f"Could not find backend {backend!r}: {e}") from e
        return storage_cls(**options)

    def reset(self) -> None:
        """Forget the configuration and the instances (STORAGES changed)."""
        self._backends = None
        self.__dict__.pop("backends", None)
        self._storages = {}
