"""Migration: the base class of every migration file's ``Migration``."""

from __future__ import annotations

import re
from typing import Any

from nuages.db.migrations.exceptions import IrreversibleError
from nuages.db.migrations.utils import get_migration_name_timestamp
from nuages.db.transaction import atomic

__all__ = ["Migration", "SwappableTuple", "swappable_dependency"]


class Migration:
    """A set of operations with dependencies; subclassed in each migration file."""

    operations: list = []
    dependencies: list = []
    run_before: list = []
    replaces: list = []
    initial: bool | None = None
    atomic = True

    def __init__(self, name: str, app_label: str) -> None:
        self.name = name
        self.app_label = app_label
        # Copies so that instances never mutate the class lists.
        self.operations = list(self.__class__.operations)
        self.dependencies = list(self.__class__.dependencies)
        self.run_before = list(self.__class__.run_before)
        self.replaces = list(self.__class__.replaces)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Migration)
            and self.name == other.name
            and self.app_label == other.app_label
        )

    def __repr__(self) -> str:
        return f"<Migration {self.app_label}.{self.name}>"

    def __str__(self) -> str:
        return f"{self.app_label}.{self.name}"

    def __hash__(self) -> int:
        return hash(f"{self.app_label}.{self.name}")

    def mutate_state(self, project_state: Any, preserve: bool = True) -> Any:
        """The state after this migration's operations (on a copy unless preserve=False)."""
        new_state = project_state.clone() if preserve else project_state
        for operation in self.operations:
            operation.state_forwards(self.app_label, new_state)
        return new_state

    def _run(self, operation: Any, method: str, *args: Any) -> None:
        try:
            getattr(operation, method)(self.app_label, *args)
        except Exception as e:
            e.add_note(f"While applying {self.app_label}.{self.name}: {operation.describe()}")
            raise

    def apply(self, project_state: Any, schema_editor: Any, collect_sql: bool = False) -> Any:
        """Run the operations forwards against the database; return the new state."""
        for operation in self.operations:
            if collect_sql:
                schema_editor.collected_sql.append("--")
                schema_editor.collected_sql.append(f"-- {operation.formatted_description()}")
                schema_editor.collected_sql.append("--")
                if not operation.reduces_to_sql:
                    schema_editor.collected_sql.append("-- THIS OPERATION CANNOT BE WRITTEN AS SQL")
                    continue
                collected_before = len(schema_editor.collected_sql)
            old_state = project_state.clone()
            operation.state_forwards(self.app_label, project_state)
            if not schema_editor.atomic_migration and operation.atomic:
                with atomic(schema_editor.connection.alias):
                    self._run(
                        operation, "database_forwards", schema_editor, old_state, project_state
                    )
            else:
                self._run(operation, "database_forwards", schema_editor, old_state, project_state)
            if collect_sql and collected_before == len(schema_editor.collected_sql):
                schema_editor.collected_sql.append("-- (no-op)")
        return project_state

    def unapply(self, project_state: Any, schema_editor: Any, collect_sql: bool = False) -> Any:
        """Run the operations backwards; return the state before this migration."""
        to_run = []
        # Render once: the clones below copy the registry and re-render only what each
        # operation touches (rendering every state from scratch would be quadratic).
        project_state.apps  # noqa: B018
        new_state = project_state
        for operation in self.operations:
            if not operation.reversible:
                raise IrreversibleError(f"Operation {operation} in {self} is not reversible")
            new_state = new_state.clone()
            old_state = new_state.clone()
            operation.state_forwards(self.app_label, new_state)
            to_run.insert(0, (operation, old_state, new_state))
        for operation, to_state, from_state in to_run:
            if collect_sql:
                schema_editor.collected_sql.append("--")
                schema_editor.collected_sql.append(f"-- {operation.formatted_description()}")
                schema_editor.collected_sql.append("--")
                if not operation.reduces_to_sql:
                    schema_editor.collected_sql.append("-- THIS OPERATION CANNOT BE WRITTEN AS SQL")
                    continue
            if not schema_editor.atomic_migration and operation.atomic:
                with atomic(schema_editor.connection.alias):
                    self._run(operation, "database_backwards", schema_editor, from_state, to_state)
            else:
                self._run(operation, "database_backwards", schema_editor, from_state, to_state)
        return project_state

    def suggest_name(self) -> str:
        """A name from the operations (``initial``, ``author_age``...), as Django's."""
        if self.initial:
            return "initial"
        raw = [op.migration_name_fragment for op in self.operations]
        fragments = [name for name in raw if name]
        if not fragments or len(fragments) != len(self.operations):
            return f"auto_{get_migration_name_timestamp()}"
        name = fragments[0]
        for fragment in fragments[1:]:
            new_name = f"{name}_{fragment}"
            if len(new_name) > 52:
                name = f"{name}_and_more"
                break
            name = new_name
        return re.sub(r"\W+", "_", name)


class SwappableTuple(tuple):
    """A (app_label, name) dependency that remembers the setting it came from."""

    def __new__(cls, value: tuple, setting: str) -> SwappableTuple:
        self = tuple.__new__(cls, value)
        self.setting = setting
        return self


def swappable_dependency(value: str) -> SwappableTuple:
    """A dependency on the app of a swappable model setting's value ("auth.User")."""
    return SwappableTuple((value.split(".", 1)[0], "__first__"), value)
