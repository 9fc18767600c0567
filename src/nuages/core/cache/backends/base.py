"""BaseCache: the low-level cache API every backend shares (Django's documented contract).

Backends implement add/get/set/touch/delete/clear (and may override the rest for speed). The
async twins here run the sync method in a worker thread; backends with a native async client
(Redis) or with nothing to block on (locmem, dummy) override them.
"""

from __future__ import annotations

import pickle
import time
import warnings
from collections.abc import Callable, Iterable
from typing import Any

from nuages.core.exceptions import ImproperlyConfigured
from nuages.utils._async import sync_to_async
from nuages.utils.module_loading import import_string

__all__ = [
    "DEFAULT_TIMEOUT",
    "MEMCACHE_MAX_KEY_LENGTH",
    "BaseCache",
    "CacheKeyWarning",
    "InvalidCacheBackendError",
    "InvalidCacheKey",
    "UnpicklableValueError",
    "default_key_func",
    "get_key_func",
    "memcache_key_warnings",
    "pickle_value",
]


class InvalidCacheBackendError(ImproperlyConfigured):
    pass


class CacheKeyWarning(RuntimeWarning):
    pass


class InvalidCacheKey(ValueError):
    pass


class UnpicklableValueError(pickle.PicklingError, TypeError):
    """A value that cannot be pickled was given to a cache that stores pickles."""


def pickle_value(value: Any, protocol: int = pickle.HIGHEST_PROTOCOL) -> bytes:
    """pickle.dumps, with an error that names the type of the value that cannot be cached."""
    try:
        return pickle.dumps(value, protocol)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        raise UnpicklableValueError(
            f"Cannot cache a value of type {type(value).__module__}.{type(value).__qualname__}: "
            f"it cannot be pickled ({exc})"
        ) from exc


class _DefaultTimeout:
    """The 'use the backend's TIMEOUT' sentinel (distinct from None, which means forever)."""

    def __repr__(self) -> str:
        return "DEFAULT_TIMEOUT"


DEFAULT_TIMEOUT: Any = _DefaultTimeout()

# Memcached refuses keys longer than this, or with whitespace/control characters.
MEMCACHE_MAX_KEY_LENGTH = 250


def default_key_func(key: str, key_prefix: str, version: int) -> str:
    """The full key: '<prefix>:<version>:<key>'."""
    return f"{key_prefix}:{version}:{key}"


def get_key_func(key_func: Any) -> Callable[[str, str, int], str]:
    """KEY_FUNCTION as a callable: a callable itself, a dotted path, or the default."""
    if key_func is None:
        return default_key_func
    if callable(key_func):
        return key_func
    return import_string(key_func)


def memcache_key_warnings(key: str) -> Iterable[str]:
    """Messages for what memcached would reject in `key` (too long, control chars or spaces)."""
    if len(key) > MEMCACHE_MAX_KEY_LENGTH:
        yield (
            f"Cache key will cause errors if used with memcached: {key!r} "
            f"(longer than {MEMCACHE_MAX_KEY_LENGTH})"
        )
    for char in key:
        if ord(char) < 33 or ord(char) == 127:
            yield f"Cache key contains characters that will cause errors if used with memcached: {key!r}"
            break


