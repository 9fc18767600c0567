"""PostgreSQL introspection from the catalogs."""

from __future__ import annotations

from typing import Any

from nuages.db.backends.base.introspection import BaseDatabaseIntrospection, FieldInfo, TableInfo

__all__ = ["DatabaseIntrospection"]


class DatabaseIntrospection(BaseDatabaseIntrospection):
    def get_table_list(self, cursor: Any) -> list[TableInfo]:
        cursor.execute(
            "SELECT c.relname, CASE WHEN c.relkind IN ('v', 'm') THEN 'v' ELSE 't' END "
            "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY c.relname"
        )
        return [TableInfo(*row) for row in cursor.fetchall()]

    def get_table_description(self, cursor: Any, table_name: str) -> list[FieldInfo]:
        cursor.execute(
            "SELECT column_name, data_type, character_maximum_length, numeric_precision, "
            "numeric_scale, is_nullable = 'YES', column_default, collation_name "
            "FROM information_schema.columns WHERE table_name = %s AND table_schema = current_schema() "
            "ORDER BY ordinal_position",
            [table_name],
        )
        return [
            FieldInfo(name, type_, None, size, precision, scale, null, default, collation)
            for name, type_, size, precision, scale, null, default, collation in cursor.fetchall()
        ]

    def get_sequences(self, cursor: Any, table_name: str, table_fields: Any = ()) -> list[dict]:
        cursor.execute(
            "SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "WHERE c.relname = %s AND pg_catalog.pg_table_is_visible(c.oid) "
            "AND (a.attidentity != '' OR pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL)",
            [table_name],
        )
        return [{"table": table_name, "column": row[0]} for row in cursor.fetchall()]
