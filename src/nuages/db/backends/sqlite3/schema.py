"""SQLite DDL: inline REFERENCES (deferred), DROP TABLE without CASCADE."""

from __future__ import annotations

from nuages.db.backends.base.schema import BaseDatabaseSchemaEditor

__all__ = ["DatabaseSchemaEditor"]


class DatabaseSchemaEditor(BaseDatabaseSchemaEditor):
    sql_delete_table = "DROP TABLE %(table)s"
    deferrable_fk_sql = " DEFERRABLE INITIALLY DEFERRED"
