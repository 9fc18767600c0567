"""MySQL / MariaDB SQL fragments (backtick quoting)."""

from __future__ import annotations

from typing import Any

from nuages.db.backends.base.operations import BaseDatabaseOperations

__all__ = ["DatabaseOperations"]


class DatabaseOperations(BaseDatabaseOperations):
    explain_prefix = "EXPLAIN"
    cast_char_field_without_max_length = "char"

    def quote_name(self, name: str) -> str:
        if name.startswith("`") and name.endswith("`"):
            return name
        return "`{}`".format(name.replace("`", "``"))

    def max_name_length(self) -> int:
        return 64

    def no_limit_value(self) -> int:
        return 18446744073709551615

    def random_function_sql(self) -> str:
        return "RAND()"

    def regex_lookup(self, lookup_type: str) -> str:
        if lookup_type == "regex":
            return "REGEXP_LIKE(%s, %s, 'c')"
        return "REGEXP_LIKE(%s, %s, 'i')"

    def for_update_sql(
        self, nowait: bool = False, skip_locked: bool = False, of: tuple = (), no_key: bool = False
    ) -> str:
        return super().for_update_sql(nowait=nowait, skip_locked=skip_locked, of=of)

    def last_insert_id(self, cursor: Any, table_name: str, pk_name: str) -> Any:
        return cursor.lastrowid

    def sql_flush(
        self,
        style: Any,
        tables: list,
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        if not tables:
            return []
        statements = ["SET FOREIGN_KEY_CHECKS = 0"]
        if reset_sequences:
            statements += [f"TRUNCATE {self.quote_name(t)}" for t in tables]
        else:
            statements += [f"DELETE FROM {self.quote_name(t)}" for t in tables]
        statements.append("SET FOREIGN_KEY_CHECKS = 1")
        return statements

    def quote_ddl_value(self, value: Any) -> str:
        if isinstance(value, str):
            return "'{}'".format(value.replace("\\", "\\\\").replace("'", "''"))
        return super().quote_ddl_value(value)

    def prep_for_like_query(self, x: Any) -> str:
        return super().prep_for_like_query(x)
