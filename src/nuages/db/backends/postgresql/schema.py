"""PostgreSQL DDL: foreign keys added after every table exists, deferrable; transactional
alterations (ALTER COLUMN ... TYPE ... USING)."""

from __future__ import annotations

from nuages.db.backends.base.schema import BaseDatabaseSchemaEditor

__all__ = ["DatabaseSchemaEditor"]

_CONSTRAINTS_SQL = """
SELECT c.conname,
       array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
             ORDER BY k.ord),
       c.contype
FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
WHERE t.relname = %s AND pg_catalog.pg_table_is_visible(t.oid)
"""

_INDEXES_SQL = """
SELECT ic.relname,
       array(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             ORDER BY k.ord),
       i.indisunique, i.indisprimary
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relname = %s AND pg_catalog.pg_table_is_visible(t.oid)
"""


class DatabaseSchemaEditor(BaseDatabaseSchemaEditor):
    deferrable_fk_sql = " DEFERRABLE INITIALLY DEFERRED"
    sql_alter_column_type = (
        "ALTER TABLE %(table)s ALTER COLUMN %(column)s TYPE %(type)s USING %(column)s::%(type)s"
    )
    sql_delete_index = "DROP INDEX IF EXISTS %(name)s"

    def _get_constraints(self, table: str) -> dict[str, dict]:
        found: dict[str, dict] = {}
        with self.connection.cursor() as cursor:
            cursor.execute(_CONSTRAINTS_SQL, [table])
            for name, columns, kind in cursor.fetchall():
                found[name] = {
                    "columns": list(columns),
                    "unique": kind in ("u", "p"),
                    "primary_key": kind == "p",
                    "check": kind == "c",
                    "index": False,
                    "kind": "constraint",
                }
            cursor.execute(_INDEXES_SQL, [table])
            for name, columns, unique, primary in cursor.fetchall():
                if name in found:
                    continue
                found[name] = {
                    "columns": list(columns),
                    "unique": unique,
                    "primary_key": primary,
                    "check": False,
                    "index": True,
                    "kind": "index",
                }
        return found

    def _delete_unique(self, table: str, name: str) -> None:
        info = self._get_constraints(table).get(name, {})
        if info.get("kind") == "index":
            self.execute(self._delete_index_sql(table, name))
        else:
            super()._delete_unique(table, name)
