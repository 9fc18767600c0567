"""PostgreSQL SQL fragments."""

from __future__ import annotations

from typing import Any

from nuages.db.backends.base.operations import BaseDatabaseOperations

__all__ = ["DatabaseOperations"]

_TEXT_LOOKUPS = frozenset(
    [
        "iexact",
        "contains",
        "icontains",
        "startswith",
        "istartswith",
        "endswith",
        "iendswith",
        "regex",
        "iregex",
    ]
)
_TEXT_TYPES = frozenset(
    ["CharField", "TextField", "SlugField", "EmailField", "URLField", "FilePathField", "FileField"]
)


class DatabaseOperations(BaseDatabaseOperations):
    explain_prefix = "EXPLAIN"
    cast_char_field_without_max_length = "varchar"

    def max_name_length(self) -> int:
        return 63

    def lookup_cast(self, lookup_type: str, internal_type: str | None = None) -> str:
        template = "%s"
        if lookup_type in _TEXT_LOOKUPS and internal_type not in _TEXT_TYPES:
            template = "%s::text"
        if lookup_type in ("iexact", "icontains", "istartswith", "iendswith"):
            template = f"UPPER({template})"
        return template

    def regex_lookup(self, lookup_type: str) -> str:
        return "%s ~ %s" if lookup_type == "regex" else "%s ~* %s"

    def distinct_sql(self, fields: list, params: list) -> tuple[list, list]:
        if fields:
            return ["DISTINCT ON ({})".format(", ".join(fields))], list(params)
        return ["DISTINCT"], []

    def last_insert_id(self, cursor: Any, table_name: str, pk_name: str) -> Any:
        cursor.execute(
            "SELECT currval(pg_get_serial_sequence(%s, %s))", [self.quote_name(table_name), pk_name]
        )
        return cursor.fetchone()[0]

    def quote_ddl_value(self, value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, bytes):
            return f"'\\x{value.hex()}'::bytea"
        return super().quote_ddl_value(value)

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
        sql = "TRUNCATE {}".format(", ".join(self.quote_name(t) for t in tables))
        if reset_sequences:
            sql += " RESTART IDENTITY"
        if allow_cascade:
            sql += " CASCADE"
        return [sql]

    def sequence_reset_sql(self, style: Any, model_list: list) -> list[str]:
        """Set each auto-increment sequence to the table's largest id (sqlsequencereset)."""
        statements = []
        for model in model_list:
            for field in model._meta.local_fields:
                if field.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField"):
                    table, column = model._meta.db_table, field.column
                    literal = self.quote_name(table).replace("'", "''")
                    statements.append(
                        f"SELECT setval(pg_get_serial_sequence('{literal}', "
                        f"'{column.replace(chr(39), chr(39) * 2)}'), "
                        f"coalesce(max({self.quote_name(column)}), 1), "
                        f"max({self.quote_name(column)}) IS NOT null) "
                        f"FROM {self.quote_name(table)};"
                    )
                    break
        return statements

    def sequence_reset_by_name_sql(self, style: Any, sequences: list) -> list[str]:
        return [
            "SELECT setval(pg_get_serial_sequence('{}', '{}'), 1, false)".format(
                self.quote_name(s["table"]).replace("'", "''"), s["column"].replace("'", "''")
            )
            for s in sequences
        ]
