"""BaseDatabaseCreation: create and destroy test databases, tables built from the models."""

from __future__ import annotations

import sys
from typing import Any

from nuages.apps import apps
from nuages.conf import settings
from nuages.db import router

__all__ = ["TEST_DATABASE_PREFIX", "BaseDatabaseCreation"]

TEST_DATABASE_PREFIX = "test_"


class BaseDatabaseCreation:
    """``connection.creation``."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def log(self, msg: str) -> None:
        sys.stderr.write(msg + "\n")

    def _get_test_db_name(self) -> str:
        test_name = self.connection.settings_dict["TEST"]["NAME"]
        if test_name:
            return test_name
        return TEST_DATABASE_PREFIX + self.connection.settings_dict["NAME"]

    def _set_name(self, name: str) -> None:
        self.connection.settings_dict["NAME"] = name
        configured = settings.DATABASES.get(self.connection.alias)
        if isinstance(configured, dict):
            configured["NAME"] = name

    def create_test_db(
        self,
        verbosity: int = 1,
        autoclobber: bool = False,
        serialize: bool = False,
        keepdb: bool = False,
    ) -> str:
        """Create the test database, point the connection at it and build every model's table."""
        name = self._get_test_db_name()
        if verbosity >= 1:
            action = "Using existing" if keepdb else "Creating"
            self.log(f"{action} test database for alias {self.connection.alias!r}...")
        self._create_test_db(verbosity, autoclobber, keepdb)
        self.connection.close()
        self._set_name(name)
        self.build_schema(keepdb)
        return name

    def build_schema(self, keepdb: bool = False) -> None:
        """Migrate the apps that have migrations (tables from models for the others), or build
        every table from the models when ``TEST["MIGRATE"]`` is False or no app has migrations."""
        test = self.connection.settings_dict.get("TEST") or {}
        if test.get("MIGRATE", True) is not False and apps.ready:
            # The migration machinery and management sit above the backends: imported on use.
            from nuages.core.management import call_command
            from nuages.db.migrations.loader import MigrationLoader

            if MigrationLoader(None, ignore_no_migrations=True).migrated_apps:
                call_command(
                    "migrate",
                    database=self.connection.alias,
                    run_syncdb=True,
                    verbosity=0,
                    interactive=False,
                )
                return
        self.create_model_tables(skip_existing=keepdb)

    def model_list(self) -> list:
        """The installed models this alias holds (managed, allowed by the routers)."""
        if not apps.ready:
            return []
        return [
            model
            for model in apps.get_models(include_auto_created=True)
            if router.allow_migrate_model(self.connection.alias, model)
        ]

    def create_model_tables(self, models: list | None = None, skip_existing: bool = False) -> list:
        """CREATE TABLE for ``models`` (default: every installed model) in one schema editor."""
        models = self.model_list() if models is None else models
        if skip_existing:
            existing = set(self.connection.introspection.table_names())
            models = [m for m in models if m._meta.db_table not in existing]
        if models:
            with self.connection.schema_editor() as editor:
                for model in models:
                    editor.create_model(model)
        return models

    def _create_test_db(self, verbosity: int, autoclobber: bool, keepdb: bool) -> str:
        raise NotImplementedError

    # --- clones for parallel test workers -------------------------------------------------

    def clone_test_db(
        self, suffix: str, verbosity: int = 1, autoclobber: bool = False, keepdb: bool = False
    ) -> None:
        """Copy the test database (tables and rows) to the clone named by ``suffix``."""
        if verbosity >= 1:
            action = "Using existing clone" if keepdb else "Cloning test database"
            self.log(f"{action} for alias {self.connection.alias!r}...")
        self.connection.close()  # a template database must have no other session
        self._clone_test_db(suffix, verbosity, keepdb)

    def get_test_db_clone_settings(self, suffix: str) -> dict:
        """The connection settings of the clone ``suffix``: the test NAME with ``_<suffix>``."""
        return {
            **self.connection.settings_dict,
            "NAME": f"{self.connection.settings_dict['NAME']}_{suffix}",
        }

    def _clone_test_db(self, suffix: str, verbosity: int, keepdb: bool = False) -> None:
        raise NotImplementedError(
            "The database backend doesn't support cloning databases. Disable the option to "
            "run tests in parallel processes."
        )

    def setup_worker_connection(self, _worker_id: int) -> None:
        """In a worker process: point this connection at the worker's clone."""
        settings_dict = self.get_test_db_clone_settings(str(_worker_id))
        self.connection.settings_dict.update(settings_dict)
        self.connection.close()

    def destroy_test_db(
        self,
        old_database_name: str | None = None,
        verbosity: int = 1,
        keepdb: bool = False,
        suffix: str | None = None,
    ) -> None:
        """Drop the test database (unless keepdb) and restore the original NAME; with
        ``suffix``, drop that clone instead and leave the connection as it is."""
        self.connection.close()
        if suffix is not None:
            test_name = self.get_test_db_clone_settings(suffix)["NAME"]
        else:
            test_name = self.connection.settings_dict["NAME"]
        if verbosity >= 1:
            action = "Preserving" if keepdb else "Destroying"
            what = f"clone {suffix} of the test database" if suffix else "test database"
            self.log(f"{action} {what} for alias {self.connection.alias!r}...")
        if suffix is not None:
            self._destroy_test_db_clone(test_name, verbosity, keepdb)
            return
        if not keepdb:
            self._destroy_test_db(test_name, verbosity)
        if old_database_name is not None:
            self._set_name(old_database_name)

    def _destroy_test_db(self, test_database_name: str, verbosity: int) -> None:
        raise NotImplementedError

    def _destroy_test_db_clone(self, clone_name: str, verbosity: int, keepdb: bool) -> None:
        if not keepdb:
            self._destroy_test_db(clone_name, verbosity)

    def set_as_test_mirror(self, primary_settings_dict: dict) -> None:
        self.connection.settings_dict["NAME"] = primary_settings_dict["NAME"]

    def test_db_signature(self) -> tuple:
        s = self.connection.settings_dict
        return (s["HOST"], s["PORT"], s["ENGINE"], self._get_test_db_name())
