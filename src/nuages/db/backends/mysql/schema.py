"""MySQL / MariaDB DDL: InnoDB tables, foreign keys added once every table exists."""

from __future__ import annotations

from typing import Any

from nuages.db.backends.base.schema import BaseDatabaseSchemaEditor

__all__ = ["DatabaseSchemaEditor"]


class DatabaseSchemaEditor(BaseDatabaseSchemaEditor):
    sql_delete_table = "DROP TABLE %(table)s CASCADE"
    sql_table_comment = "ALTER TABLE %(table)s COMMENT = %(comment)s"

    def table_suffix_sql(self, model: Any) -> str:
        return " ENGINE=InnoDB"
