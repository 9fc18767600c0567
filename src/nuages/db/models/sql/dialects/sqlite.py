"""SQLite fragments."""

from __future__ import annotations

import sqlite3

from nuages.db.models.sql.dialects.base import Dialect

__all__ = ["SQLiteDialect"]

_STRFTIME = {
    "year": "%%Y",
    "month": "%%m",
    "day": "%%d",
    "hour": "%%H",
    "minute": "%%M",
    "second": "%%S",
}


class SQLiteDialect(Dialect):
    vendor = "sqlite"
    operators = {**Dialect.operators, "regex": "REGEXP %s", "iregex": "REGEXP '(?i)' || %s"}
    can_return_columns = sqlite3.sqlite_version_info >= (3, 35)
    supports_select_for_update = False
    explain_prefix = "EXPLAIN QUERY PLAN"

    def extract_sql(self, name: str, sql: str, internal_type: str) -> str:
        if name in _STRFTIME:
            return f"CAST(strftime('{_STRFTIME[name]}', {sql}) AS INTEGER)"
        if name == "week_day":
            return f"(CAST(strftime('%%w', {sql}) AS INTEGER) + 1)"
        if name == "iso_week_day":
            return f"(((CAST(strftime('%%w', {sql}) AS INTEGER) + 6) %% 7) + 1)"
        if name == "quarter":
            return f"((CAST(strftime('%%m', {sql}) AS INTEGER) + 2) / 3)"
        if name in ("week", "iso_year"):
            # ISO week: the week of the Thursday of this date's week.
            thursday = f"date({sql}, '-3 days', 'weekday 4')"
            if name == "iso_year":
                return f"CAST(strftime('%%Y', {thursday}) AS INTEGER)"
            return f"((CAST(strftime('%%j', {thursday}) AS INTEGER) - 1) / 7 + 1)"
        if name == "date":
            return f"date({sql})"
        if name == "time":
            # the stored text's time part: '23:30:15' or '23:30:15.000013', as TimeField stores
            return f"substr({sql}, 12)"
        raise NotImplementedError(f"Unsupported extract {name!r} on SQLite.")
