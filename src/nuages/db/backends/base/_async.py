"""The async half of a DatabaseWrapper: an async driver connection owned by one asyncio task.

Backends implement ``aget_new_connection``, ``ainit_connection_state``,
``create_async_cursor``, ``_aset_autocommit``, ``_acommit``, ``_arollback``, ``_aclose`` and
``_close_async_now`` (a synchronous, immediate close used when the owning task has ended).
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

from nuages.db._errors import ProgrammingError
from nuages.db.backends.signals import connection_created
from nuages.db.backends.utils import AsyncCursorWrapper

__all__ = ["AsyncWrapperMixin", "InlineAsyncCursor"]


class InlineAsyncCursor:
    """Async surface over a sync driver cursor, run inline (test pinning and nothing else)."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    async def execute(self, sql: str, params: Any = None) -> Any:
        if params is None:
            return self._cursor.execute(sql)
        return self._cursor.execute(sql, params)

    async def executemany(self, sql: str, params: Any) -> Any:
        return self._cursor.executemany(sql, params)

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list:
        return self._cursor.fetchmany() if size is None else self._cursor.fetchmany(size)

    async def fetchall(self) -> list:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()


class _ACursorContext:
    """``async with conn.acursor() as cur`` (or ``cur = await conn.acursor()``)."""

    __slots__ = ("cursor", "db", "name")

    def __init__(self, db: Any, name: str | None) -> None:
        self.db = db
        self.name = name
        self.cursor: AsyncCursorWrapper | None = None

    async def _open(self) -> AsyncCursorWrapper:
        db = self.db
        if db.inline_async:
            db._ensure_connection()
            with db.wrap_database_errors:
                raw = InlineAsyncCursor(db.create_cursor(self.name))
        else:
            await db.aensure_connection()
            with db.wrap_database_errors:
                raw = db.create_async_cursor(self.name)
        self.cursor = AsyncCursorWrapper(raw, db)
        return self.cursor

    def __await__(self) -> Any:
        return self._open().__await__()

    async def __aenter__(self) -> AsyncCursorWrapper:
        return await self._open()

    async def __aexit__(self, exc_type: Any, exc_value: Any, tb: Any) -> None:
        if self.cursor is not None:
            await self.cursor.close()


class AsyncWrapperMixin:
    """Async connection management and transaction primitives."""

    # --- driver hooks ----------------------------------------------------------------------

    async def aget_new_connection(self, conn_params: dict) -> Any:
        raise NotImplementedError(f"{self.display_name} has no async driver.")

    async def ainit_connection_state(self) -> None:
        """Session setup of a new async connection."""

    def create_async_cursor(self, name: str | None = None) -> Any:
        raise NotImplementedError

    async def _aset_autocommit(self, autocommit: bool) -> None:
        raise NotImplementedError

    async def _acommit(self) -> None:
        with self.wrap_database_errors:
            await self.aconnection.commit()

    async def _arollback(self) -> None:
        with self.wrap_database_errors:
            await self.aconnection.rollback()

    async def _aclose(self) -> None:
        with self.wrap_database_errors:
            await self.aconnection.close()

    def _close_async_now(self) -> None:
        """Close the async driver connection without awaiting (task teardown)."""

    # --- connecting ------------------------------------------------------------------------

    async def aconnect(self) -> None:
        self.check_settings()
        self._reset_state_for_connect()
        params = self.get_connection_params()
        with self.wrap_database_errors:
            self.aconnection = await self.aget_new_connection(params)
        await self.aset_autocommit(self.settings_dict["AUTOCOMMIT"])
        await self.ainit_connection_state()
        connection_created.send(sender=type(self), connection=self)

    async def aensure_connection(self) -> None:
        if self.inline_async:
            self._ensure_connection()
            return
        if self.aconnection is None:
            if self.in_atomic_block and self.closed_in_transaction:
                raise ProgrammingError("Cannot open a new connection in an atomic block.")
            await self.aconnect()

    def acursor(self, name: str | None = None) -> _ACursorContext:
        """An async cursor: ``async with connection.acursor() as cursor:``."""
        return _ACursorContext(self, name)

    async def aclose(self) -> None:
        self.run_on_commit = []
        if self.inline_async:
            return
        if self.closed_in_transaction or self.aconnection is None:
            return
        try:
            await self._aclose()
        finally:
            if self.in_atomic_block:
                self.closed_in_transaction = True
                self.needs_rollback = True
            else:
                self.aconnection = None

    def _drop_async_connection(self) -> None:
        try:
            self._close_async_now()
        except Exception:
            pass
        self.aconnection = None
        self._note_lost_connection()

    def _release_async_connection_soon(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None and self._async_close_needs_await():
            loop.create_task(self.aclose())
            return
        try:
            self._close_async_now()
        finally:
            self.aconnection = None

    def _async_close_needs_await(self) -> bool:
        """True when closing means awaiting (e.g. giving a connection back to a pool)."""
        return False

    # --- transaction primitives --------------------------------------------------------------

    async def aset_autocommit(
        self, autocommit: bool, force_begin_transaction_with_broken_autocommit: bool = False
    ) -> None:
        self.validate_no_atomic_block()
        await self.aensure_connection()
        await self._aset_autocommit(autocommit)
        self.autocommit = autocommit
        if autocommit and self.run_commit_hooks_on_set_autocommit_on:
            self.run_commit_hooks_on_set_autocommit_on = False
            await self.arun_and_clear_commit_hooks()

    async def arun_and_clear_commit_hooks(self) -> None:
        for result in self.run_and_clear_commit_hooks():
            if inspect.isawaitable(result):
                await result

    async def acommit(self) -> None:
        self.validate_no_atomic_block()
        await self._acommit()
        self.errors_occurred = False
        self.run_commit_hooks_on_set_autocommit_on = True

    async def arollback(self) -> None:
        self.validate_no_atomic_block()
        await self._arollback()
        self.errors_occurred = False
        self.needs_rollback = False
        self.run_on_commit = []

    async def _aexecute_plain(self, sql: str) -> None:
        async with self.acursor() as cursor:
            await cursor.execute(sql)

    async def asavepoint(self) -> str | None:
        if not self._savepoint_allowed():
            return None
        sid = self._new_savepoint_id()
        await self._aexecute_plain(self.ops.savepoint_create_sql(sid))
        return sid

    async def asavepoint_rollback(self, sid: str) -> None:
        if not self._savepoint_allowed():
            return
        await self._aexecute_plain(self.ops.savepoint_rollback_sql(sid))
        self._forget_hooks_after(sid)

    async def asavepoint_commit(self, sid: str) -> None:
        if not self._savepoint_allowed():
            return
        await self._aexecute_plain(self.ops.savepoint_commit_sql(sid))
