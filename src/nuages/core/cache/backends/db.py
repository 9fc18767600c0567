"""DatabaseCache: a table (`createcachetable`) of key, pickled value (base64 text) and expiry.

Django's table layout: ``cache_key varchar(255)`` primary key, ``value text``, ``expires`` in the
database's datetime type (indexed). Expiry follows USE_TZ: aware UTC datetimes when it is on
(stored as naive UTC where the column has no zone), naive local time when it is off.

Each operation is written once as a generator of ``(sql, params)`` statements that receives
``(rows, rowcount)`` back; a sync runner drives it through ``connection.cursor()`` and an async
runner through ``connection.acursor()`` (the backends' native async drivers; a wrapper without
``acursor`` falls back to a worker thread). Every write and read-modify-write runs inside
``transaction.atomic`` on the cache's database (router ``db_for_write``; reads use
``db_for_read``). A racing ``add()`` that loses on the primary key returns False.
"""

from __future__ import annotations

import base64
import pickle
from collections.abc import Callable, Generator, Iterable
from datetime import UTC, datetime
from typing import Any

from nuages.conf import settings
from nuages.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache, pickle_value
from nuages.utils._async import sync_to_async

__all__ = ["DatabaseCache", "cache_table_sql"]

Statement = tuple[str, list[Any]]
Op = Generator[Statement, tuple[list[Any], int], Any]


def cache_table_sql(connection: Any, table: str) -> list[str]:
    """The DDL of a cache table on `connection`: CREATE TABLE and the index on expires."""

    def column_type(internal: str, **data: Any) -> str:
        template = connection.data_types[internal]
        return template(data) if callable(template) else template % data

    qn = connection.ops.quote_name
    index = f"{table}_expires"[: connection.ops.max_name_length() or 200]
    return [
        f"CREATE TABLE {qn(table)} ("
        f"{qn('cache_key')} {column_type('CharField', max_length=255)} NOT NULL PRIMARY KEY, "
        f"{qn('value')} {column_type('TextField')} NOT NULL, "
        f"{qn('expires')} {column_type('DateTimeField')} NOT NULL)",
        f"CREATE INDEX {qn(index)} ON {qn(table)} ({qn('expires')})",
    ]


def _encode(value: Any, protocol: int) -> str:
    return base64.b64encode(pickle_value(value, protocol)).decode("ascii")


def _decode(text: Any) -> Any:
    if isinstance(text, bytes | memoryview):
        text = bytes(text).decode("ascii")
    return pickle.loads(base64.b64decode(text.encode("ascii")))


class _CacheEntry:
    """What the router sees: app_label 'django_cache', model_name 'cacheentry' (as Django)."""

    class _meta:
        app_label = "django_cache"
        model_name = "cacheentry"
        db_table = ""


