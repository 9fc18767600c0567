"""sqlmigrate: print the SQL statements of one migration."""

from __future__ import annotations

from typing import Any

from nuages.apps import apps
from nuages.core.management.base import BaseCommand, CommandError, CommandParser
from nuages.db import DEFAULT_DB_ALIAS, connections
from nuages.db.migrations.exceptions import AmbiguityError
from nuages.db.migrations.loader import MigrationLoader

__all__ = ["Command"]


class Command(BaseCommand):
    help = "Prints the SQL statements for the named migration."
    output_transaction = True

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "app_label", help="App label of the application containing the migration."
        )
        parser.add_argument("migration_name", help="Migration name to print the SQL for.")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Nominates a database to create SQL for. Defaults to the "default" database.',
        )
        parser.add_argument(
            "--backwards",
            action="store_true",
            help="Creates SQL to unapply the migration, rather than to apply it",
        )

    def execute(self, *args: Any, **options: Any) -> Any:
        options["no_color"] = True
        return super().execute(*args, **options)

    def handle(self, *args: Any, **options: Any) -> str:
        connection = connections[options["database"]]
        loader = MigrationLoader(connection, replace_migrations=False)
        app_label, migration_name = options["app_label"], options["migration_name"]
        try:
            apps.get_app_config(app_label)
        except LookupError as err:
            raise CommandError(str(err)) from err
        if app_label not in loader.migrated_apps:
            raise CommandError(f"App '{app_label}' does not have migrations")
        try:
            migration = loader.get_migration_by_prefix(app_label, migration_name)
        except AmbiguityError as err:
            raise CommandError(
                f"More than one migration matches '{migration_name}' in app '{app_label}'. Please be more specific."
            ) from err
        except KeyError as err:
            raise CommandError(
                f"Cannot find a migration matching '{migration_name}' from app '{app_label}'. Is it in INSTALLED_APPS?"
            ) from err
        target = (app_label, migration.name)
        self.output_transaction = migration.atomic and connection.features.can_rollback_ddl
        plan = [(loader.graph.nodes[target], options["backwards"])]
        sql_statements = loader.collect_sql(plan)
        if not sql_statements and options["verbosity"] >= 1:
            self.stderr.write("No operations found.")
        return "\n".join(sql_statements)
