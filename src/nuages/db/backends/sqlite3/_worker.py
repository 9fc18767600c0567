"""The SQLite async path: one dedicated thread owns the connection; each call is one hop."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

__all__ = ["SQLiteWorker", "WorkerCursor"]


class SQLiteWorker:
    """A single thread running every call made on one sqlite3 connection."""

    def __init__(self, alias: str) -> None:
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=f"nuages-sqlite-{alias}"
        )
        self.connection: Any = None

    async def run(self, func: Any, *args: Any) -> Any:
        return await asyncio.wrap_future(self._executor.submit(func, *args))

    def shutdown(self) -> None:
        conn, self.connection = self.connection, None
        if conn is not None:
            self._executor.submit(conn.close)
        self._executor.shutdown(wait=False)

    # driver-like surface used by the wrapper's async primitives
    async def commit(self) -> None:
        await self.run(self.connection.commit)

    async def rollback(self) -> None:
        await self.run(self.connection.rollback)

    async def close(self) -> None:
        conn, self.connection = self.connection, None
        if conn is not None:
            await self.run(conn.close)
        self._executor.shutdown(wait=False)

    def cursor(self) -> WorkerCursor:
        return WorkerCursor(self)


class WorkerCursor:
    """An async cursor whose sqlite3 cursor lives on the worker thread."""

    def __init__(self, worker: SQLiteWorker) -> None:
        self._worker = worker
        self._cursor: Any = None

    async def _raw(self) -> Any:
        if self._cursor is None:
            self._cursor = await self._worker.run(self._worker.connection.cursor)
        return self._cursor

    @property
    def rowcount(self) -> int:
        return -1 if self._cursor is None else self._cursor.rowcount

    @property
    def lastrowid(self) -> Any:
        return None if self._cursor is None else self._cursor.lastrowid

    @property
    def description(self) -> Any:
        return None if self._cursor is None else self._cursor.description

    async def execute(self, sql: str, params: Any = None) -> Any:
        cursor = await self._raw()
        if params is None:
            await self._worker.run(cursor.execute, sql)
        else:
            await self._worker.run(cursor.execute, sql, params)
        return self

    async def executemany(self, sql: str, params: Any) -> Any:
        cursor = await self._raw()
        await self._worker.run(cursor.executemany, sql, params)
        return self

    async def fetchone(self) -> Any:
        return await self._worker.run((await self._raw()).fetchone)

    async def fetchmany(self, size: int | None = None) -> list:
        cursor = await self._raw()
        if size is None:
            return await self._worker.run(cursor.fetchmany)
        return await self._worker.run(cursor.fetchmany, size)

    async def fetchall(self) -> list:
        return await self._worker.run((await self._raw()).fetchall)

    async def close(self) -> None:
        if self._cursor is not None and self._worker.connection is not None:
            await self._worker.run(self._cursor.close)
