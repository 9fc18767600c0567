"""MigrationAutodetector: compare two ProjectStates and produce the operations between them.

Relations are not handled yet (no ForeignKey/ManyToMany in the ORM): when they arrive, created
models need dependency ordering across apps and fields split out of CreateModel, as Django's.
"""

from __future__ import annotations

import re
from typing import Any

from nuages.db import models
from nuages.db.migrations import operations
from nuages.db.migrations.migration import Migration
from nuages.db.migrations.optimizer import MigrationOptimizer
from nuages.db.migrations.questioner import MigrationQuestioner

__all__ = ["MigrationAutodetector"]

_OPTION_KEYS = operations.AlterModelOptions.ALTER_OPTION_KEYS


def _may_be_renamed(old_field: Any, field: Any) -> bool:
    """Whether a removed field and an added one look like one field renamed (Django asks)."""
    same_columns = (
        old_field.db_column == field.db_column
        or field.db_column is None
        or old_field.db_column is None
    )
    return same_columns and _field_signature(old_field)[:3] == _field_signature(field)[:3]


def _field_signature(field: Any) -> tuple:
    _name, path, args, kwargs = field.deconstruct()
    kwargs = {k: v for k, v in kwargs.items() if k not in ("db_column",)}
    return path, tuple(args), sorted(kwargs.items(), key=lambda kv: kv[0]), field.db_column


def _deconstruct(field: Any) -> tuple:
    _name, path, args, kwargs = field.deconstruct()
    return path, list(args), kwargs


def _model_signature(state: Any) -> list:
    return sorted((_deconstruct(f)[0], repr(_deconstruct(f)[1:])) for f in state.fields.values())


