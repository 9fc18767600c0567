"""DatabaseCache: a table (`createcachetable`) of key, pickled value (base64 text) and expiry.

Written against the documented cursor API (`connections[alias].cursor()`, `%s` parameters).
Expiry is stored as UTC text 'YYYY-MM-DD HH:MM:SS.ffffff', which every backend compares in order.
"""

from __future__ import annotations

import base64
import pickle
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from nuages.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache, pickle_value

__all__ = ["CREATE_TABLE_SQL", "DatabaseCache"]

CREATE_TABLE_SQL = (
    "CREATE TABLE {table} (cache_key varchar(255) NOT NULL PRIMARY KEY, "
    "value text NOT NULL, expires varchar(26) NOT NULL)"
)
_FOREVER = "9999-12-31 23:59:59.999999"


def _stamp(ts: float | None) -> str:
    if ts is None:
        return _FOREVER
    return datetime.fromtimestamp(max(ts, 0), UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class DatabaseCache(BaseCache):
    """LOCATION is the table name; the router's db_for_read/db_for_write pick the database."""

    pickle_protocol = pickle.HIGHEST_PROTOCOL

    def __init__(self, table: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        self._table = table

    def _connection(self, write: bool) -> Any:
        from nuages.db import connections, router  # the ORM sits above core.cache

        class CacheEntry:
            class _meta:
                app_label = "django_cache"
                model_name = "cacheentry"
                db_table = self._table

        try:
            alias = router.db_for_write(CacheEntry) if write else router.db_for_read(CacheEntry)
        except Exception:  # a router that expects real models
            alias = None
        return connections[alias or "default"]

    def _quoted(self, connection: Any) -> str:
        return connection.ops.quote_name(self._table)

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        return self.get_many([key], version).get(key, default)

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not key_map:
            return {}
        connection = self._connection(write=False)
        table = self._quoted(connection)
        placeholders = ", ".join(["%s"] * len(key_map))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT cache_key, value, expires FROM {table} WHERE cache_key IN ({placeholders})",
                list(key_map),
            )
            rows = cursor.fetchall()
        now = _now()
        found, expired = {}, []
        for cache_key, value, expires in rows:
            if str(expires) < now:
                expired.append(cache_key)
            else:
                found[key_map[cache_key]] = pickle.loads(base64.b64decode(value.encode()))
        if expired:
            self._delete_keys(expired)
        return found

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        self._base_set("set", self.make_and_validate_key(key, version=version), value, timeout)

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._base_set(
            "add", self.make_and_validate_key(key, version=version), value, timeout
        )

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._base_set(
            "touch", self.make_and_validate_key(key, version=version), None, timeout
        )

    def _base_set(self, mode: str, key: str, value: Any, timeout: Any) -> bool:
        expires = _stamp(self.get_backend_timeout(timeout))
        encoded = (
            ""
            if mode == "touch"
            else base64.b64encode(pickle_value(value, self.pickle_protocol)).decode()
        )
        connection = self._connection(write=True)
        table = self._quoted(connection)
        now = _now()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT expires FROM {table} WHERE cache_key = %s", [key])
            row = cursor.fetchone()
            live = row is not None and str(row[0]) >= now
            if mode == "touch":
                if not live:
                    return False
                cursor.execute(
                    f"UPDATE {table} SET expires = %s WHERE cache_key = %s", [expires, key]
                )
                return True
            if mode == "add" and live:
                return False
            if row is None:
                self._cull(cursor, table, now)
                cursor.execute(
                    f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s)",
                    [key, encoded, expires],
                )
            else:
                cursor.execute(
                    f"UPDATE {table} SET value = %s, expires = %s WHERE cache_key = %s",
                    [encoded, expires, key],
                )
        return True

    def _cull(self, cursor: Any, table: str, now: str) -> None:
        cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        count = cursor.fetchone()[0]
        if count < self._max_entries:
            return
        if self._cull_frequency == 0:
            cursor.execute(f"DELETE FROM {table}")
            return
        cursor.execute(
            f"SELECT cache_key FROM {table} ORDER BY cache_key LIMIT 1 OFFSET %s",
            [count // self._cull_frequency],
        )
        row = cursor.fetchone()
        if row:
            cursor.execute(f"DELETE FROM {table} WHERE cache_key < %s", [row[0]])

    def delete(self, key: str, version: int | None = None) -> bool:
        return self._delete_keys([self.make_and_validate_key(key, version=version)])

    def delete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        safe = [self.make_and_validate_key(key, version=version) for key in keys]
        if safe:
            self._delete_keys(safe)

    def _delete_keys(self, keys: list[str]) -> bool:
        connection = self._connection(write=True)
        placeholders = ", ".join(["%s"] * len(keys))
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {self._quoted(connection)} WHERE cache_key IN ({placeholders})", keys
            )
            return bool(cursor.rowcount)

    def has_key(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        connection = self._connection(write=False)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT cache_key FROM {self._quoted(connection)} WHERE cache_key = %s AND expires >= %s",
                [key, _now()],
            )
            return cursor.fetchone() is not None

    def clear(self) -> None:
        connection = self._connection(write=True)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self._quoted(connection)}")
