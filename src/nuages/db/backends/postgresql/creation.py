"""PostgreSQL test databases: CREATE DATABASE from the maintenance database."""

from __future__ import annotations

import psycopg

from nuages.db.backends.base.creation import BaseDatabaseCreation

__all__ = ["DatabaseCreation"]


class DatabaseCreation(BaseDatabaseCreation):
    def _server_connection(self) -> psycopg.Connection:
        params = self.connection.get_connection_params()
        params["dbname"] = "postgres"
        params.pop("cursor_factory", None)
        return psycopg.connect(**params, autocommit=True)

    def _create_test_db(self, verbosity: int, autoclobber: bool, keepdb: bool) -> str:
        name = self._get_test_db_name()
        qname = self.connection.ops.quote_name(name)
        with self._server_connection() as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists and keepdb:
                return name
            if exists:
                conn.execute(f"DROP DATABASE {qname} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {qname}")
        return name

    def _destroy_test_db(self, test_database_name: str, verbosity: int) -> None:
        with self._server_connection() as conn:
            conn.execute(
                f"DROP DATABASE IF EXISTS {self.connection.ops.quote_name(test_database_name)} WITH (FORCE)"
            )

    def _clone_test_db(self, suffix: str, verbosity: int, keepdb: bool = False) -> None:
        source = self.connection.settings_dict["NAME"]
        target = self.get_test_db_clone_settings(suffix)["NAME"]
        quote = self.connection.ops.quote_name
        with self._server_connection() as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [target]
            ).fetchone()
            if exists and keepdb:
                return
            if exists:
                conn.execute(f"DROP DATABASE {quote(target)} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {quote(target)} WITH TEMPLATE {quote(source)}")