class BaseCache:
    """Settings handling, key making and the generic parts of the API."""

    _missing_key = object()

    def __init__(self, params: dict[str, Any]) -> None:
        timeout = params.get("timeout", params.get("TIMEOUT", 300))
        if timeout is not None:
            try:
                timeout = int(timeout)
            except (ValueError, TypeError):
                timeout = 300
        self.default_timeout: int | None = timeout

        options = params.get("OPTIONS", {})
        max_entries = params.get("max_entries", options.get("MAX_ENTRIES", 300))
        try:
            self._max_entries = int(max_entries)
        except (ValueError, TypeError):
            self._max_entries = 300
        cull_frequency = params.get("cull_frequency", options.get("CULL_FREQUENCY", 3))
        try:
            self._cull_frequency = int(cull_frequency)
        except (ValueError, TypeError):
            self._cull_frequency = 3

        self.key_prefix: str = params.get("KEY_PREFIX", "")
        self.version: int = params.get("VERSION", 1)
        self.key_func = get_key_func(params.get("KEY_FUNCTION"))

    # --- keys and timeouts -----------------------------------------------------------------

    def get_backend_timeout(self, timeout: Any = DEFAULT_TIMEOUT) -> float | None:
        """The expiry as an absolute time (None = never; 0 means already expired)."""
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        elif timeout == 0:
            timeout = -1  # expire at once
        return None if timeout is None else time.time() + timeout

    def make_key(self, key: str, version: int | None = None) -> str:
        """The key as stored: prefix and version applied through KEY_FUNCTION."""
        if version is None:
            version = self.version
        return self.key_func(key, self.key_prefix, version)

    def validate_key(self, key: str) -> None:
        """Warn (CacheKeyWarning) about keys memcached would reject, for portable code."""
        for warning in memcache_key_warnings(key):
            warnings.warn(warning, CacheKeyWarning, stacklevel=3)

    def make_and_validate_key(self, key: str, version: int | None = None) -> str:
        key = self.make_key(key, version=version)
        self.validate_key(key)
        return key

    # --- the primitives each backend provides ----------------------------------------------

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        """Set the value only if the key is absent; True if it was stored."""
        raise NotImplementedError("subclasses of BaseCache must provide an add() method")

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        raise NotImplementedError("subclasses of BaseCache must provide a get() method")

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        raise NotImplementedError("subclasses of BaseCache must provide a set() method")

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        raise NotImplementedError("subclasses of BaseCache must provide a touch() method")

    def delete(self, key: str, version: int | None = None) -> bool:
        raise NotImplementedError("subclasses of BaseCache must provide a delete() method")

    def clear(self) -> None:
        raise NotImplementedError("subclasses of BaseCache must provide a clear() method")

    # --- generic operations built on the primitives ----------------------------------------

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        """A dict of the keys that are present (missing and expired keys are left out)."""
        found = {}
        for key in keys:
            value = self.get(key, self._missing_key, version=version)
            if value is not self._missing_key:
                found[key] = value
        return found

    def get_or_set(
        self, key: str, default: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> Any:
        """The cached value; when absent, store `default` (called if callable) and return it."""
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            if callable(default):
                default = default()
            self.add(key, default, timeout=timeout, version=version)
            # Read back: another client may have added a value between get() and add().
            return self.get(key, default, version=version)
        return value

    def has_key(self, key: str, version: int | None = None) -> bool:
        return self.get(key, self._missing_key, version=version) is not self._missing_key

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> Any:
        """Add delta to the stored value; ValueError if the key is absent."""
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            raise ValueError(f"Key '{key}' not found")
        new_value = value + delta
        self.set(key, new_value, version=version)
        return new_value

    def decr(self, key: str, delta: int = 1, version: int | None = None) -> Any:
        return self.incr(key, -delta, version=version)

    def __contains__(self, key: str) -> bool:
        return self.has_key(key)

    def set_many(
        self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[str]:
        """Store every pair; returns the keys that failed to be stored (backends that can tell)."""
        for key, value in data.items():
            self.set(key, value, timeout=timeout, version=version)
        return []

    def delete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        for key in keys:
            self.delete(key, version=version)

    def incr_version(self, key: str, delta: int = 1, version: int | None = None) -> int:
        """Move the value to version + delta; returns the new version."""
        if version is None:
            version = self.version
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            raise ValueError(f"Key '{key}' not found")
        self.set(key, value, version=version + delta)
        self.delete(key, version=version)
        return version + delta

    def decr_version(self, key: str, delta: int = 1, version: int | None = None) -> int:
        return self.incr_version(key, -delta, version)

    def close(self, **kwargs: Any) -> None:
        """Close connections to the cache server, where there are any (end of each request)."""

    # --- async twins -----------------------------------------------------------------------
    # The primitives hop to a thread by default; the composite ones reuse the async primitives,
    # so a backend with native async primitives gets native composites for free.

    async def aadd(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return await sync_to_async(self.add)(key, value, timeout, version)

    async def aget(self, key: str, default: Any = None, version: int | None = None) -> Any:
        return await sync_to_async(self.get)(key, default, version)

    async def aset(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        return await sync_to_async(self.set)(key, value, timeout, version)

    async def atouch(
        self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return await sync_to_async(self.touch)(key, timeout, version)

    async def adelete(self, key: str, version: int | None = None) -> bool:
        return await sync_to_async(self.delete)(key, version)

    async def aclear(self) -> None:
        return await sync_to_async(self.clear)()

    async def aget_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        found = {}
        for key in keys:
            value = await self.aget(key, self._missing_key, version=version)
            if value is not self._missing_key:
                found[key] = value
        return found

    async def aget_or_set(
        self, key: str, default: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> Any:
        value = await self.aget(key, self._missing_key, version=version)
        if value is self._missing_key:
            if callable(default):
                default = default()
            await self.aadd(key, default, timeout=timeout, version=version)
            return await self.aget(key, default, version=version)
        return value

    async def ahas_key(self, key: str, version: int | None = None) -> bool:
        return await self.aget(key, self._missing_key, version=version) is not self._missing_key

    async def aincr(self, key: str, delta: int = 1, version: int | None = None) -> Any:
        value = await self.aget(key, self._missing_key, version=version)
        if value is self._missing_key:
            raise ValueError(f"Key '{key}' not found")
        new_value = value + delta
        await self.aset(key, new_value, version=version)
        return new_value

    async def adecr(self, key: str, delta: int = 1, version: int | None = None) -> Any:
        return await self.aincr(key, -delta, version=version)

    async def aset_many(
        self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[str]:
        for key, value in data.items():
            await self.aset(key, value, timeout=timeout, version=version)
        return []

    async def adelete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        for key in keys:
            await self.adelete(key, version=version)

    async def aincr_version(self, key: str, delta: int = 1, version: int | None = None) -> int:
        if version is None:
            version = self.version
        value = await self.aget(key, self._missing_key, version=version)
        if value is self._missing_key:
            raise ValueError(f"Key '{key}' not found")
        await self.aset(key, value, version=version + delta)
        await self.adelete(key, version=version)
        return version + delta

    async def adecr_version(self, key: str, delta: int = 1, version: int | None = None) -> int:
        return await self.aincr_version(key, -delta, version)

    async def aclose(self, **kwargs: Any) -> None:
        self.close(**kwargs)
