"""SQLite SQL fragments; Django's %s / %(name)s placeholders become ? / :name."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from nuages.db.backends.base.operations import BaseDatabaseOperations

__all__ = ["DatabaseOperations"]

_PLACEHOLDER = re.compile(r"%\(([^)]+)\)s|%s|%%")


@lru_cache(maxsize=1024)
def convert_placeholders(sql: str) -> str:
    """``%s`` -> ``?``, ``%(name)s`` -> ``:name``, ``%%`` -> ``%``."""

    def repl(match: re.Match) -> str:
        text = match.group(0)
        if text == "%%":
            return "%"
        if text == "%s":
            return "?"
        return ":" + match.group(1)

    return _PLACEHOLDER.sub(repl, sql)


class DatabaseOperations(BaseDatabaseOperations):
    explain_prefix = "EXPLAIN QUERY PLAN"

    def prepare_sql(self, sql: str, params: Any) -> tuple[str, Any]:
        if params is None:
            return sql, None
        return convert_placeholders(sql), params

    def no_limit_value(self) -> int:
        return -1

    def regex_lookup(self, lookup_type: str) -> str:
        if lookup_type == "regex":
            return "%s REGEXP %s"
        return "%s REGEXP '(?i)' || %s"

    def sql_flush(
        self,
        style: Any,
        tables: list,
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        statements = [f"DELETE FROM {self.quote_name(t)}" for t in tables]
        if reset_sequences and tables:
            names = ", ".join("'{}'".format(t.replace("'", "''")) for t in tables)
            statements.append(f"UPDATE sqlite_sequence SET seq = 0 WHERE name IN ({names})")
        return statements

    def execute_sql_flush(self, sql_list: list[str]) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = OFF")
            try:
                for sql in sql_list:
                    try:
                        cursor.execute(sql)
                    except Exception:
                        if not sql.startswith("UPDATE sqlite_sequence"):
                            raise
            finally:
                cursor.execute("PRAGMA foreign_keys = ON")

    def for_update_sql(self, *args: Any, **kwargs: Any) -> str:
        return ""
