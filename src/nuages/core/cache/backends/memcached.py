"""PyMemcacheCache: memcached through pymemcache's HashClient (several servers, by key hash)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from nuages.core.cache.backends.base import (
    DEFAULT_TIMEOUT,
    BaseCache,
    InvalidCacheKey,
    memcache_key_warnings,
    pickle_value,
)
from nuages.core.exceptions import ImproperlyConfigured

try:
    import pymemcache
    from pymemcache import serde
    from pymemcache.client.hash import HashClient
except ImportError:  # optional dependency (the `memcached` extra)
    pymemcache = None

__all__ = ["BaseMemcachedCache", "PyMemcacheCache"]

# Memcached reads an expiry above 30 days as an absolute Unix time.
_THIRTY_DAYS = 60 * 60 * 24 * 30


class _PickleSerde:
    """pymemcache's pickle serde, with the clear unpicklable-value error of the other backends."""

    def serialize(self, key: Any, value: Any) -> tuple[Any, int]:
        if isinstance(value, (bytes, str, int)) and type(value) is not bool:
            return serde.python_memcache_serializer(key, value)
        return pickle_value(value), serde.FLAG_PICKLE

    def deserialize(self, key: Any, value: Any, flags: int) -> Any:
        return serde.python_memcache_deserializer(key, value, flags)


class BaseMemcachedCache(BaseCache):
    """Memcached semantics: keys memcached rejects raise InvalidCacheKey instead of warning."""

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(params)
        if isinstance(server, str):
            self._servers = [s.strip() for s in server.replace(";", ",").split(",") if s.strip()]
        else:
            self._servers = list(server)
        self._options = params.get("OPTIONS") or {}
        self._cache_client: Any = None

    def get_backend_timeout(self, timeout: Any = DEFAULT_TIMEOUT) -> int:
        """Memcached's expiry: 0 = never, -1 = expire at once, > 30 days = a Unix time."""
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        if timeout is None:
            return 0
        if int(timeout) == 0:
            return -1
        if timeout > _THIRTY_DAYS:
            timeout += int(time.time())
        return int(timeout)

    def validate_key(self, key: str) -> None:
        for warning in memcache_key_warnings(key):
            raise InvalidCacheKey(warning)

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._cache.add(key, value, self.get_backend_timeout(timeout)))

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        return self._cache.get(key, default)

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        key = self.make_and_validate_key(key, version=version)
        if not self._cache.set(key, value, self.get_backend_timeout(timeout)):
            # Not stored (e.g. larger than the item size limit): drop any stale value.
            self._cache.delete(key)

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._cache.touch(key, self.get_backend_timeout(timeout)))

    def delete(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._cache.delete(key))

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not key_map:
            return {}
        found = self._cache.get_multi(list(key_map))
        return {key_map[k]: v for k, v in found.items()}

    def close(self, **kwargs: Any) -> None:
        # Connections are cheap to reopen and must not leak between requests.
        if self._cache_client is not None:
            self._cache_client.disconnect_all()

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        # memcached's decr stops at 0; negative deltas use decr like other clients.
        if delta < 0:
            value = self._cache.decr(key, -delta)
        else:
            value = self._cache.incr(key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found")
        return value

    def set_many(
        self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[str]:
        safe_data = {}
        original_keys = {}
        for key, value in data.items():
            safe_key = self.make_and_validate_key(key, version=version)
            safe_data[safe_key] = value
            original_keys[safe_key] = key
        if not safe_data:
            return []
        failed = self._cache.set_multi(safe_data, self.get_backend_timeout(timeout))
        return [original_keys[k] for k in failed]

    def delete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        safe_keys = [self.make_and_validate_key(key, version=version) for key in keys]
        if safe_keys:
            self._cache.delete_multi(safe_keys)

    def clear(self) -> None:
        """flush_all: every key on the servers goes, not only this cache's."""
        self._cache.flush_all()


class PyMemcacheCache(BaseMemcachedCache):
    """OPTIONS go to pymemcache's HashClient (connect_timeout, timeout, use_pooling, ...)."""

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        if pymemcache is None:
            raise ImproperlyConfigured(
                "PyMemcacheCache needs pymemcache: pip install 'nuages[memcached]'."
            )
        super().__init__(server, params)
        self._options = {
            "allow_unicode_keys": True,
            "default_noreply": False,
            "serde": _PickleSerde(),
            # Pooled connections make one backend object safe to share between threads (the
            # async twins run in worker threads).
            "use_pooling": True,
            **self._options,
        }

    @property
    def _cache(self) -> Any:
        if self._cache_client is None:
            self._cache_client = HashClient(self._servers, **self._options)
        return self._cache_client
