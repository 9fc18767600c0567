"""LocMemCache: a per-process, thread-safe LRU cache of pickled values."""

from __future__ import annotations

import pickle
import threading
import time
from collections import OrderedDict
from typing import Any

from nuages.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache, pickle_value

__all__ = ["LocMemCache"]

# Caches with the same LOCATION share storage across threads and backend objects.
_caches: dict[str, OrderedDict[str, bytes]] = {}
_expire_info: dict[str, dict[str, float | None]] = {}
_locks: dict[str, threading.Lock] = {}
_registry_lock = threading.Lock()


class LocMemCache(BaseCache):
    """Values are pickled on the way in (so the cache holds copies, as other backends do)."""

    pickle_protocol = pickle.HIGHEST_PROTOCOL

    def __init__(self, name: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        with _registry_lock:
            self._cache = _caches.setdefault(name, OrderedDict())
            self._expire_info = _expire_info.setdefault(name, {})
            self._lock = _locks.setdefault(name, threading.Lock())

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        key = self.make_and_validate_key(key, version=version)
        pickled = pickle_value(value, self.pickle_protocol)
        with self._lock:
            if self._has_expired(key):
                self._set(key, pickled, timeout)
                return True
            return False

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            pickled = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return pickle.loads(pickled)

    def _set(self, key: str, value: bytes, timeout: Any = DEFAULT_TIMEOUT) -> None:
        if len(self._cache) >= self._max_entries and key not in self._cache:
            self._cull()
        self._cache[key] = value
        self._cache.move_to_end(key, last=False)
        self._expire_info[key] = self.get_backend_timeout(timeout)

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        key = self.make_and_validate_key(key, version=version)
        pickled = pickle_value(value, self.pickle_protocol)
        with self._lock:
            self._set(key, pickled, timeout)

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                return False
            self._expire_info[key] = self.get_backend_timeout(timeout)
            return True

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            new_value = pickle.loads(self._cache[key]) + delta
            self._cache[key] = pickle_value(new_value, self.pickle_protocol)
            self._cache.move_to_end(key, last=False)
        return new_value

    def has_key(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return False
            return True

    def _has_expired(self, key: str) -> bool:
        exp = self._expire_info.get(key, -1)
        return exp is not None and exp <= time.time()

    def _cull(self) -> None:
        if self._cull_frequency == 0:
            self._cache.clear()
            self._expire_info.clear()
            return
        # The least recently used entries sit at the end.
        count = len(self._cache) // self._cull_frequency
        for _ in range(count):
            key, _value = self._cache.popitem()
            self._expire_info.pop(key, None)

    def _delete(self, key: str) -> bool:
        try:
            del self._cache[key]
            del self._expire_info[key]
        except KeyError:
            return False
        return True

    def delete(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            return self._delete(key)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()

    # Nothing here waits on I/O: the async twins run inline instead of hopping to a thread.
    async def aadd(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self.add(key, value, timeout, version)

    async def aget(self, key: str, default: Any = None, version: int | None = None) -> Any:
        return self.get(key, default, version)

    async def aset(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        self.set(key, value, timeout, version)

    async def atouch(
        self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self.touch(key, timeout, version)

    async def adelete(self, key: str, version: int | None = None) -> bool:
        return self.delete(key, version)

    async def aincr(self, key: str, delta: int = 1, version: int | None = None) -> Any:
        return self.incr(key, delta, version)

    async def ahas_key(self, key: str, version: int | None = None) -> bool:
        return self.has_key(key, version)

    async def aclear(self) -> None:
        self.clear()
