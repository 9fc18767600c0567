"""MySQL / MariaDB DDL: InnoDB tables, foreign keys added once every table exists; columns are
altered with MODIFY (the whole definition), indexes dropped with DROP INDEX ... ON."""

from __future__ import annotations

from typing import Any

from nuages.db.backends.base.schema import BaseDatabaseSchemaEditor

__all__ = ["DatabaseSchemaEditor"]

_STATISTICS_SQL = """
SELECT index_name, column_name, non_unique FROM information_schema.statistics
WHERE table_schema = DATABASE() AND table_name = %s ORDER BY index_name, seq_in_index
"""
_CHECKS_SQL = """
SELECT constraint_name FROM information_schema.table_constraints
WHERE table_schema = DATABASE() AND table_name = %s AND constraint_type = 'CHECK'
"""


class DatabaseSchemaEditor(BaseDatabaseSchemaEditor):
    sql_delete_table = "DROP TABLE %(table)s CASCADE"
    sql_table_comment = "ALTER TABLE %(table)s COMMENT = %(comment)s"
    sql_rename_table = "RENAME TABLE %(old_table)s TO %(new_table)s"
    sql_delete_column = "ALTER TABLE %(table)s DROP COLUMN %(column)s"
    sql_delete_unique = "ALTER TABLE %(table)s DROP INDEX %(name)s"
    sql_delete_index = "DROP INDEX %(name)s ON %(table)s"
    sql_delete_constraint = "ALTER TABLE %(table)s DROP CONSTRAINT %(name)s"
    sql_rename_index = "ALTER TABLE %(table)s RENAME INDEX %(old_name)s TO %(new_name)s"
    sql_alter_column_default = (
        "ALTER TABLE %(table)s ALTER COLUMN %(column)s SET DEFAULT %(default)s"
    )

    def table_suffix_sql(self, model: Any) -> str:
        return " ENGINE=InnoDB"

    def _get_constraints(self, table: str) -> dict[str, dict]:
        found: dict[str, dict] = {}
        with self.connection.cursor() as cursor:
            cursor.execute(_STATISTICS_SQL, [table])
            for name, column, non_unique in cursor.fetchall():
                info = found.setdefault(
                    name,
                    {
                        "columns": [],
                        "unique": not non_unique,
                        "primary_key": name == "PRIMARY",
                        "check": False,
                        "index": True,
                        "kind": "index",
                    },
                )
                info["columns"].append(column)
            cursor.execute(_CHECKS_SQL, [table])
            for (name,) in cursor.fetchall():
                found[name] = {
                    "columns": [],
                    "unique": False,
                    "primary_key": False,
                    "check": True,
                    "index": False,
                    "kind": "constraint",
                }
        for info in found.values():
            if info["unique"] and not info["primary_key"]:
                info["index"] = False  # a UNIQUE key is reported as a constraint, as Django's
        return found

    def _modify_sql(self, model: Any, field: Any) -> str:
        probe = _Unconstrained(field)
        definition, _params = self.column_sql(model, probe)
        if field.db_comment:
            definition += f" COMMENT {self.quote_value(field.db_comment)}"
        return (
            f"ALTER TABLE {self.quote_name(model._meta.db_table)} MODIFY "
            f"{self.quote_name(field.column)} {definition}"
        )

    def _alter_column_body(self, model: Any, old_field: Any, new_field: Any) -> None:
        old_type = old_field.db_parameters(connection=self.connection)["type"]
        new_type = new_field.db_parameters(connection=self.connection)["type"]
        if (
            old_type != new_type
            or old_field.null != new_field.null
            or old_field.db_default != new_field.db_default
            or old_field.db_comment != new_field.db_comment
        ):
            if old_field.null and not new_field.null:
                self._fill_nulls(model, new_field)
            self.execute(self._modify_sql(model, new_field))


class _Unconstrained:
    """A field seen without UNIQUE / PRIMARY KEY, for MODIFY (keys are kept by the table)."""

    def __init__(self, field: Any) -> None:
        self._field = field
        self.unique = False
        self.primary_key = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._field, name)
