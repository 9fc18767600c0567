"""The compiled-statement cache: SQL text keyed by (vendor, statement kind, query shape)."""

from __future__ import annotations

from typing import Any

__all__ = ["StatementCache", "statement_cache"]


class StatementCache:
    """A bounded dict; when full it is simply cleared (shapes are few in a real application)."""

    def __init__(self, limit: int = 4096) -> None:
        self.limit = limit
        self.data: dict = {}
        self.hits = self.misses = 0

    def get(self, key: Any) -> Any:
        found = self.data.get(key)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def set(self, key: Any, value: Any) -> None:
        if len(self.data) >= self.limit:
            self.data.clear()
        self.data[key] = value

    def clear(self) -> None:
        self.data.clear()


statement_cache = StatementCache()
