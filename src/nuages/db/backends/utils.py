"""Cursor wrappers: driver errors translated, the broken-transaction guard, execute wrappers,
query logging (CursorDebugWrapper), and the async cursor with the same surface."""

from __future__ import annotations

import functools
import inspect
import logging
import time
from typing import Any

from nuages.db._errors import NotSupportedError

__all__ = ["AsyncCursorWrapper", "CursorDebugWrapper", "CursorWrapper"]

logger = logging.getLogger("nuages.db.backends")


class CursorWrapper:
    """Django's cursor: ``execute(sql, params)`` with ``%s`` / ``%(name)s`` placeholders."""

    def __init__(self, cursor: Any, db: Any) -> None:
        self.cursor = cursor
        self.db = db

    WRAP_ERROR_ATTRS = frozenset(["fetchone", "fetchmany", "fetchall", "nextset"])

    def __getattr__(self, attr: str) -> Any:
        value = getattr(self.cursor, attr)
        if attr in CursorWrapper.WRAP_ERROR_ATTRS:
            return self.db.wrap_database_errors(value)
        return value

    # The common fetches are plain methods: no __getattr__ and no wrapper closure per call.
    def fetchone(self) -> Any:
        with self.db.wrap_database_errors:
            return self.cursor.fetchone()

    def fetchall(self) -> Any:
        with self.db.wrap_database_errors:
            return self.cursor.fetchall()

    def fetchmany(self, *args: Any, **kwargs: Any) -> Any:
        with self.db.wrap_database_errors:
            return self.cursor.fetchmany(*args, **kwargs)

    def __iter__(self) -> Any:
        with self.db.wrap_database_errors:
            yield from self.cursor

    def __enter__(self) -> CursorWrapper:
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, tb: Any) -> None:
        try:
            self.close()
        except self.db.Database.Error:
            pass

    def close(self) -> None:
        with self.db.wrap_database_errors:
            self.cursor.close()

    def callproc(self, procname: str, params: Any = None, kparams: Any = None) -> Any:
        if not self.db.features.supports_callproc:
            raise NotSupportedError(f"{self.db.display_name} does not support callproc().")
        if kparams is not None and not self.db.features.supports_callproc_kwargs:
            raise NotSupportedError(
                "Keyword parameters for callproc are not supported on this database backend."
            )
        self.db.validate_no_broken_transaction()
        with self.db.wrap_database_errors:
            if params is None and kparams is None:
                return self.cursor.callproc(procname)
            return self.cursor.callproc(procname, params or ())

    def execute(self, sql: str, params: Any = None) -> Any:
        return self._execute_with_wrappers(sql, params, False, self._execute)

    def executemany(self, sql: str, param_list: Any) -> Any:
        return self._execute_with_wrappers(sql, param_list, True, self._executemany)

    def _execute_with_wrappers(self, sql: str, params: Any, many: bool, executor: Any) -> Any:
        wrappers = self.db.execute_wrappers
        if wrappers:
            context = {"connection": self.db, "cursor": self}
            for wrapper in reversed(wrappers):
                executor = functools.partial(wrapper, executor)
            return executor(sql, params, many, context)
        return executor(sql, params, many, None)

    def _execute(self, sql: str, params: Any, many: bool, context: Any) -> Any:
        db = self.db
        if db.needs_rollback:
            db.validate_no_broken_transaction()
        sql, params = db.ops.prepare_sql(sql, params)
        with db.wrap_database_errors:
            if params is None:
                return self.cursor.execute(sql)
            return self.cursor.execute(sql, params)

    def _executemany(self, sql: str, param_list: Any, many: bool, context: Any) -> Any:
        db = self.db
        if db.needs_rollback:
            db.validate_no_broken_transaction()
        param_list = list(param_list)
        sql, _ = db.ops.prepare_sql(sql, param_list[0] if param_list else ())
        with db.wrap_database_errors:
            return self.cursor.executemany(sql, param_list)


class CursorDebugWrapper(CursorWrapper):
    """Also records every statement in ``connection.queries`` with its duration."""

    def execute(self, sql: str, params: Any = None) -> Any:
        start = time.monotonic()
        try:
            return super().execute(sql, params)
        finally:
            self.db.record_query(sql, params, time.monotonic() - start, many=False)

    def executemany(self, sql: str, param_list: Any) -> Any:
        param_list = list(param_list)
        start = time.monotonic()
        try:
            return super().executemany(sql, param_list)
        finally:
            self.db.record_query(sql, param_list, time.monotonic() - start, many=True)


async def _maybe_await(value: Any) -> Any:
    if inspect.isawaitable(value):
        return await value
    return value


class AsyncCursorWrapper:
    """The async cursor: ``await execute(sql, params)``, ``await fetchone()``... (see
    docs/design/db-runtime.md). ``cursor`` is a raw async cursor (driver's, or an adapter)."""

    def __init__(self, cursor: Any, db: Any) -> None:
        self.cursor = cursor
        self.db = db

    @property
    def rowcount(self) -> int:
        return self.cursor.rowcount

    @property
    def lastrowid(self) -> Any:
        return getattr(self.cursor, "lastrowid", None)

    @property
    def description(self) -> Any:
        return self.cursor.description

    async def __aenter__(self) -> AsyncCursorWrapper:
        return self

    async def __aexit__(self, exc_type: Any, exc_value: Any, tb: Any) -> None:
        await self.close()

    async def close(self) -> None:
        try:
            await _maybe_await(self.cursor.close())
        except Exception:  # closing a cursor of a dead connection is not worth an error
            pass

    async def execute(self, sql: str, params: Any = None) -> Any:
        return await self._run(sql, params, False, self._execute)

    async def executemany(self, sql: str, param_list: Any) -> Any:
        return await self._run(sql, list(param_list), True, self._executemany)

    async def _run(self, sql: str, params: Any, many: bool, executor: Any) -> Any:
        db = self.db
        start = time.monotonic() if db.queries_logged else None
        try:
            context = None
            wrappers = db.execute_wrappers
            if wrappers:
                context = {"connection": db, "cursor": self}
                for wrapper in reversed(wrappers):
                    executor = functools.partial(wrapper, executor)
            return await _maybe_await(executor(sql, params, many, context))
        finally:
            if start is not None:
                db.record_query(sql, params, time.monotonic() - start, many=many)

    async def _execute(self, sql: str, params: Any, many: bool, context: Any) -> Any:
        db = self.db
        if db.needs_rollback:
            db.validate_no_broken_transaction()
        sql, params = db.ops.prepare_sql(sql, params)
        with db.wrap_database_errors:
            if params is None:
                return await self.cursor.execute(sql)
            return await self.cursor.execute(sql, params)

    async def _executemany(self, sql: str, param_list: Any, many: bool, context: Any) -> Any:
        db = self.db
        if db.needs_rollback:
            db.validate_no_broken_transaction()
        sql, _ = db.ops.prepare_sql(sql, param_list[0] if param_list else ())
        with db.wrap_database_errors:
            return await self.cursor.executemany(sql, param_list)

    async def fetchone(self) -> Any:
        with self.db.wrap_database_errors:
            return await self.cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list:
        with self.db.wrap_database_errors:
            if size is None:
                return await self.cursor.fetchmany()
            return await self.cursor.fetchmany(size)

    async def fetchall(self) -> list:
        with self.db.wrap_database_errors:
            return await self.cursor.fetchall()

    def __aiter__(self) -> AsyncCursorWrapper:
        return self

    async def __anext__(self) -> Any:
        row = await self.fetchone()
        if row is None:
            raise StopAsyncIteration
        return row
