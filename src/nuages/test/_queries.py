"""CaptureQueriesContext: the queries a connection ran inside a block."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = ["CaptureQueriesContext"]


class CaptureQueriesContext:
    """``with CaptureQueriesContext(connection) as ctx:`` -> ``ctx.captured_queries``."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.initial = 0
        self.final: int | None = None

    def __iter__(self) -> Iterator[dict]:
        return iter(self.captured_queries)

    def __getitem__(self, index: Any) -> Any:
        return self.captured_queries[index]

    def __len__(self) -> int:
        return len(self.captured_queries)

    @property
    def captured_queries(self) -> list[dict]:
        end = self.final if self.final is not None else len(self.connection.queries_log)
        return self.connection.queries[self.initial : end]

    def __enter__(self) -> CaptureQueriesContext:
        self.force_debug_cursor = self.connection.force_debug_cursor
        self.connection.force_debug_cursor = True
        self.initial = len(self.connection.queries_log)
        self.final = None
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        self.connection.force_debug_cursor = self.force_debug_cursor
        self.final = len(self.connection.queries_log)
