"""squashmigrations: squash a run of an app's migrations into one (with ``replaces``)."""

from __future__ import annotations

import os
from typing import Any

from nuages.apps import apps
from nuages.core.management.base import BaseCommand, CommandError, CommandParser
from nuages.db import DEFAULT_DB_ALIAS, connections, migrations
from nuages.db.migrations.exceptions import AmbiguityError
from nuages.db.migrations.loader import MigrationLoader
from nuages.db.migrations.optimizer import MigrationOptimizer
from nuages.db.migrations.writer import MigrationWriter

__all__ = ["Command"]


class Command(BaseCommand):
    help = (
        "Squashes an existing set of migrations (from first until specified) into a single new one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "app_label", help="App label of the application to squash migrations for."
        )
        parser.add_argument(
            "start_migration_name",
            nargs="?",
            help="Migrations will be squashed starting from and including this migration.",
        )
        parser.add_argument(
            "migration_name",
            help="Migrations will be squashed until and including this migration.",
        )
        parser.add_argument(
            "--no-optimize",
            action="store_true",
            help="Do not try to optimize the squashed operations.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells nuages to NOT prompt the user for input of any kind.",
        )
        parser.add_argument("--squashed-name", help="Sets the name of the new squashed migration.")
        parser.add_argument(
            "--no-header",
            action="store_false",
            dest="include_header",
            help="Do not add a header comment to the new squashed migration.",
        )

    def handle(self, **options: Any) -> None:
        self.verbosity = options["verbosity"]
        self.interactive = options["interactive"]
        app_label = options["app_label"]
        start_name, end_name = options["start_migration_name"], options["migration_name"]
        try:
            apps.get_app_config(app_label)
        except LookupError as err:
            raise CommandError(str(err)) from err
        loader = MigrationLoader(connections[DEFAULT_DB_ALIAS])
        if app_label not in loader.migrated_apps:
            raise CommandError(
                f"App '{app_label}' does not have migrations (so squashmigrations on it makes no sense)"
            )
        migration = self.find_migration(loader, app_label, end_name)
        key = (app_label, migration.name)
        if key not in loader.graph.nodes:
            raise CommandError(
                f"The migration '{migration}' is replaced by a squashed migration; "
                "squash that squashed migration instead."
            )
        to_squash = [
            loader.get_migration(label, name)
            for label, name in loader.graph.forwards_plan(key)
            if label == app_label
        ]
        start = None
        if start_name:
            start = self.find_migration(loader, app_label, start_name)
            if start not in to_squash:
                raise CommandError(
                    f"The migration '{start}' cannot be found. Maybe it comes after the "
                    f"migration '{migration}'?\nHave a look at:\n"
                    f"  python manage.py showmigrations {app_label}\nto debug this issue."
                )
            to_squash = to_squash[to_squash.index(start) :]
        if not self.confirm(to_squash):
            return
        operations, dependencies, replaces = self.collect(to_squash, app_label, start)
        if not options["no_optimize"]:
            operations = self.optimize(operations, app_label)
        new_migration = self.build(app_label, to_squash, start, migration, options["squashed_name"])
        new_migration.operations = operations
        new_migration.dependencies = dependencies
        new_migration.replaces = replaces
        new_migration.atomic = all(m.atomic for m in to_squash)
        writer = MigrationWriter(new_migration, options["include_header"])
        if os.path.exists(writer.path):
            raise CommandError(
                f"Migration {new_migration.name} already exists. Use a different name."
            )
        with open(writer.path, "w", encoding="utf-8") as fh:
            fh.write(writer.as_string())
        self.report(writer)

    def find_migration(self, loader: MigrationLoader, app_label: str, name: str) -> Any:
        try:
            return loader.get_migration_by_prefix(app_label, name)
        except AmbiguityError as err:
            raise CommandError(
                f"More than one migration matches '{name}' in app '{app_label}'. "
                "Please be more specific."
            ) from err
        except KeyError as err:
            raise CommandError(
                f"Cannot find a migration matching '{name}' from app '{app_label}'."
            ) from err

    def confirm(self, to_squash: list) -> bool:
        if self.verbosity > 0 or self.interactive:
            self.stdout.write(self.style.MIGRATE_HEADING("Will squash the following migrations:"))
            for migration in to_squash:
                self.stdout.write(f" - {migration.name}")
        if not self.interactive:
            return True
        while True:
            answer = input("Do you wish to proceed? [yN] ")
            if not answer or answer[0].lower() == "n":
                return False
            if answer[0].lower() == "y":
                return True

    def collect(self, to_squash: list, app_label: str, start: Any) -> tuple[list, list, list]:
        """Operations (elidable ones dropped), outside dependencies and the replaced keys.

        A squashed migration in the run contributes the migrations it replaces and itself, so
        the new one replaces every original migration and the older squash (left on disk).
        """
        operations: list = []
        dependencies: list = []
        replaces: list = []
        for migration in to_squash:
            operations.extend(op for op in migration.operations if not op.elidable)
            for dependency in migration.dependencies:
                internal = dependency[0] == app_label
                if (not internal or migration is start) and dependency not in dependencies:
                    if internal and (dependency[0], dependency[1]) in replaces:
                        continue
                    dependencies.append(dependency)
            if migration.replaces:
                replaces.extend(tuple(r) for r in migration.replaces if tuple(r) not in replaces)
            replaces.append((migration.app_label, migration.name))
        if start is not None:
            dependencies = [d for d in dependencies if tuple(d) not in replaces]
        return operations, dependencies, replaces

    def optimize(self, operations: list, app_label: str) -> list:
        if self.verbosity > 0:
            self.stdout.write(self.style.MIGRATE_HEADING("Optimizing..."))
        optimized = MigrationOptimizer().optimize(operations, app_label)
        if self.verbosity > 0:
            if len(optimized) == len(operations):
                self.stdout.write("  No optimizations possible.")
            else:
                self.stdout.write(
                    f"  Optimized from {len(operations)} operations to {len(optimized)} operations."
                )
        return optimized

    def build(
        self, app_label: str, to_squash: list, start: Any, end: Any, squashed_name: str | None
    ) -> Any:
        subclass = type("Migration", (migrations.Migration,), {})
        if start is not None:
            prefix = start.name.split("_", 1)[0]
            name = (
                f"{prefix}_{squashed_name}"
                if squashed_name
                else f"{start.name}_squashed_{end.name}"
            )
            return subclass(name, app_label)
        name = f"0001_{squashed_name or f'squashed_{end.name}'}"
        new_migration = subclass(name, app_label)
        new_migration.initial = True
        return new_migration

    def report(self, writer: MigrationWriter) -> None:
        if self.verbosity > 0:
            self.stdout.write(
                self.style.MIGRATE_HEADING(
                    f"Created new squashed migration {writer.path}\n"
                    "  You should commit this migration but leave the old ones in place;\n"
                    "  the new migration will be used for new installs. Once you are sure\n"
                    "  all instances of the codebase have applied the migrations you squashed,\n"
                    "  you can delete them."
                )
            )
            if writer.needs_manual_porting:
                self.stdout.write(
                    self.style.MIGRATE_HEADING("Manual porting required")
                    + "\n  Your migrations contained functions that must be manually copied over,\n"
                    "  as we could not safely copy their implementation.\n"
                    "  See the comment at the top of the squashed migration for details."
                )
