"""MigrationExecutor: plan and apply or unapply migrations against one database."""

from __future__ import annotations

from typing import Any

from nuages.db import router
from nuages.db.migrations.exceptions import InvalidMigrationPlan
from nuages.db.migrations.loader import MigrationLoader
from nuages.db.migrations.recorder import MigrationRecorder
from nuages.db.migrations.state import ProjectState

__all__ = ["MigrationExecutor"]


class MigrationExecutor:
    """``migrate``'s engine: loader + recorder + plans."""

    def __init__(self, connection: Any, progress_callback: Any = None) -> None:
        self.connection = connection
        self.loader = MigrationLoader(self.connection)
        self.recorder = MigrationRecorder(self.connection)
        self.progress_callback = progress_callback

    def migration_plan(self, targets: list, clean_start: bool = False) -> list[tuple[Any, bool]]:
        """[(migration, backwards?)] to reach ``targets`` ((app, name) or (app, None) = zero)."""
        plan: list[tuple[Any, bool]] = []
        applied = {} if clean_start else dict(self.loader.applied_migrations)
        graph = self.loader.graph
        for target in targets:
            if target[1] is None:
                for root in graph.root_nodes():
                    if root[0] == target[0]:
                        for migration in graph.backwards_plan(root):
                            if migration in applied:
                                plan.append((graph.nodes[migration], True))
                                applied.pop(migration)
            elif target in applied:
                # Unapply everything after the target in its own app, keeping the target.
                next_in_app = sorted(
                    n for n in graph.node_map[target].children if n[0] == target[0]
                )
                for node in next_in_app:
                    for migration in graph.backwards_plan(node):
                        if migration in applied:
                            plan.append((graph.nodes[migration], True))
                            applied.pop(migration)
            else:
                for migration in graph.forwards_plan(target):
                    if migration not in applied:
                        plan.append((graph.nodes[migration], False))
                        applied[migration] = graph.nodes[migration]
        return plan

    def _create_project_state(self, with_applied_migrations: bool = False) -> ProjectState:
        state = ProjectState(real_apps=self.loader.unmigrated_apps)
        if with_applied_migrations:
            full_plan = self.migration_plan(self.loader.graph.leaf_nodes(), clean_start=True)
            applied = {
                self.loader.graph.nodes[key]
                for key in self.loader.applied_migrations
                if key in self.loader.graph.nodes
            }
            for migration, _ in full_plan:
                if migration in applied:
                    migration.mutate_state(state, preserve=False)
        return state

    def migrate(
        self,
        targets: list,
        plan: list | None = None,
        state: ProjectState | None = None,
        fake: bool = False,
        fake_initial: bool = False,
    ) -> ProjectState:
        """Run the plan (all forwards or all backwards); returns the final state."""
        self.recorder.ensure_schema()
        if plan is None:
            plan = self.migration_plan(targets)
        full_plan = self.migration_plan(self.loader.graph.leaf_nodes(), clean_start=True)
        all_forwards = all(not backwards for _, backwards in plan)
        all_backwards = all(backwards for _, backwards in plan)
        if not plan:
            if state is None:
                state = self._create_project_state(with_applied_migrations=True)
        elif all_forwards == all_backwards:
            raise InvalidMigrationPlan(
                "Migration plans with both forwards and backwards migrations are not supported. "
                "Please split your migration process into separate plans of only forwards OR "
                "backwards migrations.",
                plan,
            )
        elif all_forwards:
            if state is None:
                state = self._create_project_state(with_applied_migrations=True)
            state = self._migrate_all_forwards(state, plan, full_plan, fake, fake_initial)
        else:
            state = self._migrate_all_backwards(plan, full_plan, fake)
        return state

    def _migrate_all_forwards(
        self, state: ProjectState, plan: list, full_plan: list, fake: bool, fake_initial: bool
    ) -> ProjectState:
        migrations_to_run = {m[0] for m in plan}
        for migration, _ in full_plan:
            if not migrations_to_run:
                break
            if migration in migrations_to_run:
                if self.progress_callback:
                    self.progress_callback("render_start")
                    self.progress_callback("render_success")
                state = self.apply_migration(state, migration, fake=fake, fake_initial=fake_initial)
                migrations_to_run.remove(migration)
        return state

    def _migrate_all_backwards(self, plan: list, full_plan: list, fake: bool) -> ProjectState:
        migrations_to_run = {m[0] for m in plan}
        states = {}
        state = self._create_project_state()
        applied = {
            self.loader.graph.nodes[key]
            for key in self.loader.applied_migrations
            if key in self.loader.graph.nodes
        }
        if self.progress_callback:
            self.progress_callback("render_start")
        # Rendered once here; each migration's state below is a clone that re-renders only
        # the models its operations touch.
        state.apps  # noqa: B018
        for migration, _ in full_plan:
            if not migrations_to_run:
                break
            if migration in migrations_to_run:
                states[migration] = state
                state = migration.mutate_state(state, preserve=True)
                migrations_to_run.remove(migration)
            elif migration in applied:
                migration.mutate_state(state, preserve=False)
        if self.progress_callback:
            self.progress_callback("render_success")
        for migration, _ in plan:
            self.unapply_migration(states[migration], migration, fake=fake)
        # The state after the plan: the migrations still applied (not rendered until used).
        state = ProjectState(real_apps=self.loader.unmigrated_apps)
        for migration, _ in full_plan:
            if migration in applied and migration not in states:
                migration.mutate_state(state, preserve=False)
        return state

    def apply_migration(
        self, state: ProjectState, migration: Any, fake: bool = False, fake_initial: bool = False
    ) -> ProjectState:
        """Apply one migration (its operations in one transaction where DDL is transactional)."""
        migration_recorded = False
        if self.progress_callback:
            self.progress_callback("apply_start", migration, fake)
        if not fake:
            if fake_initial:
                applied, state = self.detect_soft_applied(state, migration)
                if applied:
                    fake = True
            if not fake:
                with self.connection.schema_editor(atomic=migration.atomic) as schema_editor:
                    state = migration.apply(state, schema_editor)
                    if not schema_editor.deferred_sql:
                        self.record_migration(migration)
                        migration_recorded = True
        if not migration_recorded:
            self.record_migration(migration)
        if self.progress_callback:
            self.progress_callback("apply_success", migration, fake)
        return state

    def record_migration(self, migration: Any) -> None:
        if migration.replaces:
            for app_label, name in migration.replaces:
                self.recorder.record_applied(app_label, name)
        else:
            self.recorder.record_applied(migration.app_label, migration.name)

    def unapply_migration(
        self, state: ProjectState, migration: Any, fake: bool = False
    ) -> ProjectState:
        """Reverse one migration."""
        if self.progress_callback:
            self.progress_callback("unapply_start", migration, fake)
        if not fake:
            with self.connection.schema_editor(atomic=migration.atomic) as schema_editor:
                state = migration.unapply(state, schema_editor)
        if migration.replaces:
            for app_label, name in migration.replaces:
                self.recorder.record_unapplied(app_label, name)
        self.recorder.record_unapplied(migration.app_label, migration.name)
        if self.progress_callback:
            self.progress_callback("unapply_success", migration, fake)
        return state

    def check_replacements(self) -> None:
        """Record a squashed migration as applied once all it replaces are."""
        applied = self.recorder.applied_migrations()
        for key, migration in self.loader.replacements.items():
            all_applied = all(tuple(m) in applied for m in migration.replaces)
            if all_applied and key not in applied:
                self.recorder.record_applied(*key)

    def detect_soft_applied(
        self, project_state: ProjectState | None, migration: Any
    ) -> tuple[bool, Any]:
        """(True, state) when an initial migration's tables and columns already exist."""

        def should_skip_detecting_model(model: Any) -> bool:
            meta = model._meta
            return (
                meta.proxy
                or not meta.managed
                or not router.allow_migrate(
                    self.connection.alias, migration.app_label, model_name=meta.model_name
                )
            )

        if migration.initial is None:
            if any(app == migration.app_label for app, _ in migration.dependencies):
                return False, project_state
        elif migration.initial is False:
            return False, project_state
        if project_state is None:
            after_state = self.loader.project_state(
                (migration.app_label, migration.name), at_end=True
            )
        else:
            after_state = migration.mutate_state(project_state)
        apps = after_state.apps
        found_create_model = found_add_field = False
        with self.connection.cursor() as cursor:
            existing_tables = set(self.connection.introspection.table_names(cursor))
        fold = self.connection.introspection.identifier_converter
        for operation in migration.operations:
            name = type(operation).__name__
            if name == "CreateModel":
                model = apps.get_model(migration.app_label, operation.name)
                if should_skip_detecting_model(model):
                    continue
                if fold(model._meta.db_table) not in {fold(t) for t in existing_tables}:
                    return False, project_state
                found_create_model = True
            elif name == "AddField":
                model = apps.get_model(migration.app_label, operation.model_name)
                if should_skip_detecting_model(model):
                    continue
                table = model._meta.db_table
                if table not in existing_tables:
                    return False, project_state
                with self.connection.cursor() as cursor:
                    columns = self.connection.introspection.get_table_description(cursor, table)
                field = model._meta.get_field(operation.name)
                if fold(field.column) not in {fold(c.name) for c in columns}:
                    return False, project_state
                found_add_field = True
        return (found_create_model or found_add_field), after_state
