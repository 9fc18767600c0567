"""QuerySet.iterator() / aiterator(): rows fetched and decoded chunk by chunk.

Sync: ``connection.chunked_cursor()`` (a server-side cursor on PostgreSQL) read with
``fetchmany(chunk_size)``, so at most one chunk of rows is held at a time. Async: the task's async
cursor read with ``fetchmany`` (decoding per chunk; the async drivers buffer the result set).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from nuages.core.exceptions import EmptyResultSet
from nuages.db.models._plans import decode
from nuages.db.models._runners import alias_for, get_connection
from nuages.db.models.sql.compiler import compile_select

__all__ = ["aiterate", "iterate"]


def _prepare(qs: Any) -> tuple[Any, Any]:
    conn = get_connection(alias_for(qs.model, qs._db, False))
    try:
        return conn, compile_select(qs.query, conn)
    except EmptyResultSet:
        return conn, None


def iterate(qs: Any, chunk_size: int) -> Iterator:
    conn, compiled = _prepare(qs)
    if compiled is None:
        return
    sql, params, fields = compiled
    with conn.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while True:
            rows = cursor.fetchmany(chunk_size)
            if not rows:
                return
            yield from decode(qs, rows, fields, conn)


async def aiterate(qs: Any, chunk_size: int) -> AsyncIterator:
    conn, compiled = _prepare(qs)
    if compiled is None:
        return
    sql, params, fields = compiled
    async with conn.acursor() as cursor:
        await cursor.execute(sql, params)
        while True:
            rows = await cursor.fetchmany(chunk_size)
            if not rows:
                return
            for obj in decode(qs, rows, fields, conn):
                yield obj
