"""The cache framework: `caches` (one backend object per alias, per thread) and `cache`.

Backends are configured by the CACHES setting; `caches[alias]` builds the backend on first use
in a thread and keeps it there, and every initialized backend is closed when a request ends.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from nuages.conf import settings
from nuages.core import signals
from nuages.core.cache.backends.base import (
    DEFAULT_TIMEOUT,
    BaseCache,
    CacheKeyWarning,
    InvalidCacheBackendError,
    InvalidCacheKey,
)
from nuages.utils.module_loading import import_string

__all__ = [
    "DEFAULT_CACHE_ALIAS",
    "DEFAULT_TIMEOUT",
    "BaseCache",
    "CacheHandler",
    "CacheKeyWarning",
    "InvalidCacheBackendError",
    "InvalidCacheKey",
    "cache",
    "caches",
    "close_caches",
]

DEFAULT_CACHE_ALIAS = "default"


class CacheHandler:
    """Dict-like access to the configured caches: `caches["default"]`, `caches.all()`."""

    def __init__(self, settings: dict | None = None) -> None:
        self._settings = settings
        self._local = threading.local()

    @property
    def settings(self) -> dict:
        if self._settings is None:
            configured = settings.CACHES
            if DEFAULT_CACHE_ALIAS not in configured:
                raise InvalidCacheBackendError(
                    f"You must define a '{DEFAULT_CACHE_ALIAS}' cache in your CACHES setting."
                )
            self._settings = configured
        return self._settings

    def reset(self) -> None:
        """Forget the settings and every thread's backends (CACHES changed)."""
        for backend in self.all(initialized_only=True):
            try:
                backend.close()
            except Exception:
                pass
        self._settings = None
        self._local = threading.local()

    def create_connection(self, alias: str) -> BaseCache:
        params = dict(self.settings[alias])
        backend = params.pop("BACKEND", None)
        if not backend:
            raise InvalidCacheBackendError(f"The cache '{alias}' has no BACKEND.")
        location = params.pop("LOCATION", "")
        try:
            backend_cls = import_string(backend)
        except ImportError as exc:
            raise InvalidCacheBackendError(
                f"Could not find backend '{backend}' for cache '{alias}': {exc}"
            ) from exc
        return backend_cls(location, params)

    def _connections(self) -> dict[str, BaseCache]:
        try:
            return self._local.connections
        except AttributeError:
            self._local.connections = {}
            return self._local.connections

    def __getitem__(self, alias: str) -> BaseCache:
        connections = self._connections()
        try:
            return connections[alias]
        except KeyError:
            pass
        if alias not in self.settings:
            raise InvalidCacheBackendError(f"The connection '{alias}' doesn't exist.")
        connection = connections[alias] = self.create_connection(alias)
        return connection

    def __setitem__(self, alias: str, value: BaseCache) -> None:
        self._connections()[alias] = value

    def __delitem__(self, alias: str) -> None:
        del self._connections()[alias]

    def __iter__(self) -> Iterator[str]:
        return iter(self.settings)

    def all(self, initialized_only: bool = False) -> list[BaseCache]:
        """This thread's backends; with initialized_only, only those already built."""
        if initialized_only:
            return list(self._connections().values())
        return [self[alias] for alias in self]

    def close_all(self) -> None:
        for backend in self.all(initialized_only=True):
            backend.close()


caches = CacheHandler()


class _DefaultCacheProxy:
    """`cache`: the default cache of the current thread, looked up on each use."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        return getattr(caches[DEFAULT_CACHE_ALIAS], name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(caches[DEFAULT_CACHE_ALIAS], name, value)

    def __delattr__(self, name: str) -> None:
        delattr(caches[DEFAULT_CACHE_ALIAS], name)

    def __contains__(self, key: str) -> bool:
        return key in caches[DEFAULT_CACHE_ALIAS]

    def __eq__(self, other: object) -> bool:
        return caches[DEFAULT_CACHE_ALIAS] == other

    def __hash__(self) -> int:
        return hash(caches[DEFAULT_CACHE_ALIAS])

    def __repr__(self) -> str:
        return f"<cache proxy for {caches[DEFAULT_CACHE_ALIAS]!r}>"


cache: Any = _DefaultCacheProxy()


def close_caches(**kwargs: Any) -> None:
    """Close the caches used in this thread (connected to request_finished)."""
    caches.close_all()


signals.request_finished.connect(close_caches)
