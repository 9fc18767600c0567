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
