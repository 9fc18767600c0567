"""MySQL / MariaDB introspection from information_schema."""

from __future__ import annotations

from typing import Any

from nuages.db.backends.base.introspection import BaseDatabaseIntrospection, FieldInfo, TableInfo

__all__ = ["DatabaseIntrospection"]


class DatabaseIntrospection(BaseDatabaseIntrospection):
    def get_table_list(self, cursor: Any) -> list[TableInfo]:
        cursor.execute("SHOW FULL TABLES")
        return [TableInfo(row[0], "v" if row[1] == "VIEW" else "t") for row in cursor.fetchall()]

    def get_table_description(self, cursor: Any, table_name: str) -> list[FieldInfo]:
        cursor.execute(
            "SELECT column_name, data_type, character_maximum_length, numeric_precision, "
            "numeric_scale, is_nullable = 'YES', column_default, collation_name "
            "FROM information_schema.columns WHERE table_name = %s AND table_schema = DATABASE() "
            "ORDER BY ordinal_position",
            [table_name],
        )
        return [
            FieldInfo(r[0], r[1], None, r[2], r[3], r[4], bool(r[5]), r[6], r[7])
            for r in cursor.fetchall()
        ]
