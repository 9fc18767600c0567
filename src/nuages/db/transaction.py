"""Transactions: ``atomic`` (sync and async), ``on_commit`` and the low-level API."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from nuages.db import DEFAULT_DB_ALIAS, connections
from nuages.db._atomic import enter_plan, exit_plan, run_async, run_sync
from nuages.db._errors import TransactionManagementError
from nuages.utils._async import is_async_callable

__all__ = [
    "Atomic",
    "TransactionManagementError",
    "atomic",
    "clean_savepoints",
    "commit",
    "get_autocommit",
    "get_connection",
    "get_rollback",
    "mark_for_rollback_on_error",
    "non_atomic_requests",
    "on_commit",
    "rollback",
    "savepoint",
    "savepoint_commit",
    "savepoint_rollback",
    "set_autocommit",
    "set_rollback",
]


def get_connection(using: str | None = None) -> Any:
    """The wrapper for ``using`` (default alias when None)."""
    return connections[DEFAULT_DB_ALIAS if using is None else using]


def get_autocommit(using: str | None = None) -> bool:
    return get_connection(using).get_autocommit()


def set_autocommit(autocommit: bool, using: str | None = None) -> None:
    get_connection(using).set_autocommit(autocommit)


def commit(using: str | None = None) -> None:
    get_connection(using).commit()


def rollback(using: str | None = None) -> None:
    get_connection(using).rollback()


def savepoint(using: str | None = None) -> str | None:
    """Create a savepoint; returns its id (None when savepoints are not in use)."""
    return get_connection(using).savepoint()


def savepoint_rollback(sid: str, using: str | None = None) -> None:
    get_connection(using).savepoint_rollback(sid)


def savepoint_commit(sid: str, using: str | None = None) -> None:
    get_connection(using).savepoint_commit(sid)


def clean_savepoints(using: str | None = None) -> None:
    get_connection(using).clean_savepoints()


def get_rollback(using: str | None = None) -> bool:
    return get_connection(using).get_rollback()


def set_rollback(rollback: bool, using: str | None = None) -> None:
    get_connection(using).set_rollback(rollback)


@contextmanager
def mark_for_rollback_on_error(using: str | None = None) -> Iterator[None]:
    """Inside an atomic block, an exception in the block marks the transaction for rollback."""
    try:
        yield
    except Exception as exc:
        conn = get_connection(using)
        if conn.in_atomic_block:
            conn.needs_rollback = True
            conn.rollback_exc = exc
        raise


def on_commit(func: Callable, using: str | None = None, robust: bool = False) -> None:
    """Call ``func`` once the current transaction commits (now, outside a transaction)."""
    get_connection(using).on_commit(func, robust)


class Atomic:
    """``atomic``: a context manager (``with`` / ``async with``) and a decorator."""

    def __init__(self, using: str | None, savepoint: bool, durable: bool) -> None:
        self.using = using
        self.savepoint = savepoint
        self.durable = durable
        self._from_testcase = False
        self._entered: list = []  # the wrapper of each active (possibly nested) use

    def __enter__(self) -> None:
        conn = get_connection(self.using)
        run_sync(conn, enter_plan(conn, self))
        self._entered.append(conn)

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        conn = self._entered.pop()
        run_sync(conn, exit_plan(conn, exc_type))

    async def __aenter__(self) -> None:
        conn = get_connection(self.using)
        if conn.inline_async:
            run_sync(conn, enter_plan(conn, self))
        else:
            await run_async(conn, enter_plan(conn, self))
        self._entered.append(conn)

    async def __aexit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        conn = self._entered.pop()
        if conn.inline_async:
            run_sync(conn, exit_plan(conn, exc_type))
        else:
            await run_async(conn, exit_plan(conn, exc_type))

    def _copy(self) -> Atomic:
        return Atomic(self.using, self.savepoint, self.durable)

    def __call__(self, func: Callable) -> Callable:
        if is_async_callable(func):

            @functools.wraps(func)
            async def async_inner(*args: Any, **kwargs: Any) -> Any:
                async with self._copy():
                    return await func(*args, **kwargs)

            return async_inner

        @functools.wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            with self._copy():
                return func(*args, **kwargs)

        return inner


def atomic(using: Any = None, savepoint: bool = True, durable: bool = False) -> Any:
    """``@atomic``, ``@atomic(using=...)``, ``with atomic():`` and ``async with atomic():``."""
    if callable(using):  # bare @atomic
        return Atomic(DEFAULT_DB_ALIAS, savepoint, durable)(using)
    return Atomic(using, savepoint, durable)


def _non_atomic_requests(view: Callable, using: str) -> Callable:
    try:
        view._non_atomic_requests.add(using)
    except AttributeError:
        view._non_atomic_requests = {using}
    return view


def non_atomic_requests(using: Any = None) -> Any:
    """Exclude a view from ATOMIC_REQUESTS for ``using`` (default: the default alias)."""
    if callable(using):
        return _non_atomic_requests(using, DEFAULT_DB_ALIAS)
    return lambda view: _non_atomic_requests(view, DEFAULT_DB_ALIAS if using is None else using)
