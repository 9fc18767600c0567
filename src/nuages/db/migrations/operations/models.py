"""Model operations: create, delete, rename, table, options, managers, indexes, constraints."""

from __future__ import annotations

import copy
from typing import Any

from nuages.db import models
from nuages.db.migrations.operations import fields as f
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

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        if (
            isinstance(operation, DeleteModel)
            and self.name_lower == operation.name_lower
            and not self.options.get("proxy")
        ):
            return []
        if isinstance(operation, RenameModel) and self.name_lower == operation.old_name_lower:
            return [
                CreateModel(
                    operation.new_name, self.fields, self.options, self.bases, self.managers
                )
            ]
        if isinstance(operation, AlterModelOptions) and self.name_lower == operation.name_lower:
            options = {**self.options, **operation.options}
            for key in operation.ALTER_OPTION_KEYS:
                if key not in operation.options:
                    options.pop(key, None)
            return [CreateModel(self.name, self.fields, options, self.bases, self.managers)]
        if isinstance(operation, AlterModelManagers) and self.name_lower == operation.name_lower:
            return [
                CreateModel(self.name, self.fields, self.options, self.bases, operation.managers)
            ]
        if isinstance(operation, AlterModelTable) and self.name_lower == operation.name_lower:
            return [
                CreateModel(
                    self.name,
                    self.fields,
                    {**self.options, "db_table": operation.table},
                    self.bases,
                    self.managers,
                )
            ]
        if (
            isinstance(operation, AlterTogetherOptionOperation)
            and self.name_lower == operation.name_lower
        ):
            return [
                CreateModel(
                    self.name,
                    self.fields,
                    {**self.options, operation.option_name: operation.option_value},
                    self.bases,
                    self.managers,
                )
            ]
        if (
            isinstance(operation, f.FieldOperation)
            and self.name_lower == operation.model_name_lower
        ):
            if isinstance(operation, f.AddField):
                return [
                    CreateModel(
                        self.name,
                        [*self.fields, (operation.name, operation.field)],
                        self.options,
                        self.bases,
                        self.managers,
                    )
                ]
            if isinstance(operation, f.AlterField):
                return [
                    CreateModel(
                        self.name,
                        [
                            (n, operation.field if n == operation.name else v)
                            for n, v in self.fields
                        ],
                        self.options,
                        self.bases,
                        self.managers,
                    )
                ]
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
                return [
                    CreateModel(
                        self.name,
                        [(n, v) for n, v in self.fields if n.lower() != operation.name_lower],
                        options,
                        self.bases,
                        self.managers,
                    )
                ]
            if isinstance(operation, f.RenameField):
                options = dict(self.options)
                if options.get("unique_together"):
                    options["unique_together"] = {
                        tuple(operation.new_name if n == operation.old_name else n for n in t)
                        for t in _as_set(options["unique_together"])
                    }
                return [
                    CreateModel(
                        self.name,
                        [
                            (operation.new_name if n == operation.old_name else n, v)
                            for n, v in self.fields
                        ],
                        options,
                        self.bases,
                        self.managers,
                    )
                ]
        if isinstance(operation, AddIndex) and self.name_lower == operation.model_name_lower:
            return [
                CreateModel(
                    self.name,
                    self.fields,
                    {
                        **self.options,
                        "indexes": [*self.options.get("indexes", []), operation.index],
                    },
                    self.bases,
                    self.managers,
                )
            ]
        if isinstance(operation, AddConstraint) and self.name_lower == operation.model_name_lower:
            return [
                CreateModel(
                    self.name,
                    self.fields,
                    {
                        **self.options,
                        "constraints": [*self.options.get("constraints", []), operation.constraint],
                    },
                    self.bases,
                    self.managers,
                )
            ]
        return super().reduce(operation, app_label)


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
        new_model = to_state.apps.get_model(app_label, self.name)
        if self.allow_migrate_model(schema_editor.connection.alias, new_model):
            old_model = from_state.apps.get_model(app_label, self.name)
            schema_editor.alter_db_table(
                new_model, old_model._meta.db_table, new_model._meta.db_table
            )

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
        new_model = to_state.apps.get_model(app_label, self.name)
        if self.allow_migrate_model(schema_editor.connection.alias, new_model):
            old_model = from_state.apps.get_model(app_label, self.name)
            schema_editor.alter_db_table_comment(
                new_model, old_model._meta.db_table_comment, new_model._meta.db_table_comment
            )

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
        new_model = to_state.apps.get_model(app_label, self.name)
        if self.allow_migrate_model(schema_editor.connection.alias, new_model):
            old_model = from_state.apps.get_model(app_label, self.name)
            alter = getattr(schema_editor, f"alter_{self.option_name}")
            alter(
                new_model,
                getattr(old_model._meta, self.option_name, ()),
                getattr(new_model._meta, self.option_name, ()),
            )

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