class DatabaseCache(BaseCache):
    """LOCATION is the table name; the router's db_for_read/db_for_write pick the database."""

    pickle_protocol = pickle.HIGHEST_PROTOCOL

    def __init__(self, table: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        self._table = table

        class CacheEntry(_CacheEntry):
            class _meta(_CacheEntry._meta):
                db_table = table

        self.cache_model_class = CacheEntry

    # --- connections and runners -----------------------------------------------------------

    def _connection(self, write: bool) -> Any:
        from nuages.db import connections, router  # the ORM sits above core.cache

        model = self.cache_model_class
        try:
            alias = router.db_for_write(model) if write else router.db_for_read(model)
        except Exception:  # a router that expects real models
            alias = None
        return connections[alias or "default"]

    def _run(self, op: Callable[[Any], Op], write: bool) -> Any:
        from nuages.db import transaction

        connection = self._connection(write)
        if not write:
            with connection.cursor() as cursor:
                return _drive(op(connection), cursor)
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            return _drive(op(connection), cursor)

    async def _arun(self, op: Callable[[Any], Op], write: bool) -> Any:
        from nuages.db import transaction

        connection = self._connection(write)
        if not hasattr(connection, "acursor"):  # no async driver: one hop to a thread
            return await sync_to_async(self._run)(op, write)
        if not write:
            async with connection.acursor() as cursor:
                return await _adrive(op(connection), cursor)
        async with transaction.atomic(using=connection.alias), connection.acursor() as cursor:
            return await _adrive(op(connection), cursor)

    def _write(self, op: Callable[[Any], Op], lost_race: Any = None) -> Any:
        """Run a write; on a primary-key race, return `lost_race` or (if None) run it again."""
        from nuages.db import IntegrityError

        try:
            return self._run(op, write=True)
        except IntegrityError:
            if lost_race is not None:
                return lost_race
            return self._run(op, write=True)

    async def _awrite(self, op: Callable[[Any], Op], lost_race: Any = None) -> Any:
        from nuages.db import IntegrityError

        try:
            return await self._arun(op, write=True)
        except IntegrityError:
            if lost_race is not None:
                return lost_race
            return await self._arun(op, write=True)

    # --- datetimes in the database's type --------------------------------------------------

    def _adapt(self, connection: Any, value: datetime) -> Any:
        if connection.vendor == "postgresql":
            return value
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        if connection.vendor == "sqlite":  # fixed width, so text order is time order
            return value.strftime("%Y-%m-%d %H:%M:%S.%f")
        return value

    def _expiry(self, connection: Any, timeout: Any) -> Any:
        ts = self.get_backend_timeout(timeout)
        use_tz = settings.USE_TZ
        if ts is None:
            value = datetime.max.replace(tzinfo=UTC) if use_tz else datetime.max
        else:
            value = datetime.fromtimestamp(max(ts, 0), UTC if use_tz else None)
        return self._adapt(connection, value)

    def _now(self, connection: Any) -> Any:
        return self._adapt(connection, datetime.now(UTC if settings.USE_TZ else None))

    def _qn(self, connection: Any) -> str:
        return connection.ops.quote_name(self._table)

    # --- operations (generators, run sync or async) ----------------------------------------

    def _op_get_many(self, key_map: dict[str, str]) -> Callable[[Any], Op]:
        def op(connection: Any) -> Op:
            marks = ", ".join(["%s"] * len(key_map))
            rows, _ = yield (
                f"SELECT cache_key, value FROM {self._qn(connection)} "
                f"WHERE cache_key IN ({marks}) AND expires >= %s",
                [*key_map, self._now(connection)],
            )
            return {key_map[key]: _decode(value) for key, value in rows}

        return op

    def _op_set(self, mode: str, key: str, value: Any, timeout: Any) -> Callable[[Any], Op]:
        encoded = "" if mode == "touch" else _encode(value, self.pickle_protocol)

        def op(connection: Any) -> Op:
            table, now = self._qn(connection), self._now(connection)
            expires = self._expiry(connection, timeout)
            if mode == "touch":
                _, count = yield (
                    f"UPDATE {table} SET expires = %s WHERE cache_key = %s AND expires >= %s",
                    [expires, key, now],
                )
                return count > 0
            rows, _ = yield (f"SELECT cache_key FROM {table} WHERE cache_key = %s", [key])
            if not rows:
                yield from self._cull(connection, table, now)
                yield (
                    f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s)",
                    [key, encoded, expires],
                )
                return True
            if mode == "add":  # only over an expired row, and only if it is still expired
                _, count = yield (
                    f"UPDATE {table} SET value = %s, expires = %s "
                    "WHERE cache_key = %s AND expires < %s",
                    [encoded, expires, key, now],
                )
                return count > 0
            yield (
                f"UPDATE {table} SET value = %s, expires = %s WHERE cache_key = %s",
                [encoded, expires, key],
            )
            return True

        return op

    def _cull(self, connection: Any, table: str, now: Any) -> Generator[Statement, Any, None]:
        rows, _ = yield (f"SELECT COUNT(*) FROM {table}", [])
        if rows[0][0] < self._max_entries:
            return
        yield (f"DELETE FROM {table} WHERE expires < %s", [now])
        rows, _ = yield (f"SELECT COUNT(*) FROM {table}", [])
        count = rows[0][0]
        if count < self._max_entries:
            return
        if self._cull_frequency == 0:
            yield (f"DELETE FROM {table}", [])
            return
        rows, _ = yield (
            f"SELECT cache_key FROM {table} ORDER BY cache_key LIMIT 1 OFFSET %s",
            [count // self._cull_frequency],
        )
        if rows:
            yield (f"DELETE FROM {table} WHERE cache_key < %s", [rows[0][0]])

    def _op_incr(self, key: str, delta: int, name: str) -> Callable[[Any], Op]:
        def op(connection: Any) -> Op:
            table = self._qn(connection)
            lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
            rows, _ = yield (
                f"SELECT value FROM {table} WHERE cache_key = %s AND expires >= %s{lock}",
                [key, self._now(connection)],
            )
            if not rows:
                raise ValueError(f"Key '{name}' not found")
            new_value = _decode(rows[0][0]) + delta
            yield (
                f"UPDATE {table} SET value = %s WHERE cache_key = %s",
                [_encode(new_value, self.pickle_protocol), key],
            )
            return new_value

        return op

    def _op_delete(self, keys: list[str]) -> Callable[[Any], Op]:
        def op(connection: Any) -> Op:
            marks = ", ".join(["%s"] * len(keys))
            _, count = yield (
                f"DELETE FROM {self._qn(connection)} WHERE cache_key IN ({marks})",
                keys,
            )
            return count > 0

        return op

    def _op_has_key(self, key: str) -> Callable[[Any], Op]:
        def op(connection: Any) -> Op:
            rows, _ = yield (
                f"SELECT 1 FROM {self._qn(connection)} WHERE cache_key = %s AND expires >= %s",
                [key, self._now(connection)],
            )
            return bool(rows)

        return op

    def _op_clear(self, connection: Any) -> Op:
        yield (f"DELETE FROM {self._qn(connection)}", [])

    # --- the sync API ----------------------------------------------------------------------

    def _key_map(self, keys: Iterable[str], version: int | None) -> dict[str, str]:
        return {self.make_and_validate_key(key, version=version): key for key in keys}

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        return self.get_many([key], version).get(key, default)

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        key_map = self._key_map(keys, version)
        return self._run(self._op_get_many(key_map), write=False) if key_map else {}

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._write(self._op_set("set", key, value, timeout))

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._write(self._op_set("add", key, value, timeout), lost_race=False)

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._write(self._op_set("touch", key, None, timeout))

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> Any:
        cache_key = self.make_and_validate_key(key, version=version)
        return self._write(self._op_incr(cache_key, delta, key))

    def delete(self, key: str, version: int | None = None) -> bool:
        return self._write(self._op_delete([self.make_and_validate_key(key, version=version)]))

    def delete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        cache_keys = list(self._key_map(keys, version))
        if cache_keys:
            self._write(self._op_delete(cache_keys))

    def has_key(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._run(self._op_has_key(key), write=False)

    def clear(self) -> None:
        self._write(self._op_clear)

    # --- the async API (native async cursors) ----------------------------------------------

    async def aget(self, key: str, default: Any = None, version: int | None = None) -> Any:
        return (await self.aget_many([key], version)).get(key, default)

    async def aget_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        key_map = self._key_map(keys, version)
        return await self._arun(self._op_get_many(key_map), write=False) if key_map else {}

    async def aset(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        key = self.make_and_validate_key(key, version=version)
        await self._awrite(self._op_set("set", key, value, timeout))

    async def aadd(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return await self._awrite(self._op_set("add", key, value, timeout), lost_race=False)

    async def atouch(
        self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return await self._awrite(self._op_set("touch", key, None, timeout))

    async def aincr(self, key: str, delta: int = 1, version: int | None = None) -> Any:
        cache_key = self.make_and_validate_key(key, version=version)
        return await self._awrite(self._op_incr(cache_key, delta, key))

    async def adelete(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return await self._awrite(self._op_delete([key]))

    async def adelete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        cache_keys = list(self._key_map(keys, version))
        if cache_keys:
            await self._awrite(self._op_delete(cache_keys))

    async def ahas_key(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return await self._arun(self._op_has_key(key), write=False)

    async def aclear(self) -> None:
        await self._awrite(self._op_clear)


def _result(cursor: Any) -> tuple[list[Any], int]:
    return (list(cursor.fetchall()) if cursor.description else []), cursor.rowcount


def _drive(op: Op, cursor: Any) -> Any:
    try:
        sql, params = next(op)
        while True:
            cursor.execute(sql, params)
            sql, params = op.send(_result(cursor))
    except StopIteration as stop:
        return stop.value


async def _adrive(op: Op, cursor: Any) -> Any:
    try:
        sql, params = next(op)
        while True:
            await cursor.execute(sql, params)
            rows = list(await cursor.fetchall()) if cursor.description else []
            sql, params = op.send((rows, cursor.rowcount))
    except StopIteration as stop:
        return stop.value
