"""MySQL and MariaDB fragments."""

from __future__ import annotations

from typing import Any

from nuages.db.models.sql.dialects.base import Dialect

__all__ = ["MySQLDialect"]

_FUNCS = {
    "year": "YEAR",
    "month": "MONTH",
    "day": "DAYOFMONTH",
    "hour": "HOUR",
    "minute": "MINUTE",
    "second": "SECOND",
    "quarter": "QUARTER",
    "week_day": "DAYOFWEEK",
    "date": "DATE",
    "time": "TIME",
}


class MySQLDialect(Dialect):
    vendor = "mysql"
    quote_char = "`"
    operators = {
        "exact": "= %s",
        "iexact": "LIKE %s",
        "contains": "LIKE BINARY %s",
        "icontains": "LIKE %s",
        "regex": "REGEXP BINARY %s",
        "iregex": "REGEXP %s",
        "gt": "> %s",
        "gte": ">= %s",
        "lt": "< %s",
        "lte": "<= %s",
        "startswith": "LIKE BINARY %s",
        "endswith": "LIKE BINARY %s",
        "istartswith": "LIKE %s",
        "iendswith": "LIKE %s",
    }
    random_function = "RAND()"
    explain_prefix = "EXPLAIN"

    def no_limit_value(self) -> str:
        return "18446744073709551615"

    def extract_sql(self, name: str, sql: str, internal_type: str) -> str:
        if name in _FUNCS:
            return f"{_FUNCS[name]}({sql})"
        if name == "week":
            return f"WEEK({sql}, 3)"
        if name == "iso_week_day":
            return f"(WEEKDAY({sql}) + 1)"
        if name == "iso_year":
            return f"TRUNCATE(YEARWEEK({sql}, 3) / 100, 0)"
        raise NotImplementedError(f"Unsupported extract {name!r} on MySQL.")

    def combine_expression(self, connector: str, lhs: str, rhs: str) -> str:
        if connector == "%%":
            return f"MOD({lhs}, {rhs})"
        return super().combine_expression(connector, lhs, rhs)

    def insert_conflict_sql(
        self, on_conflict: Any, update_fields: list, unique_fields: list
    ) -> tuple[str, str]:
        if on_conflict == "ignore":
            return "IGNORE ", ""
        if on_conflict == "update":
            sets = ", ".join(f"{c} = VALUES({c})" for c in update_fields)
            return "", f"ON DUPLICATE KEY UPDATE {sets}"
        return "", ""
