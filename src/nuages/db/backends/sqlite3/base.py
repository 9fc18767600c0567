"""SQLite DatabaseWrapper (stdlib sqlite3). The async API runs on a dedicated worker thread."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from nuages.core.exceptions import ImproperlyConfigured
from nuages.db.backends.base.base import BaseDatabaseWrapper
from nuages.db.backends.sqlite3._worker import SQLiteWorker
from nuages.db.backends.sqlite3.client import DatabaseClient
from nuages.db.backends.sqlite3.creation import DatabaseCreation, is_in_memory_db
from nuages.db.backends.sqlite3.features import DatabaseFeatures
from nuages.db.backends.sqlite3.introspection import DatabaseIntrospection
from nuages.db.backends.sqlite3.operations import DatabaseOperations
from nuages.db.backends.sqlite3.schema import DatabaseSchemaEditor

__all__ = ["DatabaseWrapper"]

Database = sqlite3


def _regexp(pattern: Any, value: Any) -> bool | None:
    if pattern is None or value is None:
        return None
    return re.search(pattern, str(value)) is not None


def _trunc(kind: str, value: str | None, tzname: str) -> str | None:
    from nuages.db.models._dates import sqlite_trunc

    return sqlite_trunc(kind, value, tzname)


def _local(value: str | None, tzname: str) -> str | None:
    from nuages.db.models._dates import sqlite_local

    return sqlite_local(value, tzname)


def _prepare(conn: sqlite3.Connection) -> None:
    conn.create_function("REGEXP", 2, _regexp, deterministic=True)
    conn.create_function("NUAGES_TRUNC", 3, _trunc, deterministic=True)
    conn.create_function("NUAGES_LOCAL", 2, _local, deterministic=True)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA legacy_alter_table = OFF")


class DatabaseWrapper(BaseDatabaseWrapper):
    vendor = "sqlite"
    display_name = "SQLite"
    Database = sqlite3
    data_types = {
        "AutoField": "integer",
        "BigAutoField": "integer",
        "BinaryField": "BLOB",
        "BooleanField": "bool",
        "CharField": "varchar(%(max_length)s)",
        "DateField": "date",
        "DateTimeField": "datetime",
        "DecimalField": "decimal",
        "DurationField": "bigint",
        "FileField": "varchar(%(max_length)s)",
        "FilePathField": "varchar(%(max_length)s)",
        "FloatField": "real",
        "IntegerField": "integer",
        "BigIntegerField": "bigint",
        "IPAddressField": "char(15)",
        "GenericIPAddressField": "char(39)",
        "JSONField": "text",
        "OneToOneField": "integer",
        "PositiveBigIntegerField": "bigint unsigned",
        "PositiveIntegerField": "integer unsigned",
        "PositiveSmallIntegerField": "smallint unsigned",
        "SlugField": "varchar(%(max_length)s)",
        "SmallAutoField": "integer",
        "SmallIntegerField": "smallint",
        "TextField": "text",
        "TimeField": "time",
        "UUIDField": "char(32)",
    }
    data_type_check_constraints = {
        "PositiveBigIntegerField": '"%(column)s" >= 0',
        "PositiveIntegerField": '"%(column)s" >= 0',
        "PositiveSmallIntegerField": '"%(column)s" >= 0',
        "JSONField": '(JSON_VALID("%(column)s") OR "%(column)s" IS NULL)',
    }
    data_types_suffix = {
        "AutoField": "AUTOINCREMENT",
        "BigAutoField": "AUTOINCREMENT",
        "SmallAutoField": "AUTOINCREMENT",
    }
    # LIKE is case-insensitive for ASCII in SQLite: contains behaves like icontains.
    operators = {
        "exact": "= %s",
        "iexact": "LIKE %s ESCAPE '\\'",
        "contains": "LIKE %s ESCAPE '\\'",
        "icontains": "LIKE %s ESCAPE '\\'",
        "regex": "REGEXP %s",
        "iregex": "REGEXP '(?i)' || %s",
        "gt": "> %s",
        "gte": ">= %s",
        "lt": "< %s",
        "lte": "<= %s",
        "startswith": "LIKE %s ESCAPE '\\'",
        "endswith": "LIKE %s ESCAPE '\\'",
        "istartswith": "LIKE %s ESCAPE '\\'",
        "iendswith": "LIKE %s ESCAPE '\\'",
    }
    pattern_esc = r"REPLACE(REPLACE(REPLACE({}, '\', '\\'), '%%', '\%%'), '_', '\_')"
    pattern_ops = {
        "contains": r"LIKE '%%' || {} || '%%' ESCAPE '\'",
        "icontains": r"LIKE '%%' || UPPER({}) || '%%' ESCAPE '\'",
        "startswith": r"LIKE {} || '%%' ESCAPE '\'",
        "istartswith": r"LIKE UPPER({}) || '%%' ESCAPE '\'",
        "endswith": r"LIKE '%%' || {} ESCAPE '\'",
        "iendswith": r"LIKE '%%' || UPPER({}) ESCAPE '\'",
    }
    SchemaEditorClass = DatabaseSchemaEditor
    client_class = DatabaseClient
    creation_class = DatabaseCreation
    features_class = DatabaseFeatures
    introspection_class = DatabaseIntrospection
    ops_class = DatabaseOperations

    def get_connection_params(self) -> dict:
        name = self.settings_dict["NAME"]
        if not name:
            raise ImproperlyConfigured(
                f"settings.DATABASES[{self.alias!r}] is improperly configured. Please supply the NAME value."
            )
        name = str(name)
        if name == ":memory:":
            # every connection of the process sees the same in-memory database
            name = f"file:memorydb_{self.alias}?mode=memory&cache=shared"
        options = dict(self.settings_dict["OPTIONS"])
        options.pop("init_command", None)
        options.pop("transaction_mode", None)
        return {
            "database": name,
            "uri": name.startswith("file:"),
            "check_same_thread": False,
            "isolation_level": None,
            "timeout": options.pop("timeout", 20),
            **options,
        }

    def _open(self, params: dict) -> sqlite3.Connection:
        conn = sqlite3.connect(**params)
        _prepare(conn)
        init = self.settings_dict["OPTIONS"].get("init_command")
        if init:
            for statement in init.split(";"):
                if statement.strip():
                    conn.execute(statement)
        return conn

    def get_new_connection(self, conn_params: dict) -> sqlite3.Connection:
        return self._open(conn_params)

    def create_cursor(self, name: str | None = None) -> sqlite3.Cursor:
        return self.connection.cursor()

    def _begin_sql(self) -> str:
        mode = self.settings_dict["OPTIONS"].get("transaction_mode")
        return f"BEGIN {mode}" if mode else "BEGIN"

    def _set_autocommit(self, autocommit: bool) -> None:
        with self.wrap_database_errors:
            if autocommit:
                if self.connection.in_transaction:
                    self.connection.commit()
            elif not self.connection.in_transaction:
                self.connection.execute(self._begin_sql())

    def _commit(self) -> None:
        with self.wrap_database_errors:
            self.connection.commit()
            if not self.autocommit and not self.in_atomic_block:
                self.connection.execute(self._begin_sql())

    def _rollback(self) -> None:
        with self.wrap_database_errors:
            self.connection.rollback()
            if not self.autocommit and not self.in_atomic_block:
                self.connection.execute(self._begin_sql())

    def is_usable(self) -> bool:
        return True

    def is_in_memory_db(self) -> bool:
        return is_in_memory_db(self.settings_dict["NAME"])

    def disable_constraint_checking(self) -> bool:
        with self.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = OFF")
        return True

    def enable_constraint_checking(self) -> None:
        with self.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = ON")

    # --- async: a worker thread per connection ------------------------------------------------

    async def aget_new_connection(self, conn_params: dict) -> SQLiteWorker:
        worker = SQLiteWorker(self.alias)
        worker.connection = await worker.run(self._open, conn_params)
        return worker

    def create_async_cursor(self, name: str | None = None) -> Any:
        return self.aconnection.cursor()

    async def _aset_autocommit(self, autocommit: bool) -> None:
        worker = self.aconnection
        conn = worker.connection
        with self.wrap_database_errors:
            if autocommit:
                if conn.in_transaction:
                    await worker.run(conn.commit)
            elif not conn.in_transaction:
                await worker.run(conn.execute, self._begin_sql())

    async def _acommit(self) -> None:
        worker = self.aconnection
        with self.wrap_database_errors:
            await worker.run(worker.connection.commit)
            if not self.autocommit and not self.in_atomic_block:
                await worker.run(worker.connection.execute, self._begin_sql())

    async def _arollback(self) -> None:
        worker = self.aconnection
        with self.wrap_database_errors:
            await worker.run(worker.connection.rollback)
            if not self.autocommit and not self.in_atomic_block:
                await worker.run(worker.connection.execute, self._begin_sql())

    def _close_async_now(self) -> None:
        if self.aconnection is not None:
            self.aconnection.shutdown()
