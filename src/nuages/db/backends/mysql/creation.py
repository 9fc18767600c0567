"""MySQL / MariaDB test databases."""

from __future__ import annotations

import pymysql

from nuages.db.backends.base.creation import BaseDatabaseCreation

__all__ = ["DatabaseCreation"]


class DatabaseCreation(BaseDatabaseCreation):
    def _server_connection(self) -> pymysql.Connection:
        params = self.connection.get_connection_params()
        params.pop("database", None)
        return pymysql.connect(**params, autocommit=True)

    def _create_test_db(self, verbosity: int, autoclobber: bool, keepdb: bool) -> str:
        name = self._get_test_db_name()
        qname = self.connection.ops.quote_name(name)
        test = self.connection.settings_dict["TEST"]
        suffix = ""
        if test.get("CHARSET"):
            suffix += f" CHARACTER SET {test['CHARSET']}"
        if test.get("COLLATION"):
            suffix += f" COLLATE {test['COLLATION']}"
        conn = self._server_connection()
        try:
            with conn.cursor() as cursor:
                cursor.execute(
                    "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", [name]
                )
                exists = cursor.fetchone() is not None
                if exists and keepdb:
                    return name
                if exists:
                    cursor.execute(f"DROP DATABASE {qname}")
                cursor.execute(f"CREATE DATABASE {qname}{suffix}")
        finally:
            conn.close()
        return name

    def _destroy_test_db(self, test_database_name: str, verbosity: int) -> None:
        conn = self._server_connection()
        try:
            with conn.cursor() as cursor:
                cursor.execute(
                    f"DROP DATABASE IF EXISTS {self.connection.ops.quote_name(test_database_name)}"
                )
        finally:
            conn.close()

    def _clone_test_db(self, suffix: str, verbosity: int, keepdb: bool = False) -> None:
        """CREATE DATABASE, then each table from SHOW CREATE TABLE and its rows copied with
        INSERT ... SELECT (pure SQL: no mysqldump needed)."""
        source = self.connection.settings_dict["NAME"]
        target = self.get_test_db_clone_settings(suffix)["NAME"]
        quote = self.connection.ops.quote_name
        conn = self._server_connection()
        try:
            with conn.cursor() as cursor:
                cursor.execute(
                    "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", [target]
                )
                if cursor.fetchone() is not None:
                    if keepdb:
                        return
                    cursor.execute(f"DROP DATABASE {quote(target)}")
                cursor.execute(
                    "SELECT default_character_set_name, default_collation_name "
                    "FROM information_schema.schemata WHERE schema_name = %s",
                    [source],
                )
                charset, collation = cursor.fetchone()
                cursor.execute(
                    f"CREATE DATABASE {quote(target)} CHARACTER SET {charset} COLLATE {collation}"
                )
                cursor.execute(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = %s AND table_type = 'BASE TABLE' ORDER BY table_name",
                    [source],
                )
                tables = [row[0] for row in cursor.fetchall()]
                cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
                cursor.execute(f"USE {quote(target)}")
                for table in tables:
                    cursor.execute(f"SHOW CREATE TABLE {quote(source)}.{quote(table)}")
                    cursor.execute(cursor.fetchone()[1])
                    cursor.execute(
                        "SELECT column_name FROM information_schema.columns WHERE "
                        "table_schema = %s AND table_name = %s AND extra NOT LIKE %s "
                        "AND extra NOT LIKE %s AND extra NOT LIKE %s "
                        "ORDER BY ordinal_position",
                        [source, table, "%VIRTUAL%", "%STORED%", "%PERSISTENT%"],
                    )
                    columns = ", ".join(quote(row[0]) for row in cursor.fetchall())
                    cursor.execute(
                        f"INSERT INTO {quote(table)} ({columns}) "
                        f"SELECT {columns} FROM {quote(source)}.{quote(table)}"
                    )
                cursor.execute("SET FOREIGN_KEY_CHECKS = 1")
        finally:
            conn.close()
