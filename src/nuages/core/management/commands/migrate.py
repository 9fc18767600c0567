"""migrate: bring the database schema in line with the migrations (or back to a target)."""

from __future__ import annotations

import sys
import time
from typing import Any

from nuages.apps import apps
from nuages.core.management.base import BaseCommand, CommandError, CommandParser
from nuages.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from nuages.db import DEFAULT_DB_ALIAS, connections, router
from nuages.db.migrations.autodetector import MigrationAutodetector
from nuages.db.migrations.exceptions import AmbiguityError
from nuages.db.migrations.executor import MigrationExecutor
from nuages.db.migrations.state import ProjectState

__all__ = ["Command"]


class Command(BaseCommand):
    help = "Updates database schema. Manages both apps with migrations and those without."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "app_label", nargs="?", help="App label of an application to synchronize the state."
        )
        parser.add_argument(
            "migration_name",
            nargs="?",
            help='Database state will be brought to the state after that migration. Use the name "zero" to unapply all migrations.',
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells nuages to NOT prompt the user for input of any kind.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Nominates a database to synchronize. Defaults to the "default" database.',
        )
        parser.add_argument(
            "--fake",
            action="store_true",
            help="Mark migrations as run without actually running them.",
        )
        parser.add_argument(
            "--fake-initial",
            action="store_true",
            help="Detect if tables already exist and fake-apply initial migrations if so.",
        )
        parser.add_argument(
            "--plan",
            action="store_true",
            help="Shows a list of the migration actions that will be performed.",
        )
        parser.add_argument(
            "--run-syncdb", action="store_true", help="Creates tables for apps without migrations."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            dest="check_unapplied",
            help="Exits with a non-zero status if unapplied migrations exist and does not actually apply migrations.",
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            dest="prune",
            help="Delete nonexistent migrations from the django_migrations table.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        database = options["database"]
        self.verbosity = options["verbosity"]
        self.interactive = options["interactive"]
        connection = connections[database]
        executor = MigrationExecutor(connection, self.migration_progress_callback)
        executor.loader.check_consistent_history(connection)
        conflicts = executor.loader.detect_conflicts()
        if conflicts:
            name_str = "; ".join(f"{', '.join(names)} in {app}" for app, names in conflicts.items())
            raise CommandError(
                "Conflicting migrations detected; multiple leaf nodes in the migration graph: "
                f"({name_str}).\nTo fix them run 'python manage.py makemigrations --merge'"
            )
        run_syncdb = options["run_syncdb"]
        target_app_labels_only = True
        if options["app_label"]:
            app_label = options["app_label"]
            try:
                apps.get_app_config(app_label)
            except LookupError as err:
                raise CommandError(str(err)) from err
            if run_syncdb:
                if app_label in executor.loader.migrated_apps:
                    raise CommandError(
                        f"Can't use run_syncdb with app '{app_label}' as it has migrations."
                    )
            elif app_label not in executor.loader.migrated_apps:
                raise CommandError(f"App '{app_label}' does not have migrations.")
        if options["app_label"] and options["migration_name"]:
            migration_name = options["migration_name"]
            if migration_name == "zero":
                targets = [(app_label, None)]
            else:
                try:
                    migration = executor.loader.get_migration_by_prefix(app_label, migration_name)
                except AmbiguityError as err:
                    raise CommandError(
                        f"More than one migration matches '{migration_name}' in app '{app_label}'. "
                        "Please be more specific."
                    ) from err
                except KeyError as err:
                    raise CommandError(
                        f"Cannot find a migration matching '{migration_name}' from app '{app_label}'."
                    ) from err
                target = (app_label, migration.name)
                if (
                    target not in executor.loader.graph.nodes
                    and target in executor.loader.replacements
                ):
                    incomplete = executor.loader.replacements[target]
                    target = incomplete.replaces[-1]
                targets = [target]
            target_app_labels_only = False
        elif options["app_label"]:
            targets = [key for key in executor.loader.graph.leaf_nodes() if key[0] == app_label]
        else:
            targets = executor.loader.graph.leaf_nodes()
        plan = executor.migration_plan(targets)
        if options["plan"]:
            self.stdout.write("Planned operations:", self.style.MIGRATE_LABEL)
            if not plan:
                self.stdout.write("  No planned migration operations.")
            for migration, backwards in plan:
                self.stdout.write(str(migration), self.style.MIGRATE_HEADING)
                for operation in migration.operations:
                    message, is_error = self.describe_operation(operation, backwards)
                    style = self.style.WARNING if is_error else None
                    self.stdout.write("    " + message, style)
            if options["check_unapplied"]:
                sys.exit(1)
            return
        if options["check_unapplied"]:
            if plan:
                sys.exit(1)
            return
        if options["prune"]:
            self._prune(executor, options)
            return
        run_syncdb = run_syncdb and executor.loader.unmigrated_apps
        if self.verbosity >= 1:
            self.stdout.write(self.style.MIGRATE_HEADING("Operations to perform:"))
            if run_syncdb:
                if options["app_label"]:
                    self.stdout.write(
                        self.style.MIGRATE_LABEL(f"  Synchronize unmigrated app: {app_label}")
                    )
                else:
                    self.stdout.write(
                        self.style.MIGRATE_LABEL("  Synchronize unmigrated apps: ")
                        + ", ".join(sorted(executor.loader.unmigrated_apps))
                    )
            if target_app_labels_only:
                self.stdout.write(
                    self.style.MIGRATE_LABEL("  Apply all migrations: ")
                    + (", ".join(sorted({a for a, n in targets})) or "(none)")
                )
            elif targets[0][1] is None:
                self.stdout.write(
                    self.style.MIGRATE_LABEL("  Unapply all migrations: ") + str(targets[0][0])
                )
            else:
                self.stdout.write(
                    self.style.MIGRATE_LABEL("  Target specific migration: ")
                    + f"{targets[0][1]}, from {targets[0][0]}"
                )
        pre_migrate_state = executor._create_project_state(with_applied_migrations=True)
        pre_migrate_apps = pre_migrate_state.apps
        emit_pre_migrate_signal(
            self.verbosity,
            self.interactive,
            connection.alias,
            stdout=self.stdout,
            apps=pre_migrate_apps,
            plan=plan,
        )
        if run_syncdb:
            if self.verbosity >= 1:
                self.stdout.write(
                    self.style.MIGRATE_HEADING("Synchronizing apps without migrations:")
                )
            labels = (
                [app_label] if options["app_label"] else sorted(executor.loader.unmigrated_apps)
            )
            self.sync_apps(connection, labels)
        if self.verbosity >= 1:
            self.stdout.write(self.style.MIGRATE_HEADING("Running migrations:"))
        if not plan:
            if self.verbosity >= 1:
                self.stdout.write("  No migrations to apply.")
                autodetector = MigrationAutodetector(
                    executor.loader.project_state(), ProjectState.from_apps(apps)
                )
                changes = autodetector.changes(graph=executor.loader.graph)
                if changes:
                    self.stdout.write(
                        self.style.NOTICE(
                            "  Your models in app(s): "
                            + ", ".join(repr(a) for a in sorted(changes))
                            + " have changes that are not yet reflected in a migration, and so won't be applied."
                        )
                    )
                    self.stdout.write(
                        self.style.NOTICE(
                            "  Run 'manage.py makemigrations' to make new migrations, and then re-run "
                            "'manage.py migrate' to apply them."
                        )
                    )
            fake = False
            fake_initial = False
        else:
            fake = options["fake"]
            fake_initial = options["fake_initial"]
        post_migrate_state = executor.migrate(
            targets,
            plan=plan,
            state=pre_migrate_state.clone(),
            fake=fake,
            fake_initial=fake_initial,
        )
        emit_post_migrate_signal(
            self.verbosity,
            self.interactive,
            connection.alias,
            stdout=self.stdout,
            apps=post_migrate_state.apps,
            plan=plan,
        )

    def _prune(self, executor: MigrationExecutor, options: Any) -> None:
        applied = executor.loader.applied_migrations
        to_prune = sorted(m for m in applied if m not in executor.loader.disk_migrations)
        if options["app_label"]:
            to_prune = [m for m in to_prune if m[0] == options["app_label"]]
        self.stdout.write("Pruning migrations:", self.style.MIGRATE_HEADING)
        if not to_prune:
            self.stdout.write("  No migrations to prune.")
        for app, name in to_prune:
            executor.recorder.record_unapplied(app, name)
            self.stdout.write(f"  Pruning {app}.{name}", self.style.SUCCESS)

    def migration_progress_callback(
        self, action: str, migration: Any = None, fake: bool = False
    ) -> None:
        if self.verbosity < 1:
            return
        compute_time = self.verbosity > 1
        if action in ("apply_start", "unapply_start"):
            if compute_time:
                self.start = time.monotonic()
            verb = "Applying" if action == "apply_start" else "Unapplying"
            self.stdout.write(f"  {verb} {migration}...", ending="")
            self.stdout.flush()
        elif action in ("apply_success", "unapply_success"):
            elapsed = f" ({time.monotonic() - self.start:.3f}s)" if compute_time else ""
            if fake:
                self.stdout.write(self.style.SUCCESS(" FAKED" + elapsed))
            else:
                self.stdout.write(self.style.SUCCESS(" OK" + elapsed))
        elif action == "render_start":
            if compute_time:
                self.start = time.monotonic()
            if self.verbosity > 1:
                self.stdout.write("  Rendering model states...", ending="")
        elif action == "render_success" and self.verbosity > 1:
            self.stdout.write(self.style.SUCCESS(f" DONE ({time.monotonic() - self.start:.3f}s)"))

    def sync_apps(self, connection: Any, app_labels: list[str]) -> None:
        """CREATE TABLE for the models of apps without migrations (--run-syncdb)."""
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        manifest = {
            app_config.label: [
                model
                for model in app_config.get_models()
                if router.allow_migrate_model(connection.alias, model)
            ]
            for app_config in apps.get_app_configs()
            if app_config.models_module is not None and app_config.label in app_labels
        }

        def should_create(model: Any) -> bool:
            meta = model._meta
            return (
                meta.managed
                and not meta.proxy
                and connection.introspection.identifier_converter(meta.db_table) not in tables
            )

        with connection.schema_editor() as editor:
            for app_name, model_list in manifest.items():
                for model in model_list:
                    if not should_create(model):
                        continue
                    if self.verbosity >= 3:
                        self.stdout.write(
                            f"    Processing {app_name}.{model._meta.object_name} model"
                        )
                    if self.verbosity >= 1:
                        self.stdout.write(f"    Creating table {model._meta.db_table}")
                    editor.create_model(model)
            if self.verbosity >= 1:
                self.stdout.write("    Running deferred SQL...")

    @staticmethod
    def describe_operation(operation: Any, backwards: bool) -> tuple[str, bool]:
        prefix = ""
        is_error = False
        if hasattr(operation, "code"):
            code = operation.reverse_code if backwards else operation.code
            action = (code.__doc__ or "") if code else None
        elif hasattr(operation, "sql"):
            action = operation.reverse_sql if backwards else operation.sql
        else:
            action = ""
            if backwards:
                prefix = "Undo "
        if action is not None:
            action = str(action).replace("\n", "")
        elif backwards:
            action = "IRREVERSIBLE"
            is_error = True
        if action:
            action = " -> " + action
        return prefix + operation.describe() + action, is_error
