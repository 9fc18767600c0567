"""MigrationLoader: find the migrations of installed apps, build the graph, check history."""

from __future__ import annotations

import pkgutil
import sys
from importlib import import_module, reload
from typing import Any

from nuages.apps import apps
from nuages.conf import settings
from nuages.db.migrations.exceptions import (
    AmbiguityError,
    BadMigrationError,
    InconsistentMigrationHistory,
    NodeNotFoundError,
)
from nuages.db.migrations.graph import MigrationGraph
from nuages.db.migrations.recorder import MigrationRecorder

__all__ = ["MIGRATIONS_MODULE_NAME", "MigrationLoader"]

MIGRATIONS_MODULE_NAME = "migrations"


class MigrationLoader:
    """Loads migration files from disk and the applied set from the database."""

    def __init__(
        self,
        connection: Any,
        load: bool = True,
        ignore_no_migrations: bool = False,
        replace_migrations: bool = True,
    ) -> None:
        self.connection = connection
        self.disk_migrations: dict[tuple[str, str], Any] = {}
        self.applied_migrations: dict = {}
        self.ignore_no_migrations = ignore_no_migrations
        self.replace_migrations = replace_migrations
        self.unmigrated_apps: set[str] = set()
        self.migrated_apps: set[str] = set()
        if load:
            self.build_graph()

    @classmethod
    def migrations_module(cls, app_label: str) -> tuple[str | None, bool]:
        """(module path, explicit?) for an app; (None, True) when MIGRATION_MODULES maps to None."""
        modules = getattr(settings, "MIGRATION_MODULES", {}) or {}
        if app_label in modules:
            return modules[app_label], True
        app_package_name = apps.get_app_config(app_label).name
        return f"{app_package_name}.{MIGRATIONS_MODULE_NAME}", False

    def load_disk(self) -> None:
        self.disk_migrations = {}
        self.unmigrated_apps = set()
        self.migrated_apps = set()
        for app_config in apps.get_app_configs():
            module_name, explicit = self.migrations_module(app_config.label)
            if module_name is None:
                self.unmigrated_apps.add(app_config.label)
                continue
            was_loaded = module_name in sys.modules
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as e:
                if (explicit and self.ignore_no_migrations) or (
                    not explicit and e.name and module_name.startswith(e.name)
                ):
                    self.unmigrated_apps.add(app_config.label)
                    continue
                raise
            if not hasattr(module, "__path__"):
                self.unmigrated_apps.add(app_config.label)
                continue
            if getattr(module, "__file__", None) is None and not hasattr(module, "__path__"):
                self.unmigrated_apps.add(app_config.label)
                continue
            if was_loaded:
                reload(module)
            self.migrated_apps.add(app_config.label)
            names = {
                name
                for _, name, is_pkg in pkgutil.iter_modules(module.__path__)
                if not is_pkg and name[0] not in "_~"
            }
            for name in sorted(names):
                full = f"{module_name}.{name}"
                if full in sys.modules:
                    migration_module = reload(sys.modules[full])
                else:
                    migration_module = import_module(full)
                if not hasattr(migration_module, "Migration"):
                    raise BadMigrationError(
                        f"Migration {name} in app {app_config.label} has no Migration class"
                    )
                self.disk_migrations[app_config.label, name] = migration_module.Migration(
                    name, app_config.label
                )

    def get_migration(self, app_label: str, name_prefix: str) -> Any:
        return self.graph.nodes[app_label, name_prefix]

    def get_migration_by_prefix(self, app_label: str, name_prefix: str) -> Any:
        """The one migration of ``app_label`` whose name starts with ``name_prefix``."""
        results = [
            migration
            for (label, name), migration in self.disk_migrations.items()
            if label == app_label and name.startswith(name_prefix)
        ]
        if len(results) > 1:
            raise AmbiguityError(
                f"There is more than one migration for '{app_label}' with the prefix '{name_prefix}'"
            )
        if not results:
            raise KeyError(
                f"There is no migration for '{app_label}' with the prefix '{name_prefix}'"
            )
        return results[0]

    def check_key(self, key: tuple[str, str], current_app: str) -> tuple[str, str] | None:
        if (key[1] != "__first__" and key[1] != "__latest__") or key in self.graph:
            return key
        if key[0] == current_app:
            return None  # ignore __first__ references to the same app
        if key[0] in self.unmigrated_apps:
            return None
        if key[0] in self.migrated_apps:
            try:
                if key[1] == "__first__":
                    return self.graph.root_nodes(key[0])[0]
                return self.graph.leaf_nodes(key[0])[0]
            except IndexError:
                if self.ignore_no_migrations:
                    return None
                raise ValueError(f"Dependency on app with no migrations: {key[0]}") from None
        raise ValueError(f"Dependency on unknown app: {key[0]}")

    def add_internal_dependencies(self, key: tuple[str, str], migration: Any) -> None:
        for parent in migration.dependencies:
            if parent[0] == key[0] and parent[1] != "__first__":
                self.graph.add_dependency(migration, key, tuple(parent), skip_validation=True)

    def add_external_dependencies(self, key: tuple[str, str], migration: Any) -> None:
        for parent in migration.dependencies:
            if key[0] == parent[0]:
                continue
            parent = self.check_key(tuple(parent), key[0])
            if parent is not None:
                self.graph.add_dependency(migration, key, parent, skip_validation=True)
        for child in migration.run_before:
            child = self.check_key(tuple(child), key[0])
            if child is not None:
                self.graph.add_dependency(migration, child, key, skip_validation=True)

    def build_graph(self) -> None:
        """Load disk and applied migrations and build the graph (squashes resolved)."""
        self.load_disk()
        if self.connection is None:
            self.applied_migrations = {}
        else:
            self.applied_migrations = MigrationRecorder(self.connection).applied_migrations()
        self.graph = MigrationGraph()
        self.replacements = {}
        for key, migration in self.disk_migrations.items():
            self.graph.add_node(key, migration)
            if migration.replaces:
                self.replacements[key] = migration
        for key, migration in self.disk_migrations.items():
            self.add_internal_dependencies(key, migration)
        for key, migration in self.disk_migrations.items():
            self.add_external_dependencies(key, migration)
        if self.replace_migrations:
            # A squash of squashed migrations replaces the older squash too (and everything it
            # replaces): resolve the inner squashes first so the outer one sees them applied.
            ordered = sorted(self.replacements.items(), key=lambda item: len(item[1].replaces))
            for key, migration in ordered:
                replaced = [tuple(r) for r in migration.replaces]
                applied_statuses = [(r in self.applied_migrations) for r in replaced]
                if all(applied_statuses):
                    self.applied_migrations[key] = migration
                else:
                    self.applied_migrations.pop(key, None)
                if all(applied_statuses) or not any(applied_statuses):
                    self.graph.remove_replaced_nodes(key, replaced)
                else:
                    self.graph.remove_replacement_node(key, replaced)
        try:
            self.graph.validate_consistency()
        except NodeNotFoundError as exc:
            reverse_replacements: dict = {}
            for key, migration in self.replacements.items():
                for replaced in migration.replaces:
                    reverse_replacements.setdefault(tuple(replaced), set()).add(key)
            if exc.node in reverse_replacements:
                candidates = reverse_replacements.get(exc.node, set())
                is_replaced = any(c in self.graph.nodes for c in candidates)
                if not is_replaced:
                    tries = ", ".join(f"{k}.{v}" for k, v in sorted(candidates))
                    raise NodeNotFoundError(
                        f"Migration {exc.origin} depends on nonexistent node ('{exc.node[0]}', "
                        f"'{exc.node[1]}'). nuages tried to replace migration {exc.node[0]}."
                        f"{exc.node[1]} with any of [{tries}] but wasn't able to because some of "
                        "the replaced migrations are already applied.",
                        exc.node,
                    ) from exc
            raise
        self.graph.ensure_not_cyclic()

    def check_consistent_history(self, connection: Any) -> None:
        """InconsistentMigrationHistory if an applied migration has an unapplied dependency."""
        applied = MigrationRecorder(connection).applied_migrations()
        for migration in applied:
            if migration not in self.graph.nodes:
                continue
            for parent in self.graph.node_map[migration].parents:
                if parent not in applied:
                    if parent in self.replacements and all(
                        tuple(m) in applied for m in self.replacements[parent].replaces
                    ):
                        continue
                    raise InconsistentMigrationHistory(
                        f"Migration {migration[0]}.{migration[1]} is applied before its dependency "
                        f"{parent[0]}.{parent[1]} on database '{connection.alias}'."
                    )

    def detect_conflicts(self) -> dict[str, list[str]]:
        """{app_label: [leaf names]} for apps with more than one leaf."""
        seen_apps: dict[str, set] = {}
        for app_label, name in self.graph.leaf_nodes():
            seen_apps.setdefault(app_label, set()).add(name)
        return {label: sorted(names) for label, names in seen_apps.items() if len(names) > 1}

    def project_state(self, nodes: Any = None, at_end: bool = True) -> Any:
        return self.graph.make_state(nodes=nodes, at_end=at_end, real_apps=self.unmigrated_apps)

    def collect_sql(self, plan: list) -> list[str]:
        """The SQL of a plan (sqlmigrate), without running it."""
        statements: list[str] = []
        state = None
        for migration, backwards in plan:
            with self.connection.schema_editor(collect_sql=True, atomic=migration.atomic) as editor:
                if state is None:
                    state = self.project_state((migration.app_label, migration.name), at_end=False)
                if not backwards:
                    state = migration.apply(state, editor, collect_sql=True)
                else:
                    state = migration.unapply(state, editor, collect_sql=True)
            statements.extend(editor.collected_sql)
        return statements
