"""Index and constraint operations (``AddIndex`` ... ``RemoveConstraint``), as Django's.

Re-exported by ``nuages.db.migrations.operations.models`` where Django defines them.
"""

from __future__ import annotations

import copy
from typing import Any

from nuages.db import models
from nuages.db.migrations.operations.base import Operation, OperationCategory

__all__ = [
    "AddConstraint",
    "AddIndex",
    "IndexOperation",
    "RemoveConstraint",
    "RemoveIndex",
    "RenameIndex",
]


class IndexOperation(Operation):
    option_name = "indexes"

    @property
    def model_name_lower(self) -> str:
        return self.model_name.lower()

    def references_model(self, name: str, app_label: str) -> bool:
        return name.lower() == self.model_name_lower


class AddIndex(IndexOperation):
    """Add an index (Meta.indexes)."""

    category = OperationCategory.ADDITION

    def __init__(self, model_name: str, index: Any) -> None:
        self.model_name = model_name
        if not getattr(index, "name", None):
            raise ValueError(
                "Indexes passed to AddIndex operations require a name argument. "
                f"{index!r} doesn't have one."
            )
        self.index = index

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"model_name": self.model_name, "index": self.index}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.add_index(app_label, self.model_name_lower, self.index)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_index(model, self.index)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_index(model, self.index)

    def describe(self) -> str:
        fields = getattr(self.index, "fields", None)
        if fields:
            return f"Create index {self.index.name} on field(s) {', '.join(fields)} of model {self.model_name}"
        return f"Create index {self.index.name} on model {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name_lower}_{self.index.name.lower()}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if isinstance(operation, RemoveIndex) and self.index.name == operation.name:
            return []
        if isinstance(operation, RenameIndex) and self.index.name == operation.old_name:
            index = _copy_named(self.index, operation.new_name)
            return [AddIndex(self.model_name, index)]
        return super().reduce(operation, app_label)


def _copy_named(obj: Any, name: str) -> Any:
    new = copy.deepcopy(obj)
    new.name = name
    return new


class RemoveIndex(IndexOperation):
    """Remove an index by name."""

    category = OperationCategory.REMOVAL

    def __init__(self, model_name: str, name: str) -> None:
        self.model_name = model_name
        self.name = name

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"model_name": self.model_name, "name": self.name}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.remove_index(app_label, self.model_name_lower, self.name)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            index = from_state.models[(app_label, self.model_name_lower)].get_index_by_name(
                self.name
            )
            schema_editor.remove_index(model, index)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            index = to_state.models[(app_label, self.model_name_lower)].get_index_by_name(self.name)
            schema_editor.add_index(model, index)

    def describe(self) -> str:
        return f"Remove index {self.name} from {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"remove_{self.model_name_lower}_{self.name.lower()}"


