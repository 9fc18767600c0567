"""The logic of ``atomic`` blocks, written once as plans run by a sync or an async runner.

A plan is a generator yielding ``(operation, *args)`` for the wrapper: the sync runner calls
``wrapper.<operation>(*args)``, the async runner awaits ``wrapper.a<operation>(*args)``; each
result (or exception) is sent back into the plan.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from nuages.db._errors import DatabaseError, Error

__all__ = ["enter_plan", "exit_plan", "run_async", "run_sync"]

Plan = Generator[tuple, Any, None]


def run_sync(conn: Any, plan: Plan) -> None:
    send: Any = None
    error: BaseException | None = None
    while True:
        try:
            op = plan.throw(error) if error is not None else plan.send(send)
        except StopIteration:
            return
        error = None
        try:
            send = getattr(conn, op[0])(*op[1:])
        except BaseException as exc:
            error = exc


async def run_async(conn: Any, plan: Plan) -> None:
    send: Any = None
    error: BaseException | None = None
    while True:
        try:
            op = plan.throw(error) if error is not None else plan.send(send)
        except StopIteration:
            return
        error = None
        try:
            send = await getattr(conn, "a" + op[0])(*op[1:])
        except BaseException as exc:
            error = exc


def enter_plan(conn: Any, block: Any) -> Plan:
    """Start a transaction, or a savepoint inside one."""
    if block.durable:
        outer = [b for b in conn.atomic_blocks if not getattr(b, "_from_testcase", False)]
        if outer:
            raise RuntimeError(
                "A durable atomic block cannot be nested within another atomic block."
            )
    if not conn.in_atomic_block:
        conn.commit_on_exit = True
        conn.needs_rollback = False
        yield ("ensure_connection",)
        if not conn.get_autocommit():
            # set_autocommit(False) was called by hand: the block joins that transaction
            conn.in_atomic_block = True
            conn.commit_on_exit = False
    if conn.in_atomic_block:
        if block.savepoint and not conn.closed_in_transaction:
            sid = yield ("savepoint",)
            conn.savepoint_ids.append(sid)
        else:
            conn.savepoint_ids.append(None)
    else:
        yield ("set_autocommit", False, True)
        conn.in_atomic_block = True
    conn.atomic_blocks.append(block)


def exit_plan(conn: Any, exc_type: Any) -> Plan:
    """Commit or roll back what enter_plan started."""
    if conn.atomic_blocks:
        conn.atomic_blocks.pop()
    if conn.savepoint_ids:
        sid = conn.savepoint_ids.pop()
    else:
        conn.in_atomic_block = False  # leaving the outermost block
    try:
        if conn.closed_in_transaction:
            pass  # the connection is gone; nothing to commit or roll back
        elif exc_type is None and not conn.needs_rollback:
            if conn.in_atomic_block:
                if sid is not None:
                    try:
                        yield ("savepoint_commit", sid)
                    except DatabaseError:
                        try:
                            yield ("savepoint_rollback", sid)
                        except Error:
                            conn.needs_rollback = True
                        raise
            else:
                try:
                    yield ("commit",)
                except DatabaseError:
                    try:
                        yield ("rollback",)
                    except Error:
                        yield ("close",)
                    raise
        else:
            conn.needs_rollback = False
            if conn.in_atomic_block:
                if sid is None:
                    conn.needs_rollback = True  # no savepoint: the outer block must roll back
                else:
                    try:
                        yield ("savepoint_rollback", sid)
                    except Error:
                        conn.needs_rollback = True
            else:
                try:
                    yield ("rollback",)
                except Error:
                    yield ("close",)
    finally:
        if not conn.in_atomic_block:
            if conn.closed_in_transaction:
                conn.connection = None
                conn.aconnection = None
                conn.closed_in_transaction = False
                conn.needs_rollback = False
            else:
                yield ("set_autocommit", True)
        elif not conn.savepoint_ids and not conn.commit_on_exit:
            if conn.closed_in_transaction:
                conn.connection = None
                conn.aconnection = None
            else:
                conn.in_atomic_block = False
