"""BaseDatabaseOperations: the SQL fragments that differ between databases."""

from __future__ import annotations

import datetime
import decimal
import json
from typing import Any

__all__ = ["BaseDatabaseOperations"]


class BaseDatabaseOperations:
    """SQL snippets per backend; ``connection.ops``."""

    compiler_module = "nuages.db.models.sql.compiler"
    explain_prefix: str | None = None
    cast_char_field_without_max_length: str | None = None

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    # --- names and placeholders -----------------------------------------------------------

    def quote_name(self, name: str) -> str:
        """Quote a table or column name (already-quoted names are left alone)."""
        if name.startswith('"') and name.endswith('"'):
            return name
        return '"{}"'.format(name.replace('"', '""'))

    def max_name_length(self) -> int | None:
        return None

    def prepare_sql(self, sql: str, params: Any) -> tuple[str, Any]:
        """Turn Django-style placeholders into the driver's (identity on pyformat drivers)."""
        return sql, params

    def last_executed_query(self, cursor: Any, sql: str, params: Any) -> str:
        """The statement for display (queries log): never executed."""
        if not params:
            return sql
        try:
            if isinstance(params, dict):
                return sql % {k: self._display(v) for k, v in params.items()}
            return sql % tuple(self._display(v) for v in params)
        except (TypeError, ValueError, KeyError):
            return f"{sql} -- params: {params!r}"

    def _display(self, value: Any) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, (bool, int, float, decimal.Decimal)):
            return str(value)
        return "'{}'".format(str(value).replace("'", "''"))

    # --- transactions ---------------------------------------------------------------------

    def savepoint_create_sql(self, sid: str) -> str:
        return f"SAVEPOINT {self.quote_name(sid)}"

    def savepoint_commit_sql(self, sid: str) -> str:
        return f"RELEASE SAVEPOINT {self.quote_name(sid)}"

    def savepoint_rollback_sql(self, sid: str) -> str:
        return f"ROLLBACK TO SAVEPOINT {self.quote_name(sid)}"

    def start_transaction_sql(self) -> str:
        return "BEGIN;"

    def end_transaction_sql(self, success: bool = True) -> str:
        return "COMMIT;" if success else "ROLLBACK;"

    # --- inserts --------------------------------------------------------------------------

    def pk_default_value(self) -> str:
        return "DEFAULT"

    def bulk_insert_sql(self, fields: Any, placeholder_rows: list) -> str:
        rows = ", ".join("({})".format(", ".join(row)) for row in placeholder_rows)
        return f"VALUES {rows}"

    def return_insert_columns(self, fields: list) -> tuple[str, tuple]:
        """``RETURNING cols`` for backends with ``can_return_columns_from_insert``."""
        if not fields:
            return "", ()
        columns = ", ".join(
            f"{self.quote_name(f.model._meta.db_table)}.{self.quote_name(f.column)}"
            if getattr(f, "model", None) is not None
            else self.quote_name(f.column)
            for f in fields
        )
        return f"RETURNING {columns}", ()

    def fetch_returned_insert_rows(self, cursor: Any) -> list:
        return cursor.fetchall()

    def last_insert_id(self, cursor: Any, table_name: str, pk_name: str) -> Any:
        return cursor.lastrowid

    # --- select ---------------------------------------------------------------------------

    def no_limit_value(self) -> int | None:
        return None

    def limit_offset_sql(self, low_mark: int | None, high_mark: int | None) -> str:
        """``LIMIT n OFFSET m`` for a slice [low_mark:high_mark] (literal ints, never params)."""
        low = int(low_mark or 0)
        parts = []
        if high_mark is not None:
            parts.append(f"LIMIT {int(high_mark) - low}")
        elif low:
            no_limit = self.no_limit_value()
            if no_limit is not None:
                parts.append(f"LIMIT {no_limit}")
        if low:
            parts.append(f"OFFSET {low}")
        return " ".join(parts)

    def random_function_sql(self) -> str:
        return "RANDOM()"

    def for_update_sql(
        self, nowait: bool = False, skip_locked: bool = False, of: tuple = (), no_key: bool = False
    ) -> str:
        return "FOR{} UPDATE{}{}{}".format(
            " NO KEY" if no_key else "",
            " OF {}".format(", ".join(of)) if of else "",
            " NOWAIT" if nowait else "",
            " SKIP LOCKED" if skip_locked else "",
        )

    def distinct_sql(self, fields: list, params: list) -> tuple[list, list]:
        if fields:
            raise NotImplementedError(
                "DISTINCT ON fields is not supported by this database backend"
            )
        return ["DISTINCT"], []

    def lookup_cast(self, lookup_type: str, internal_type: str | None = None) -> str:
        """Template wrapping the left-hand side of a lookup (``%s`` is the column)."""
        return "%s"

    def prep_for_like_query(self, x: Any) -> str:
        """Escape ``\\``, ``%`` and ``_`` in a value for LIKE."""
        return str(x).replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")

    prep_for_iexact_query = prep_for_like_query

    def regex_lookup(self, lookup_type: str) -> str:
        raise NotImplementedError("This backend does not support regular expression lookups.")

    def explain_query_prefix(self, format: str | None = None, **options: Any) -> str:
        if self.explain_prefix is None:
            raise NotImplementedError("This backend does not support explaining query execution.")
        return self.explain_prefix

    # --- values ---------------------------------------------------------------------------

    def adapt_datetimefield_value(self, value: Any) -> Any:
        return value

    def adapt_datefield_value(self, value: Any) -> Any:
        return value

    def adapt_timefield_value(self, value: Any) -> Any:
        return value

    def adapt_decimalfield_value(
        self, value: Any, max_digits: int | None = None, decimal_places: int | None = None
    ) -> Any:
        return value

    def adapt_json_value(self, value: Any, encoder: Any = None) -> Any:
        return json.dumps(value, cls=encoder)

    def get_db_converters(self, expression: Any) -> list:
        return []

    def integer_field_range(self, internal_type: str) -> tuple[int, int]:
        return self.integer_field_ranges[internal_type]

    integer_field_ranges = {
        "SmallIntegerField": (-32768, 32767),
        "IntegerField": (-2147483648, 2147483647),
        "BigIntegerField": (-9223372036854775808, 9223372036854775807),
        "PositiveBigIntegerField": (0, 9223372036854775807),
        "PositiveSmallIntegerField": (0, 32767),
        "PositiveIntegerField": (0, 2147483647),
        "SmallAutoField": (-32768, 32767),
        "AutoField": (-2147483648, 2147483647),
        "BigAutoField": (-9223372036854775808, 9223372036854775807),
    }

    # --- DDL and flushing -----------------------------------------------------------------

    def quote_ddl_value(self, value: Any) -> str:
        """A literal for DDL (DEFAULT clauses), the one place a value is written into SQL."""
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, (int, float, decimal.Decimal)):
            return str(value)
        if isinstance(value, (datetime.date, datetime.time, datetime.datetime)):
            value = value.isoformat()
        if isinstance(value, bytes):
            return f"X'{value.hex()}'"
        return "'{}'".format(str(value).replace("'", "''"))

    def sql_flush(
        self,
        style: Any,
        tables: list,
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        """Statements emptying ``tables`` (and resetting their sequences when asked)."""
        return [f"DELETE FROM {self.quote_name(t)}" for t in tables]

    def execute_sql_flush(self, sql_list: list[str]) -> None:
        with self.connection.cursor() as cursor:
            for sql in sql_list:
                cursor.execute(sql)

    def sequence_reset_by_name_sql(self, style: Any, sequences: list) -> list[str]:
        return []

    def sequence_reset_sql(self, style: Any, model_list: list) -> list[str]:
        return []

    def tablespace_sql(self, tablespace: str | None, inline: bool = False) -> str:
        return ""
