"""MigrationRecorder: the ``django_migrations`` table of applied migrations (Django's name, so an
existing database ports)."""

from __future__ import annotations

from typing import Any

from nuages.apps.registry import Apps
from nuages.db import DatabaseError, models
from nuages.db.migrations.exceptions import MigrationSchemaMissing
from nuages.utils import timezone

__all__ = ["MigrationRecorder"]

_recorder_apps = Apps(())


class _MigrationRecord(models.Model):
    id = models.AutoField(primary_key=True)
    app = models.CharField(max_length=255)
    name = models.CharField(max_length=255)
    applied = models.DateTimeField(default=timezone.now)

    class Meta:
        apps = _recorder_apps
        app_label = "migrations"
        db_table = "django_migrations"

    def __str__(self) -> str:
        return f"Migration {self.name} for {self.app}"


class MigrationRecorder:
    """Reads and writes which migrations are applied on one connection."""

    Migration = _MigrationRecord

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self._has_table = False

    @property
    def migration_qs(self) -> Any:
        return self.Migration.objects.using(self.connection.alias)

    def _table(self) -> str:
        return self.connection.ops.quote_name(self.Migration._meta.db_table)

    def has_table(self) -> bool:
        if self._has_table:
            return True
        with self.connection.cursor() as cursor:
            tables = self.connection.introspection.table_names(cursor)
        self._has_table = self.Migration._meta.db_table in tables
        return self._has_table

    def ensure_schema(self) -> None:
        """Create the table if it does not exist."""
        if self.has_table():
            return
        try:
            with self.connection.schema_editor() as editor:
                editor.create_model(self.Migration)
        except DatabaseError as exc:
            raise MigrationSchemaMissing(
                f"Unable to create the django_migrations table ({exc})"
            ) from exc
        self._has_table = True

    def applied_migrations(self) -> dict[tuple[str, str], Any]:
        """{(app_label, name): record} of every applied migration (empty without the table)."""
        if not self.has_table():
            return {}
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT {self._q('app')}, {self._q('name')} FROM {self._table()}")
            rows = cursor.fetchall()
        return {(app, name): _Applied(app, name) for app, name in rows}

    def _q(self, name: str) -> str:
        return self.connection.ops.quote_name(name)

    def record_applied(self, app: str, name: str) -> None:
        self.ensure_schema()
        field = self.Migration._meta.get_field("applied")
        applied = field.get_db_prep_save(timezone.now(), self.connection)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {self._table()} ({self._q('app')}, {self._q('name')}, "
                f"{self._q('applied')}) VALUES (%s, %s, %s)",
                [app, name, applied],
            )

    def record_unapplied(self, app: str, name: str) -> None:
        self.ensure_schema()
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {self._table()} WHERE {self._q('app')} = %s AND {self._q('name')} = %s",
                [app, name],
            )

    def flush(self) -> None:
        """Forget every applied migration (tests)."""
        if self.has_table():
            with self.connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {self._table()}")


class _Applied:
    def __init__(self, app: str, name: str) -> None:
        self.app = app
        self.name = name

    def __repr__(self) -> str:
        return f"<Migration {self.name} for {self.app}>"
