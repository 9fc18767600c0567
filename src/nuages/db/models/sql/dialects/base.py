"""Dialect: SQL fragments shared by every vendor; subclasses override what differs."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Dialect"]

_SAFE_TZ = re.compile(r"^[A-Za-z0-9_/+\-]+$")


class Dialect:
    vendor = ""
    quote_char = '"'
    operators: dict[str, str] = {
        "exact": "= %s",
        "iexact": "LIKE %s ESCAPE '\\'",
        "contains": "LIKE %s ESCAPE '\\'",
        "icontains": "LIKE %s ESCAPE '\\'",
        "regex": "REGEXP %s",
        "iregex": "REGEXP '(?i)' || %s",
        "gt": "> %s",
        "gte": ">= %s",
        "lt": "< %s",
        "lte": "<= %s",
        "startswith": "LIKE %s ESCAPE '\\'",
        "endswith": "LIKE %s ESCAPE '\\'",
        "istartswith": "LIKE %s ESCAPE '\\'",
        "iendswith": "LIKE %s ESCAPE '\\'",
    }
    pattern_ops: dict[str, str] = {}
    random_function = "RANDOM()"
    can_return_columns = True
    supports_distinct_on = False
    supports_select_for_update = True
    supports_nowait = True
    supports_skip_locked = True
    supports_for_update_of = True
    explain_prefix = "EXPLAIN"

    def quote(self, name: str) -> str:
        if name.startswith(self.quote_char) and name.endswith(self.quote_char):
            return name
        q = self.quote_char
        return f"{q}{name.replace(q, q + q)}{q}"

    def lookup_lhs(self, lookup_name: str, internal_type: str, sql: str) -> str:
        return sql

    def extract_sql(self, name: str, sql: str, internal_type: str) -> str:
        raise NotImplementedError

    def combine_expression(self, connector: str, lhs: str, rhs: str) -> str:
        if connector == "^":
            return f"POWER({lhs}, {rhs})"
        return f"({lhs} {connector} {rhs})"

    def limit_offset_sql(self, low: int, high: int | None) -> str:
        parts = []
        if high is not None:
            parts.append(f"LIMIT {int(high) - int(low)}")
        elif low:
            parts.append(f"LIMIT {self.no_limit_value()}")
        if low:
            parts.append(f"OFFSET {int(low)}")
        return " ".join(parts)

    def no_limit_value(self) -> str:
        return "-1"

    def for_update_sql(self, nowait: bool, skip_locked: bool, of: tuple, no_key: bool) -> str:
        sql = "FOR NO KEY UPDATE" if no_key else "FOR UPDATE"
        if of:
            sql += " OF " + ", ".join(of)
        if nowait:
            sql += " NOWAIT"
        elif skip_locked:
            sql += " SKIP LOCKED"
        return sql

    def insert_conflict_sql(
        self, on_conflict: Any, update_fields: list, unique_fields: list
    ) -> tuple[str, str]:
        """(prefix after INSERT, suffix after VALUES) for ignore_conflicts/update_conflicts."""
        if on_conflict == "ignore":
            return "", "ON CONFLICT DO NOTHING"
        if on_conflict == "update":
            sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in update_fields)
            return "", f"ON CONFLICT({', '.join(unique_fields)}) DO UPDATE SET {sets}"
        return "", ""

    def safe_tz(self, name: str) -> str:
        if not _SAFE_TZ.match(name):
            raise ValueError(f"Invalid time zone name: {name!r}")
        return name
