"""Model operations: create, delete, rename, table, options, managers (indexes and constraints
in ``_indexes``, re-exported here as Django has them in this module)."""

from __future__ import annotations

from typing import Any

from nuages.db import models
from nuages.db.migrations.operations import fields as f
from nuages.db.migrations.operations._indexes import (
    AddConstraint,
    AddIndex,
    IndexOperation,
    RemoveConstraint,
    RemoveIndex,
    RenameIndex,
)
from nuages.db.migrations.operations.base import Operation, OperationCategory
from nuages.db.migrations.state import ModelState
from nuages.db.migrations.utils import resolve_relation

__all__ = [
    "AddConstraint",
    "AddIndex",
    "AlterIndexTogether",
    "AlterModelManagers",
    "AlterModelOptions",
    "AlterModelTable",
    "AlterModelTableComment",
    "AlterUniqueTogether",
    "CreateModel",
    "DeleteModel",
    "IndexOperation",
    "ModelOperation",
    "RemoveConstraint",
    "RemoveIndex",
    "RenameIndex",
    "RenameModel",
]


class ModelOperation(Operation):
    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def name_lower(self) -> str:
        return self.name.lower()

    def references_model(self, name: str, app_label: str) -> bool:
        return name.lower() == self.name_lower

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        return super().reduce(operation, app_label) or not operation.references_model(
            self.name, app_label
        )


