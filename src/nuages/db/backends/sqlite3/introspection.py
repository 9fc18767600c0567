"""SQLite introspection from sqlite_master and PRAGMA table_info."""

from __future__ import annotations

from typing import Any

from nuages.db.backends.base.introspection import BaseDatabaseIntrospection, FieldInfo, TableInfo

__all__ = ["DatabaseIntrospection"]


class DatabaseIntrospection(BaseDatabaseIntrospection):
    def get_table_list(self, cursor: Any) -> list[TableInfo]:
        cursor.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        )
        return [TableInfo(name, kind[0]) for name, kind in cursor.fetchall()]

    def get_table_description(self, cursor: Any, table_name: str) -> list[FieldInfo]:
        cursor.execute(f"PRAGMA table_info({self.connection.ops.quote_name(table_name)})")
        return [
            FieldInfo(name, type_, None, None, None, None, not notnull, default, None)
            for _cid, name, type_, notnull, default, _pk in cursor.fetchall()
        ]

    def get_sequences(self, cursor: Any, table_name: str, table_fields: Any = ()) -> list[dict]:
        cursor.execute(f"PRAGMA table_info({self.connection.ops.quote_name(table_name)})")
        pk = [row[1] for row in cursor.fetchall() if row[5]]
        return [{"table": table_name, "column": pk[0]}] if len(pk) == 1 else []