class RenameIndex(IndexOperation):
    """Rename an index (``old_name``; ``old_fields`` for unnamed legacy indexes)."""

    category = OperationCategory.ALTERATION

    def __init__(
        self, model_name: str, new_name: str, old_name: str | None = None, old_fields: Any = None
    ) -> None:
        if not old_name and not old_fields:
            raise ValueError(
                "RenameIndex requires one of old_name and old_fields arguments to be set."
            )
        if old_name and old_fields:
            raise ValueError("RenameIndex.old_name and old_fields are mutually exclusive.")
        self.model_name = model_name
        self.new_name = new_name
        self.old_name = old_name
        self.old_fields = old_fields

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs = {"model_name": self.model_name, "new_name": self.new_name}
        if self.old_name:
            kwargs["old_name"] = self.old_name
        if self.old_fields:
            kwargs["old_fields"] = self.old_fields
        return self.__class__.__qualname__, (), kwargs

    def state_forwards(self, app_label: str, state: Any) -> None:
        if self.old_fields:
            index = models.Index(fields=self.old_fields, name=self.new_name)
            state.add_index(app_label, self.model_name_lower, index)
        else:
            state.rename_index(app_label, self.model_name_lower, self.old_name, self.new_name)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        if self.old_fields:
            columns = [model._meta.get_field(f).column for f in self.old_fields]
            names = schema_editor._constraint_names(model, columns, index=True, unique=False)
            if len(names) != 1:
                raise ValueError(
                    f"Found wrong number ({len(names)}) of indexes for {model._meta.db_table}({', '.join(columns)})."
                )
            old_index = _NamedIndex(names[0])
        else:
            old_index = from_state.models[(app_label, self.model_name_lower)].get_index_by_name(
                self.old_name
            )
        new_index = to_state.models[(app_label, self.model_name_lower)].get_index_by_name(
            self.new_name
        )
        schema_editor.rename_index(model, old_index, new_index)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if self.old_fields:
            return
        self.new_name, self.old_name = self.old_name, self.new_name
        try:
            self.database_forwards(app_label, schema_editor, from_state, to_state)
        finally:
            self.new_name, self.old_name = self.old_name, self.new_name

    def describe(self) -> str:
        if self.old_name:
            return f"Rename index {self.old_name} on {self.model_name} to {self.new_name}"
        return f"Rename unnamed index for {self.old_fields} on {self.model_name} to {self.new_name}"

    @property
    def migration_name_fragment(self) -> str:
        if self.old_name:
            return f"rename_{self.old_name.lower()}_{self.new_name.lower()}"
        return f"rename_{self.model_name_lower}_{'_'.join(self.old_fields)}_{self.new_name.lower()}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if (
            isinstance(operation, RenameIndex)
            and self.model_name_lower == operation.model_name_lower
            and operation.old_name
            and self.new_name.lower() == operation.old_name.lower()
        ):
            return [
                RenameIndex(
                    self.model_name,
                    new_name=operation.new_name,
                    old_name=self.old_name,
                    old_fields=self.old_fields,
                )
            ]
        return super().reduce(operation, app_label)


class _NamedIndex:
    def __init__(self, name: str) -> None:
        self.name = name


class AddConstraint(IndexOperation):
    """Add a constraint (Meta.constraints)."""

    category = OperationCategory.ADDITION
    option_name = "constraints"

    def __init__(self, model_name: str, constraint: Any) -> None:
        if not getattr(constraint, "name", None):
            raise ValueError(
                "Constraints passed to AddConstraint operations require a name argument."
            )
        self.model_name = model_name
        self.constraint = constraint

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return (
            self.__class__.__name__,
            (),
            {"model_name": self.model_name, "constraint": self.constraint},
        )

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.add_constraint(app_label, self.model_name_lower, self.constraint)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_constraint(model, self.constraint)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_constraint(model, self.constraint)

    def describe(self) -> str:
        return f"Create constraint {self.constraint.name} on model {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name_lower}_{self.constraint.name.lower()}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if (
            isinstance(operation, RemoveConstraint)
            and self.model_name_lower == operation.model_name_lower
            and self.constraint.name == operation.name
        ):
            return []
        return super().reduce(operation, app_label)


class RemoveConstraint(IndexOperation):
    """Remove a constraint by name."""

    category = OperationCategory.REMOVAL
    option_name = "constraints"

    def __init__(self, model_name: str, name: str) -> None:
        self.model_name = model_name
        self.name = name

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__name__, (), {"model_name": self.model_name, "name": self.name}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.remove_constraint(app_label, self.model_name_lower, self.name)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            constraint = from_state.models[
                (app_label, self.model_name_lower)
            ].get_constraint_by_name(self.name)
            schema_editor.remove_constraint(model, constraint)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            constraint = to_state.models[(app_label, self.model_name_lower)].get_constraint_by_name(
                self.name
            )
            schema_editor.add_constraint(model, constraint)

    def describe(self) -> str:
        return f"Remove constraint {self.name} from model {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"remove_{self.model_name_lower}_{self.name.lower()}"
