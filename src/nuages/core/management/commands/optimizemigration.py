"""optimizemigration: rewrite one migration with its operations optimized."""

from __future__ import annotations

import sys
from typing import Any

from nuages.apps import apps
from nuages.core.management.base import BaseCommand, CommandError, CommandParser
from nuages.db import migrations
from nuages.db.migrations.exceptions import AmbiguityError
from nuages.db.migrations.loader import MigrationLoader
from nuages.db.migrations.optimizer import MigrationOptimizer
from nuages.db.migrations.writer import MigrationWriter

__all__ = ["Command"]


class Command(BaseCommand):
    help = "Optimizes the operations for the named migration."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "app_label", help="App label of the application to optimize the migration for."
        )
        parser.add_argument("migration_name", help="Migration name to optimize the operations for.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit with a non-zero status if the migration can be optimized.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        app_label, migration_name = options["app_label"], options["migration_name"]
        try:
            apps.get_app_config(app_label)
        except LookupError as err:
            raise CommandError(str(err)) from err
        loader = MigrationLoader(None)
        if app_label not in loader.migrated_apps:
            raise CommandError(f"App '{app_label}' does not have migrations.")
        try:
            migration = loader.get_migration_by_prefix(app_label, migration_name)
        except AmbiguityError as err:
            raise CommandError(
                f"More than one migration matches '{migration_name}' in app '{app_label}'. "
                "Please be more specific."
            ) from err
        except KeyError as err:
            raise CommandError(
                f"Cannot find a migration matching '{migration_name}' from app '{app_label}'."
            ) from err
        optimized = MigrationOptimizer().optimize(migration.operations, migration.app_label)
        if len(optimized) == len(migration.operations):
            if verbosity > 0:
                self.stdout.write("No optimizations possible.")
            return
        if verbosity > 0:
            self.stdout.write(
                self.style.MIGRATE_HEADING(
                    f"Optimizing from {len(migration.operations)} operations to "
                    f"{len(optimized)} operations."
                )
            )
        if options["check"]:
            sys.exit(1)
        migration.operations = optimized
        writer = MigrationWriter(migration)
        source = writer.as_string()
        if writer.needs_manual_porting:
            if migration.replaces:
                raise CommandError(
                    "Migration will require manual porting but is already a squashed migration."
                    "\nTransition to a normal migration first."
                )
            # Leave the original alone: write an optimized copy to finish by hand.
            copy = type("Migration", (migrations.Migration,), {})(
                f"{migration.name}_optimized", app_label
            )
            copy.operations, copy.dependencies = optimized, migration.dependencies
            copy.replaces, copy.initial, copy.atomic = [], migration.initial, migration.atomic
            writer = MigrationWriter(copy)
            source = writer.as_string()
        with open(writer.path, "w", encoding="utf-8") as fh:
            fh.write(source)
        if verbosity > 0:
            self.stdout.write(self.style.MIGRATE_HEADING(f"Optimized migration {writer.path}"))
            if writer.needs_manual_porting:
                self.stdout.write(
                    self.style.MIGRATE_HEADING("Manual porting required")
                    + "\n  Your migrations contained functions that must be manually copied over,"
                    "\n  as we could not safely copy their implementation."
                    "\n  See the comment at the top of the optimized migration for details."
                )
