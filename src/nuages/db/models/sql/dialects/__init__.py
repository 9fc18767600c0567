"""SQL dialects: the per-vendor fragments the compiler needs (used when the backend has none)."""

from __future__ import annotations

from typing import Any

from nuages.db.models.sql.dialects.base import Dialect
from nuages.db.models.sql.dialects.mysql import MySQLDialect
from nuages.db.models.sql.dialects.postgresql import PostgreSQLDialect
from nuages.db.models.sql.dialects.sqlite import SQLiteDialect

__all__ = ["Dialect", "get_dialect"]

_DIALECTS: dict[str, Dialect] = {
    "sqlite": SQLiteDialect(),
    "postgresql": PostgreSQLDialect(),
    "mysql": MySQLDialect(),
}


def get_dialect(connection: Any) -> Dialect:
    try:
        return _DIALECTS[connection.vendor]
    except KeyError:
        raise NotImplementedError(
            f"No SQL dialect for database vendor {connection.vendor!r}."
        ) from None
