"""DummyCache: implements the cache API and stores nothing (for development)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nuages.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

__all__ = ["DummyCache"]


class DummyCache(BaseCache):
    """Every write is accepted and forgotten; every read misses. Keys are still validated."""

    def __init__(self, host: Any, params: dict[str, Any]) -> None:
        super().__init__(params)

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        self.make_and_validate_key(key, version=version)
        return True

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        self.make_and_validate_key(key, version=version)
        return default

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        self.make_and_validate_key(key, version=version)

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        self.make_and_validate_key(key, version=version)
        return False

    def delete(self, key: str, version: int | None = None) -> bool:
        self.make_and_validate_key(key, version=version)
        return False

    def has_key(self, key: str, version: int | None = None) -> bool:
        self.make_and_validate_key(key, version=version)
        return False

    def clear(self) -> None:
        pass

    def delete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        for key in keys:
            self.make_and_validate_key(key, version=version)

    # Nothing blocks: the async twins run inline, no thread.
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

    async def aclear(self) -> None:
        pass