class MigrationAutodetector:
    """``changes(graph)`` -> {app_label: [Migration, ...]}."""

    def __init__(self, from_state: Any, to_state: Any, questioner: Any = None) -> None:
        self.from_state = from_state
        self.to_state = to_state
        self.questioner = questioner or MigrationQuestioner()

    def changes(
        self,
        graph: Any,
        trim_to_apps: Any = None,
        convert_apps: Any = None,
        migration_name: str | None = None,
    ) -> dict:
        changes = self._detect_changes(convert_apps, graph)
        changes = self.arrange_for_graph(changes, graph, migration_name)
        if trim_to_apps:
            changes = {app: m for app, m in changes.items() if app in trim_to_apps}
        return changes

    def _detect_changes(self, convert_apps: Any = None, graph: Any = None) -> dict:
        self.generated: dict[str, list] = {}
        old_keys = {k for k, s in self.from_state.models.items() if self._tracked(s)}
        new_keys = {k for k, s in self.to_state.models.items() if self._tracked(s)}
        real_apps = getattr(self.from_state, "real_apps", set())
        new_keys = {
            k for k in new_keys if k[0] not in real_apps or (convert_apps and k[0] in convert_apps)
        }
        self.renamed_models: dict[tuple, str] = {}
        added = sorted(new_keys - old_keys)
        removed = sorted(old_keys - new_keys)
        for key in list(added):
            new_state = self.to_state.models[key]
            for old_key in list(removed):
                old_state = self.from_state.models[old_key]
                same_shape = _model_signature(old_state) == _model_signature(new_state)
                if (
                    old_key[0] == key[0]
                    and same_shape
                    and self.questioner.ask_rename_model(old_state, new_state)
                ):
                    self._add(key[0], operations.RenameModel(old_state.name, new_state.name))
                    self.renamed_models[key] = old_key[1]
                    added.remove(key)
                    removed.remove(old_key)
                    break
        for key in added:
            state = self.to_state.models[key]
            options = {k: v for k, v in state.options.items() if v not in ([], (), set(), None)}
            self._add(
                key[0],
                operations.CreateModel(
                    state.name,
                    list(_clone_fields(state).items()),
                    options,
                    state.bases if state.bases != (models.Model,) else None,
                    state.managers,
                ),
            )
        for key in sorted(old_keys & new_keys) + sorted(self.renamed_models):
            old_name = self.renamed_models.get(key, key[1])
            self._compare_model(
                key[0], self.from_state.models[key[0], old_name], self.to_state.models[key]
            )
        for key in removed:
            self._add(key[0], operations.DeleteModel(self.from_state.models[key].name))
        for app_label in list(self.generated):
            self.generated[app_label] = MigrationOptimizer().optimize(
                self.generated[app_label], app_label
            )
        result: dict[str, list] = {}
        for app_label, ops in self.generated.items():
            if not ops:
                continue
            migration = type("Migration", (Migration,), {"operations": ops, "dependencies": []})(
                "auto_1", app_label
            )
            migration.initial = app_label not in {k[0] for k in self.from_state.models}
            result[app_label] = [migration]
        return result

    @staticmethod
    def _tracked(state: Any) -> bool:
        return True

    def _add(self, app_label: str, operation: Any) -> None:
        self.generated.setdefault(app_label, []).append(operation)

    # --- one model ------------------------------------------------------------------------

    def _compare_model(self, app_label: str, old: Any, new: Any) -> None:
        name = new.name_lower
        # Removed indexes/constraints and shrinking unique_together go before field changes.
        old_indexes = {i.name: i for i in old.options.get("indexes", [])}
        new_indexes = {i.name: i for i in new.options.get("indexes", [])}
        renamed_indexes = []
        for iname in sorted(set(old_indexes) - set(new_indexes)):
            for nname in sorted(set(new_indexes) - set(old_indexes)):
                if _same_but_name(old_indexes[iname], new_indexes[nname]) and nname not in {
                    r[1] for r in renamed_indexes
                }:
                    renamed_indexes.append((iname, nname))
                    break
        for iname in sorted(set(old_indexes) - set(new_indexes) - {r[0] for r in renamed_indexes}):
            self._add(app_label, operations.RemoveIndex(name, iname))
        old_constraints = {c.name: c for c in old.options.get("constraints", [])}
        new_constraints = {c.name: c for c in new.options.get("constraints", [])}
        for cname in sorted(set(old_constraints) - set(new_constraints)):
            self._add(app_label, operations.RemoveConstraint(name, cname))
        for cname in sorted(set(old_constraints) & set(new_constraints)):
            if _deconstructed(old_constraints[cname]) != _deconstructed(new_constraints[cname]):
                self._add(app_label, operations.RemoveConstraint(name, cname))
        old_ut = _together(old.options.get("unique_together"))
        new_ut = _together(new.options.get("unique_together"))
        old_fields = dict(old.fields)
        new_fields = dict(new.fields)
        # Field renames (asked), additions, removals, alterations.
        added = [f for f in new_fields if f not in old_fields]
        removed = [f for f in old_fields if f not in new_fields]
        renames: dict[str, str] = {}
        for new_name in list(added):
            field = new_fields[new_name]
            for old_name in list(removed):
                old_field = old_fields[old_name]
                if _may_be_renamed(old_field, field) and self.questioner.ask_rename(
                    name, old_name, new_name, field
                ):
                    renames[old_name] = new_name
                    added.remove(new_name)
                    removed.remove(old_name)
                    break
        renamed_ut = {tuple(renames.get(f, f) for f in t) for t in old_ut}
        if renamed_ut - new_ut:
            kept = {t for t in old_ut if tuple(renames.get(f, f) for f in t) in new_ut}
            self._add(app_label, operations.AlterUniqueTogether(name, kept))
            old_ut = kept
        for old_name, new_name in renames.items():
            self._add(app_label, operations.RenameField(name, old_name, new_name))
            if _deconstruct(old_fields[old_name]) != _deconstruct(new_fields[new_name]):
                self._add(
                    app_label, operations.AlterField(name, new_name, _clone(new_fields[new_name]))
                )
        for field_name in removed:
            self._add(app_label, operations.RemoveField(name, field_name))
        for field_name in added:
            self._add_field(app_label, name, field_name, new_fields[field_name])
        for field_name in new_fields:
            if field_name in old_fields and field_name not in renames.values():
                self._alter_field(
                    app_label, name, field_name, old_fields[field_name], new_fields[field_name]
                )
        # Options.
        if old.options.get("db_table") != new.options.get("db_table"):
            self._add(app_label, operations.AlterModelTable(name, new.options.get("db_table")))
        if old.options.get("db_table_comment") != new.options.get("db_table_comment"):
            self._add(
                app_label,
                operations.AlterModelTableComment(name, new.options.get("db_table_comment")),
            )
        old_opts = {k: v for k, v in old.options.items() if k in _OPTION_KEYS}
        new_opts = {k: v for k, v in new.options.items() if k in _OPTION_KEYS}
        if old_opts != new_opts:
            self._add(app_label, operations.AlterModelOptions(name, new_opts))
        if old.managers != new.managers and _managers(old) != _managers(new):
            self._add(app_label, operations.AlterModelManagers(name, new.managers))
        renamed_old_ut = {tuple(renames.get(f, f) for f in t) for t in old_ut}
        if renamed_old_ut != new_ut:
            self._add(app_label, operations.AlterUniqueTogether(name, new_ut))
        for iname, nname in renamed_indexes:
            self._add(app_label, operations.RenameIndex(name, new_name=nname, old_name=iname))
        for iname in sorted(set(new_indexes) - set(old_indexes) - {r[1] for r in renamed_indexes}):
            self._add(app_label, operations.AddIndex(name, new_indexes[iname]))
        for cname in sorted(new_constraints):
            if cname not in old_constraints or _deconstructed(
                old_constraints[cname]
            ) != _deconstructed(new_constraints[cname]):
                self._add(app_label, operations.AddConstraint(name, new_constraints[cname]))

    def _add_field(self, app_label: str, model_name: str, field_name: str, field: Any) -> None:
        field = _clone(field)
        preserve_default = True
        needs_default = (
            not field.null
            and not field.has_default()
            and not field.has_db_default()
            and not field.many_to_many
            and not (field.blank and field.empty_strings_allowed)
            and not getattr(field, "auto_now", False)
            and not getattr(field, "auto_now_add", False)
        )
        if needs_default:
            default = self.questioner.ask_not_null_addition(field_name, model_name)
            if default is not models.NOT_PROVIDED and default is not None:
                field.default = default
                preserve_default = False
        elif getattr(field, "auto_now_add", False) and not field.null:
            pass
        self._add(app_label, operations.AddField(model_name, field_name, field, preserve_default))

    def _alter_field(
        self, app_label: str, model_name: str, field_name: str, old_field: Any, new_field: Any
    ) -> None:
        if _deconstruct(old_field) == _deconstruct(new_field):
            return
        field = _clone(new_field)
        preserve_default = True
        if (
            old_field.null
            and not new_field.null
            and not new_field.has_default()
            and not new_field.has_db_default()
            and not new_field.many_to_many
        ):
            default = self.questioner.ask_not_null_alteration(field_name, model_name)
            if default is not models.NOT_PROVIDED and default is not None:
                field.default = default
                preserve_default = False
        self._add(app_label, operations.AlterField(model_name, field_name, field, preserve_default))

    # --- naming and numbering -------------------------------------------------------------

    def arrange_for_graph(
        self, changes: dict, graph: Any, migration_name: str | None = None
    ) -> dict:
        """Number the new migrations after each app's leaf and depend on it."""
        leaves = graph.leaf_nodes()
        name_map = {}
        for app_label, migrations in list(changes.items()):
            if not migrations:
                continue
            app_leaf = None
            for leaf in leaves:
                if leaf[0] == app_label:
                    app_leaf = leaf
                    break
            if app_leaf is None and not self.questioner.ask_initial(app_label):
                del changes[app_label]
                continue
            if app_leaf is None:
                next_number = 1
            else:
                next_number = (self.parse_number(app_leaf[1]) or 0) + 1
            for i, migration in enumerate(migrations):
                if i == 0 and app_leaf:
                    migration.dependencies.append(app_leaf)
                new_name_parts = [f"{next_number:04d}"]
                if migration_name:
                    new_name_parts.append(migration_name)
                elif i == 0 and not app_leaf:
                    new_name_parts.append("initial")
                else:
                    new_name_parts.append(migration.suggest_name()[:100])
                new_name = "_".join(new_name_parts)
                name_map[(app_label, migration.name)] = (app_label, new_name)
                next_number += 1
                migration.name = new_name
        for migrations in changes.values():
            for migration in migrations:
                migration.dependencies = [name_map.get(d, d) for d in migration.dependencies]
        return changes

    @classmethod
    def parse_number(cls, name: str) -> int | None:
        """The number of a migration name (0002_x -> 2; squashed 0001_squashed_0004 -> 4)."""
        if squashed_match := re.search(r".*_squashed_(\d+)", name):
            return int(squashed_match[1])
        match = re.match(r"^\d+", name)
        return int(match[0]) if match else None


def _clone(field: Any) -> Any:
    _name, _path, args, kwargs = field.deconstruct()
    return type(field)(*args, **kwargs)


def _clone_fields(state: Any) -> dict:
    return {name: _clone(field) for name, field in state.fields.items()}


def _together(value: Any) -> set:
    if not value:
        return set()
    return {tuple(v) for v in value}


def _deconstructed(obj: Any) -> Any:
    return obj.deconstruct() if hasattr(obj, "deconstruct") else obj


def _same_but_name(a: Any, b: Any) -> bool:
    if not hasattr(a, "deconstruct"):
        return False
    pa, aa, ka = a.deconstruct()
    pb, ab, kb = b.deconstruct()
    ka = {k: v for k, v in ka.items() if k != "name"}
    kb = {k: v for k, v in kb.items() if k != "name"}
    return (pa, aa, ka) == (pb, ab, kb)


def _managers(state: Any) -> list:
    return [(name, type(m), getattr(m, "_constructor_args", None)) for name, m in state.managers]