class CreateModel(ModelOperation):
    """Create a model's table."""

    category = OperationCategory.ADDITION
    serialization_expand_args = ["fields", "options", "managers"]

    def __init__(
        self,
        name: str,
        fields: list,
        options: dict | None = None,
        bases: tuple | None = None,
        managers: list | None = None,
    ) -> None:
        self.fields = list(fields)
        self.options = options or {}
        self.bases = tuple(bases or (models.Model,))
        self.managers = managers or []
        super().__init__(name)
        names = [n for n, _ in self.fields]
        duplicates = {n for n in names if names.count(n) > 1}
        if duplicates:
            raise ValueError(
                f"Found duplicate value {sorted(duplicates)[0]} in CreateModel fields argument."
            )

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs: dict[str, Any] = {"name": self.name, "fields": self.fields}
        if self.options:
            kwargs["options"] = self.options
        if self.bases and self.bases != (models.Model,):
            kwargs["bases"] = self.bases
        if self.managers and self.managers != [("objects", None)]:
            kwargs["managers"] = self.managers
        return self.__class__.__qualname__, (), kwargs

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.add_model(
            ModelState(
                app_label,
                self.name,
                list(self.fields),
                dict(self.options),
                self.bases,
                list(self.managers),
            )
        )

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = to_state.apps.get_model(app_label, self.name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.create_model(model)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = from_state.apps.get_model(app_label, self.name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.delete_model(model)

    def describe(self) -> str:
        proxy = " proxy" if self.options.get("proxy") else ""
        return f"Create{proxy} model {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return self.name_lower

    def references_model(self, name: str, app_label: str) -> bool:
        if name.lower() == self.name_lower:
            return True
        for base in self.bases:
            if (
                isinstance(base, str)
                and "." in base
                and resolve_relation(base, app_label) == (app_label, name.lower())
            ):
                return True
        return False

    def _replace(self, **changes: Any) -> list[CreateModel]:
        """This operation with some of its arguments changed, as a one-item list."""
        kwargs = {
            "name": self.name,
            "fields": self.fields,
            "options": self.options,
            "bases": self.bases,
            "managers": self.managers,
            **changes,
        }
        return [CreateModel(**kwargs)]

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        name = self.name_lower
        if isinstance(operation, DeleteModel) and name == operation.name_lower:
            return [] if not self.options.get("proxy") else super().reduce(operation, app_label)
        if isinstance(operation, RenameModel) and name == operation.old_name_lower:
            return self._replace(name=operation.new_name)
        if isinstance(operation, AlterModelOptions) and name == operation.name_lower:
            options = {**self.options, **operation.options}
            for key in operation.ALTER_OPTION_KEYS:
                if key not in operation.options:
                    options.pop(key, None)
            return self._replace(options=options)
        if isinstance(operation, AlterModelManagers) and name == operation.name_lower:
            return self._replace(managers=operation.managers)
        if isinstance(operation, AlterModelTable) and name == operation.name_lower:
            return self._replace(options={**self.options, "db_table": operation.table})
        if isinstance(operation, AlterTogetherOptionOperation) and name == operation.name_lower:
            option = {operation.option_name: operation.option_value}
            return self._replace(options={**self.options, **option})
        if isinstance(operation, f.FieldOperation) and name == operation.model_name_lower:
            reduced = self._reduce_field_operation(operation)
            if reduced is not None:
                return reduced
        if isinstance(operation, IndexOperation) and name == operation.model_name_lower:
            if isinstance(operation, AddIndex):
                indexes = [*self.options.get("indexes", []), operation.index]
                return self._replace(options={**self.options, "indexes": indexes})
            if isinstance(operation, AddConstraint):
                constraints = [*self.options.get("constraints", []), operation.constraint]
                return self._replace(options={**self.options, "constraints": constraints})
        return super().reduce(operation, app_label)

    def _reduce_field_operation(self, operation: f.FieldOperation) -> list | None:
        """Fold AddField/AlterField/RemoveField/RenameField on this model into it."""
        if isinstance(operation, f.AddField):
            return self._replace(fields=[*self.fields, (operation.name, operation.field)])
        if isinstance(operation, f.AlterField):
            fields = [(n, operation.field if n == operation.name else v) for n, v in self.fields]
            return self._replace(fields=fields)
        if isinstance(operation, f.RemoveField):
            options = dict(self.options)
            if options.get("unique_together"):
                together = {
                    t
                    for t in _as_set(options["unique_together"])
                    if operation.name_lower not in {n.lower() for n in t}
                }
                if together:
                    options["unique_together"] = together
                else:
                    del options["unique_together"]
            fields = [(n, v) for n, v in self.fields if n.lower() != operation.name_lower]
            return self._replace(fields=fields, options=options)
        if isinstance(operation, f.RenameField):
            options = dict(self.options)
            old, new = operation.old_name, operation.new_name
            if options.get("unique_together"):
                options["unique_together"] = {
                    tuple(new if n == old else n for n in t)
                    for t in _as_set(options["unique_together"])
                }
            fields = [(new if n == old else n, v) for n, v in self.fields]
            return self._replace(fields=fields, options=options)
        return None


def _as_set(value: Any) -> set:
    if not value:
        return set()
    if isinstance(value, (list, tuple)) and value and not isinstance(value[0], (list, tuple)):
        value = [value]
    return {tuple(v) for v in value}


class DeleteModel(ModelOperation):
    """Drop a model's table."""

    category = OperationCategory.REMOVAL

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"name": self.name}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.remove_model(app_label, self.name_lower)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = from_state.apps.get_model(app_label, self.name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.delete_model(model)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = to_state.apps.get_model(app_label, self.name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.create_model(model)

    def references_model(self, name: str, app_label: str) -> bool:
        return True  # the model could be referenced by others

    def describe(self) -> str:
        return f"Delete model {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"delete_{self.name_lower}"


class RenameModel(ModelOperation):
    """Rename a model (and its default table)."""

    category = OperationCategory.ALTERATION

    def __init__(self, old_name: str, new_name: str) -> None:
        self.old_name = old_name
        self.new_name = new_name
        super().__init__(old_name)

    @property
    def old_name_lower(self) -> str:
        return self.old_name.lower()

    @property
    def new_name_lower(self) -> str:
        return self.new_name.lower()

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return (
            self.__class__.__qualname__,
            (),
            {"old_name": self.old_name, "new_name": self.new_name},
        )

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.rename_model(app_label, self.old_name, self.new_name)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        new_model = to_state.apps.get_model(app_label, self.new_name)
        if self.allow_migrate_model(schema_editor.connection.alias, new_model):
            old_model = from_state.apps.get_model(app_label, self.old_name)
            schema_editor.alter_db_table(
                new_model, old_model._meta.db_table, new_model._meta.db_table
            )

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        old_model = to_state.apps.get_model(app_label, self.old_name)
        if self.allow_migrate_model(schema_editor.connection.alias, old_model):
            new_model = from_state.apps.get_model(app_label, self.new_name)
            schema_editor.alter_db_table(
                old_model, new_model._meta.db_table, old_model._meta.db_table
            )

    def references_model(self, name: str, app_label: str) -> bool:
        return name.lower() in (self.old_name_lower, self.new_name_lower)

    def describe(self) -> str:
        return f"Rename model {self.old_name} to {self.new_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"rename_{self.old_name_lower}_{self.new_name_lower}"

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if isinstance(operation, RenameModel) and self.new_name_lower == operation.old_name_lower:
            return [RenameModel(self.old_name, operation.new_name)]
        return Operation.reduce(self, operation, app_label) or not operation.references_model(
            self.new_name, app_label
        )


class ModelOptionOperation(ModelOperation):
    category = OperationCategory.ALTERATION

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if (
            isinstance(operation, (self.__class__, DeleteModel))
            and self.name_lower == operation.name_lower
        ):
            return [operation]
        return super().reduce(operation, app_label)

    def _alter_option(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any, option: str
    ) -> None:
        """Apply a change of the Meta option to the database: schema_editor.alter_<option>(model,
        old value, new value), when the router allows the model on this connection."""
        new_model = to_state.apps.get_model(app_label, self.name)
        if self.allow_migrate_model(schema_editor.connection.alias, new_model):
            old_model = from_state.apps.get_model(app_label, self.name)
            alter = getattr(schema_editor, f"alter_{option}")
            alter(
                new_model,
                getattr(old_model._meta, option, ()),
                getattr(new_model._meta, option, ()),
            )


class AlterModelTable(ModelOptionOperation):
    """Rename a model's table (Meta.db_table)."""

    def __init__(self, name: str, table: str | None) -> None:
        self.table = table
        super().__init__(name)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"name": self.name, "table": self.table}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_model_options(
            app_label,
            self.name_lower,
            {"db_table": self.table},
            ["db_table"] if self.table is None else (),
        )
        if self.table is None:
            state.models[(app_label, self.name_lower)].options.pop("db_table", None)
            state.reload_model(app_label, self.name_lower)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self._alter_option(app_label, schema_editor, from_state, to_state, "db_table")

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return f"Rename table for {self.name} to {self.table if self.table is not None else '(default)'}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_table"


class AlterModelTableComment(ModelOptionOperation):
    """Set a model's table comment (Meta.db_table_comment)."""

    def __init__(self, name: str, table_comment: str | None) -> None:
        self.table_comment = table_comment
        super().__init__(name)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return (
            self.__class__.__qualname__,
            (),
            {"name": self.name, "table_comment": self.table_comment},
        )

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_model_options(
            app_label, self.name_lower, {"db_table_comment": self.table_comment}
        )

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self._alter_option(app_label, schema_editor, from_state, to_state, "db_table_comment")

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return f"Alter {self.name} table comment"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_table_comment"


class AlterTogetherOptionOperation(ModelOptionOperation):
    option_name = ""

    def __init__(self, name: str, option_value: Any) -> None:
        self.option_value = _as_set(option_value)
        setattr(self, self.option_name, self.option_value)
        super().__init__(name)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return (
            self.__class__.__qualname__,
            (),
            {"name": self.name, self.option_name: self.option_value},
        )

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_model_options(app_label, self.name_lower, {self.option_name: self.option_value})

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self._alter_option(app_label, schema_editor, from_state, to_state, self.option_name)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def references_field(self, model_name: str, name: str, app_label: str) -> bool:
        return self.references_model(model_name, app_label) and (
            not self.option_value or any(name in together for together in self.option_value)
        )

    def describe(self) -> str:
        return f"Alter {self.option_name} for {self.name} ({len(self.option_value or '')} constraint(s))"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_{self.option_name}"


class AlterUniqueTogether(AlterTogetherOptionOperation):
    """Change Meta.unique_together."""

    option_name = "unique_together"

    def __init__(self, name: str, unique_together: Any) -> None:
        super().__init__(name, unique_together)


class AlterIndexTogether(AlterTogetherOptionOperation):
    """Change the removed Meta.index_together (still found in old migration files)."""

    option_name = "index_together"

    def __init__(self, name: str, index_together: Any) -> None:
        super().__init__(name, index_together)


class AlterModelOptions(ModelOptionOperation):
    """Change options with no database effect (ordering, verbose_name, permissions...)."""

    ALTER_OPTION_KEYS = [
        "base_manager_name",
        "default_manager_name",
        "default_related_name",
        "get_latest_by",
        "managed",
        "ordering",
        "permissions",
        "default_permissions",
        "select_on_save",
        "verbose_name",
        "verbose_name_plural",
    ]

    def __init__(self, name: str, options: dict) -> None:
        self.options = options
        super().__init__(name)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (), {"name": self.name, "options": self.options}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_model_options(app_label, self.name_lower, self.options, self.ALTER_OPTION_KEYS)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        pass

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        pass

    def describe(self) -> str:
        return f"Change Meta options on {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_options"


class AlterModelManagers(ModelOptionOperation):
    """Change the managers available to RunPython's historical models."""

    serialization_expand_args = ["managers"]

    def __init__(self, name: str, managers: list) -> None:
        self.managers = managers
        super().__init__(name)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        return self.__class__.__qualname__, (self.name, self.managers), {}

    def state_forwards(self, app_label: str, state: Any) -> None:
        state.alter_model_managers(app_label, self.name_lower, self.managers)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        pass

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        pass

    def describe(self) -> str:
        return f"Change managers on {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_managers"
