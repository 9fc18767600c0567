"""Field operations: AddField, RemoveField, AlterField, RenameField."""

from __future__ import annotations

from typing import Any

from nuages.db.migrations.operations.base import Operation, OperationCategory
from nuages.db.models import NOT_PROVIDED

__all__ = ["AddField", "AlterField", "FieldOperation", "RemoveField", "RenameField"]


class FieldOperation(Operation):
    def __init__(self, model_name: str, name: str, field: Any = None) -> None:
        self.model_name = model_name
        self.name = name
        self.field = field

    @property
    def model_name_lower(self) -> str:
        return self.model_name.lower()

    @property
    def name_lower(self) -> str:
        return self.name.lower()

    def is_same_model_operation(self, operation: Any) -> bool:
        return self.model_name_lower == getattr(operation, "model_name_lower", None)

    def is_same_field_operation(self, operation: Any) -> bool:
        return self.is_same_model_operation(operation) and self.name_lower == getattr(
            operation, "name_lower", None
        )

    def references_model(self, name: str, app_label: str) -> bool:
        return name.lower() == self.model_name_lower

    def references_field(self, model_name: str, name: str, app_label: str) -> bool:
        return model_name.lower() == self.model_name_lower and name.lower() == self.name_lower

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        return super().reduce(operation, app_label) or not operation.references_field(
            self.model_name, self.name, app_label
        )


class _PreserveDefaultFieldOperation(FieldOperation):
    """AddField and AlterField: a field plus ``preserve_default`` (False for a one-off default)."""

    def __init__(
        self, model_name: str, name: str, field: Any, preserve_default: bool = True
    ) -> None:
        self.preserve_default = preserve_default
        super().__init__(model_name, name, field)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs = {"model_name": self.model_name, "name": self.name, "field": self.field}
        if self.preserve_default is not True:
            kwargs["preserve_default"] = self.preserve_default
        return self.__class__.__name__, (), kwargs


class AddField(_PreserveDefaultFieldOperation):
    """Add a column; ``preserve_default=False`` for a one-off default."""

    category = OperationCategory.ADDITION

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.add_field(
            app_label, self.model_name_lower, self.name, self.field, self.preserve_default
        )

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, to_model):
            from_model = from_state.apps.get_model(app_label, self.model_name)
            field = to_model._meta.get_field(self.name)
            if not self.preserve_default:
                field.default = self.field.default
            try:
                schema_editor.add_field(from_model, field)
            finally:
                if not self.preserve_default:
                    field.default = NOT_PROVIDED

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        from_model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, from_model):
            schema_editor.remove_field(from_model, from_model._meta.get_field(self.name))

    def describe(self) -> str:
        return f"Add field {self.name} to {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name_lower}_{self.name_lower}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if isinstance(operation, FieldOperation) and self.is_same_field_operation(operation):
            if isinstance(operation, AlterField):
                return [AddField(self.model_name, operation.name, operation.field)]
            if isinstance(operation, RemoveField):
                return []
            if isinstance(operation, RenameField):
                return [AddField(self.model_name, operation.new_name, self.field)]
        return super().reduce(operation, app_label)


class RemoveField(FieldOperation):
    """Drop a column."""

    category = OperationCategory.REMOVAL

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__name__, (), {"model_name": self.model_name, "name": self.name}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.remove_field(app_label, self.model_name_lower, self.name)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        from_model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, from_model):
            to_model = to_state.apps.get_model(app_label, self.model_name)
            schema_editor.remove_field(to_model, from_model._meta.get_field(self.name))

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, to_model):
            from_model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.add_field(from_model, to_model._meta.get_field(self.name))

    def describe(self) -> str:
        return f"Remove field {self.name} from {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"remove_{self.model_name_lower}_{self.name_lower}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if (
            type(operation).__name__ == "DeleteModel"
            and operation.name_lower == self.model_name_lower
        ):
            return [operation]
        return super().reduce(operation, app_label)


class AlterField(_PreserveDefaultFieldOperation):
    """Change a column (type, null, default, unique, index, comment...)."""

    category = OperationCategory.ALTERATION

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_field(
            app_label, self.model_name_lower, self.name, self.field, self.preserve_default
        )

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, to_model):
            from_model = from_state.apps.get_model(app_label, self.model_name)
            from_field = from_model._meta.get_field(self.name)
            to_field = to_model._meta.get_field(self.name)
            if not self.preserve_default:
                to_field.default = self.field.default
            schema_editor.alter_field(from_model, from_field, to_field)
            if not self.preserve_default:
                to_field.default = NOT_PROVIDED

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return f"Alter field {self.name} on {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.model_name_lower}_{self.name_lower}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if isinstance(operation, (AlterField, RemoveField)) and self.is_same_field_operation(
            operation
        ):
            return [operation]
        if (
            isinstance(operation, RenameField)
            and self.is_same_field_operation(operation)
            and self.field.db_column is None
        ):
            return [operation, AlterField(self.model_name, operation.new_name, self.field)]
        return super().reduce(operation, app_label)


class RenameField(FieldOperation):
    """Rename a field (and its column unless db_column is set)."""

    category = OperationCategory.ALTERATION

    def __init__(self, model_name: str, old_name: str, new_name: str) -> None:
        self.old_name = old_name
        self.new_name = new_name
        super().__init__(model_name, old_name)

    @property
    def old_name_lower(self) -> str:
        return self.old_name.lower()

    @property
    def new_name_lower(self) -> str:
        return self.new_name.lower()

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return (
            self.__class__.__name__,
            (),
            {
                "model_name": self.model_name,
                "old_name": self.old_name,
                "new_name": self.new_name,
            },
        )

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.rename_field(app_label, self.model_name_lower, self.old_name, self.new_name)

    def _rename(
        self,
        app_label: str,
        schema_editor: Any,
        from_state: Any,
        to_state: Any,
        from_name: str,
        to_name: str,
    ) -> None:
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, to_model):
            from_model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.alter_field(
                from_model,
                from_model._meta.get_field(from_name),
                to_model._meta.get_field(to_name),
            )

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self._rename(app_label, schema_editor, from_state, to_state, self.old_name, self.new_name)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self._rename(app_label, schema_editor, from_state, to_state, self.new_name, self.old_name)

    def describe(self) -> str:
        return f"Rename field {self.old_name} on {self.model_name} to {self.new_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"rename_{self.old_name_lower}_{self.model_name_lower}_{self.new_name_lower}"

    def references_field(self, model_name: str, name: str, app_label: str) -> bool:
        return self.references_model(model_name, app_label) and name.lower() in (
            self.old_name_lower,
            self.new_name_lower,
        )

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if (
            isinstance(operation, RenameField)
            and self.is_same_model_operation(operation)
            and self.new_name_lower == operation.old_name_lower
        ):
            return [RenameField(self.model_name, self.old_name, operation.new_name)]
        # Skip FieldOperation.reduce: a rename may be crossed by operations on either name.
        return Operation.reduce(self, operation, app_label) or not (
            operation.references_field(self.model_name, self.old_name, app_label)
            or operation.references_field(self.model_name, self.new_name, app_label)
        )
