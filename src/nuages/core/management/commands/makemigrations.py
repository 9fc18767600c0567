"""makemigrations: write migration files for the changes between models and migrations."""

from __future__ import annotations

import os
import sys
from itertools import takewhile
from typing import Any

from nuages.apps import apps
from nuages.conf import settings
from nuages.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from nuages.db import DEFAULT_DB_ALIAS, connections, router
from nuages.db.migrations import Migration
from nuages.db.migrations.autodetector import MigrationAutodetector
from nuages.db.migrations.loader import MigrationLoader
from nuages.db.migrations.optimizer import MigrationOptimizer
from nuages.db.migrations.questioner import (
    InteractiveMigrationQuestioner,
    MigrationQuestioner,
    NonInteractiveMigrationQuestioner,
)
from nuages.db.migrations.state import ProjectState
from nuages.db.migrations.utils import get_migration_name_timestamp
from nuages.db.migrations.writer import MigrationWriter

__all__ = ["Command"]


class Command(BaseCommand):
    help = "Creates new migration(s) for apps."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "args",
            metavar="app_label",
            nargs="*",
            help="Specify the app label(s) to create migrations for.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Just show what migrations would be made; don't actually write them.",
        )
        parser.add_argument(
            "--merge", action="store_true", help="Enable fixing of migration conflicts."
        )
        parser.add_argument("--empty", action="store_true", help="Create an empty migration.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells nuages to NOT prompt the user for input of any kind.",
        )
        parser.add_argument("-n", "--name", help="Use this name for migration file(s).")
        parser.add_argument(
            "--no-header",
            action="store_false",
            dest="include_header",
            help="Do not add header comments to new migration file(s).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            dest="check_changes",
            help="Exit with a non-zero status if model changes are missing migrations and don't actually write them.",
        )
        parser.add_argument(
            "--scriptable",
            action="store_true",
            dest="scriptable",
            help="Divert log output and input prompts to stderr, writing only paths of generated migration files to stdout.",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            dest="update",
            help="Merge model changes into the latest migration and optimize the resulting operations.",
        )

    @property
    def log_output(self) -> OutputWrapper:
        return self.stderr if self.scriptable else self.stdout

    def log(self, msg: str) -> None:
        self.log_output.write(msg)

    def handle(self, *app_labels: str, **options: Any) -> None:
        self.written_files: list[str] = []
        self.verbosity = options["verbosity"]
        self.interactive = options["interactive"]
        self.dry_run = options["dry_run"]
        self.merge = options["merge"]
        self.empty = options["empty"]
        self.migration_name = options["name"]
        if self.migration_name and not self.migration_name.isidentifier():
            raise CommandError("The migration name must be a valid Python identifier.")
        self.include_header = options["include_header"]
        check_changes = options["check_changes"]
        if check_changes:
            self.dry_run = True
        self.scriptable = options["scriptable"]
        self.update = options["update"]
        if self.scriptable:
            self.stderr.style_func = None
        app_labels = set(app_labels)
        has_bad_labels = False
        for app_label in app_labels:
            try:
                apps.get_app_config(app_label)
            except LookupError as err:
                self.stderr.write(str(err))
                has_bad_labels = True
        if has_bad_labels:
            sys.exit(2)
        loader = MigrationLoader(None, ignore_no_migrations=True)
        consistency_check_labels = {config.label for config in apps.get_app_configs()}
        aliases = sorted(settings.DATABASES) if settings.DATABASES else [DEFAULT_DB_ALIAS]
        for alias in aliases:
            connection = connections[alias]
            if connection.settings_dict["ENGINE"] != "nuages.db.backends.dummy" and any(
                router.allow_migrate(
                    connection.alias, app_label, model_name=model._meta.object_name
                )
                for app_label in consistency_check_labels
                for model in apps.get_app_config(app_label).get_models()
            ):
                try:
                    loader.check_consistent_history(connection)
                except Exception as error:  # a database that does not answer is only a warning
                    if type(error).__name__ == "InconsistentMigrationHistory":
                        raise
                    self.stderr.write(
                        f"Got an error checking a consistent migration history performed for "
                        f"database connection '{alias}': {error}"
                    )
        conflicts = loader.detect_conflicts()
        if app_labels:
            conflicts = {label: c for label, c in conflicts.items() if label in app_labels}
        if conflicts and not self.merge:
            name_str = "; ".join(f"{', '.join(names)} in {app}" for app, names in conflicts.items())
            raise CommandError(
                "Conflicting migrations detected; multiple leaf nodes in the migration graph: "
                f"({name_str}).\nTo fix them run 'python manage.py makemigrations --merge'"
            )
        if self.interactive:
            questioner: MigrationQuestioner = InteractiveMigrationQuestioner(
                specified_apps=app_labels, prompt_output=self.log_output
            )
        else:
            questioner = NonInteractiveMigrationQuestioner(
                specified_apps=app_labels, verbosity=self.verbosity, log=self.log
            )
        if self.merge and conflicts:
            return self.handle_merge(loader, conflicts, questioner)
        if self.merge:
            self.log("No conflicts detected to merge.")
            return None
        autodetector = MigrationAutodetector(
            loader.project_state(), ProjectState.from_apps(apps), questioner
        )
        if self.empty:
            if not app_labels:
                raise CommandError("You must supply at least one app label when using --empty.")
            changes = {app: [Migration("custom", app)] for app in app_labels}
            changes = autodetector.arrange_for_graph(changes, loader.graph, self.migration_name)
            self.write_migration_files(changes)
            return None
        changes = autodetector.changes(
            graph=loader.graph,
            trim_to_apps=app_labels or None,
            convert_apps=app_labels or None,
            migration_name=self.migration_name,
        )
        if not changes:
            if self.verbosity >= 1:
                if app_labels:
                    if len(app_labels) == 1:
                        self.log(f"No changes detected in app '{app_labels.pop()}'")
                    else:
                        self.log(f"No changes detected in apps '{', '.join(sorted(app_labels))}'")
                else:
                    self.log("No changes detected")
        else:
            if check_changes:
                sys.exit(1)
            if self.update:
                self.write_to_last_migration_files(changes, loader)
            else:
                self.write_migration_files(changes)
        return None

    def write_to_last_migration_files(self, changes: dict, loader: MigrationLoader) -> None:
        new_changes = {}
        update_previous = {}
        for app_label, app_migrations in changes.items():
            leaves = loader.graph.leaf_nodes(app=app_label)
            if not leaves:
                raise CommandError(
                    f"App {app_label} has no migration, cannot update last migration."
                )
            leaf = leaves[0]
            previous = loader.disk_migrations[leaf]
            if previous.replaces:
                raise CommandError(f"Cannot update squash migration '{previous}'.")
            if leaf in loader.applied_migrations:
                raise CommandError(f"Cannot update applied migration '{previous}'.")
            depending = [m for m in loader.disk_migrations.values() if leaf in m.dependencies]
            if depending:
                raise CommandError(
                    f"Cannot update migration '{previous}' that migrations '{', '.join(str(m) for m in depending)}' depend on."
                )
            for migration in app_migrations:
                previous.operations.extend(migration.operations)
                previous.dependencies.extend(
                    d
                    for d in migration.dependencies
                    if d[0] != app_label and d not in previous.dependencies
                )
            previous.operations = MigrationOptimizer().optimize(previous.operations, app_label)
            previous_path = MigrationWriter(previous).path
            suggested = leaf[1][:4] + "_" + previous.suggest_name()
            new_name = self.migration_name or (
                suggested if previous.name != suggested else previous.name
            )
            update_previous[app_label] = (previous_path, new_name)
            previous.name = new_name
            new_changes[app_label] = [previous]
        self.write_migration_files(new_changes, update_previous)

    def write_migration_files(
        self, changes: dict, update_previous_migration_paths: dict | None = None
    ) -> None:
        directory_created: dict[str, bool] = {}
        for app_label, app_migrations in changes.items():
            if self.verbosity >= 1:
                self.log(self.style.MIGRATE_HEADING(f"Migrations for '{app_label}':"))
            for migration in app_migrations:
                writer = MigrationWriter(migration, self.include_header)
                if self.verbosity >= 1:
                    migration_string = writer.path
                    self.log(f"  {self.style.MIGRATE_LABEL(migration_string)}")
                    for operation in migration.operations:
                        self.log(f"    {operation.formatted_description()}")
                    if self.scriptable:
                        self.stdout.write(migration_string)
                if not self.dry_run:
                    migrations_directory = os.path.dirname(writer.path)
                    if not directory_created.get(app_label):
                        os.makedirs(migrations_directory, exist_ok=True)
                        init_path = os.path.join(migrations_directory, "__init__.py")
                        if not os.path.isfile(init_path):
                            open(init_path, "w").close()
                        directory_created[app_label] = True
                    migration_string = writer.as_string()
                    with open(writer.path, "w", encoding="utf-8") as fh:
                        fh.write(migration_string)
                        self.written_files.append(writer.path)
                    if update_previous_migration_paths:
                        prev_path, _ = update_previous_migration_paths[app_label]
                        if prev_path != writer.path and os.path.exists(prev_path):
                            os.remove(prev_path)
                            self.log(f"Deleted {prev_path}")
                elif self.verbosity == 3:
                    self.log(
                        self.style.MIGRATE_HEADING(f"Full migrations file '{writer.filename}':")
                    )
                    self.log(writer.as_string())

    def handle_merge(self, loader: MigrationLoader, conflicts: dict, questioner: Any) -> None:
        """Write a merge migration depending on the conflicting leaves."""
        for app_label, migration_names in conflicts.items():
            merge_migrations = []
            for migration_name in migration_names:
                migration = loader.get_migration(app_label, migration_name)
                migration.ancestry = [
                    m
                    for m in loader.graph.forwards_plan((app_label, migration_name))
                    if m[0] == migration.app_label
                ]
                merge_migrations.append(migration)

            def all_items_equal(seq: tuple) -> bool:
                return all(item == seq[0] for item in seq[1:])

            common = list(
                takewhile(
                    all_items_equal, zip(*(m.ancestry for m in merge_migrations), strict=False)
                )
            )
            if not common:
                raise ValueError(f"Could not find common ancestor of {migration_names}")
            common_len = len(common)
            for migration in merge_migrations:
                migration.branch = migration.ancestry[common_len:]
                migration.merged_operations = []
                for node_app, node_name in migration.branch:
                    migration.merged_operations.extend(
                        loader.get_migration(node_app, node_name).operations
                    )
            if self.verbosity > 0:
                self.log(self.style.MIGRATE_HEADING(f"Merging {app_label}"))
                for migration in merge_migrations:
                    self.log(self.style.MIGRATE_LABEL(f"  Branch {migration.name}"))
                    for operation in migration.merged_operations:
                        self.log(f"    {operation.formatted_description()}")
            if questioner.ask_merge(app_label) or not self.interactive:
                numbers = [
                    MigrationAutodetector.parse_number(m.name) or 0 for m in merge_migrations
                ]
                biggest = max(numbers)
                subclass = type(
                    "Migration",
                    (Migration,),
                    {"dependencies": [(app_label, m.name) for m in merge_migrations]},
                )
                parts = [f"{biggest + 1:04d}"]
                if self.migration_name:
                    parts.append(self.migration_name)
                else:
                    names = "_".join(
                        sorted(
                            m.name[5:] if m.name[:4].isdigit() else m.name for m in merge_migrations
                        )
                    )
                    parts.append(
                        f"merge_{names}"
                        if len(names) <= 47
                        else f"merge_{get_migration_name_timestamp()}"
                    )
                new_migration = subclass("_".join(parts), app_label)
                writer = MigrationWriter(new_migration, self.include_header)
                if not self.dry_run:
                    with open(writer.path, "w", encoding="utf-8") as fh:
                        fh.write(writer.as_string())
                    self.written_files.append(writer.path)
                    if self.verbosity > 0:
                        self.log(f"\nCreated new merge migration {writer.path}")
                        if self.scriptable:
                            self.stdout.write(writer.path)
                elif self.verbosity == 3:
                    self.log(
                        self.style.MIGRATE_HEADING(
                            f"Full merge migrations file '{writer.filename}':"
                        )
                    )
                    self.log(writer.as_string())
