"""Project state: the models as the migrations describe them, renderable as historical models.

``ProjectState`` maps (app_label, model_name) to ``ModelState``; ``state.apps`` is a
``StateApps`` registry holding a model class rendered from each ModelState (what RunPython's
``apps.get_model()`` returns), rendered lazily. Mutations drop only the class of the model they
touch; once relations exist, the models related to it must be dropped too (see
``ProjectState.reload_model``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from nuages.apps import apps as global_apps
from nuages.apps.registry import Apps
from nuages.db import models
from nuages.db.migrations.exceptions import InvalidBasesError
from nuages.db.models.options import DEFAULT_NAMES
from nuages.utils.functional import cached_property

__all__ = ["ModelState", "ProjectState", "StateApps"]

_SKIPPED_OPTIONS = ("apps", "app_label")


def _clone_field(field: Any) -> Any:
    _name, _path, args, kwargs = field.deconstruct()
    return type(field)(*args, **kwargs)


class ModelState:
    """One model as the migrations know it: fields (unbound), options, bases, managers."""

    def __init__(
        self,
        app_label: str,
        name: str,
        fields: Iterable | dict,
        options: dict | None = None,
        bases: tuple | None = None,
        managers: list | None = None,
    ) -> None:
        self.app_label = app_label
        self.name = name
        self.fields: dict[str, Any] = dict(fields)
        self.options = dict(options or {})
        self.options.setdefault("indexes", [])
        self.options.setdefault("constraints", [])
        self.bases = bases or (models.Model,)
        self.managers = list(managers or [])
        for field_name, field in self.fields.items():
            if getattr(field, "model", None) is not None:
                raise ValueError(
                    f'ModelState.fields cannot be bound to a model - "{field_name}" is.'
                )
        for index in self.options["indexes"]:
            if not getattr(index, "name", None):
                raise ValueError(
                    "Indexes passed to ModelState require a name attribute. "
                    f"{index!r} doesn't have one."
                )

    @cached_property
    def name_lower(self) -> str:
        return self.name.lower()

    def get_field(self, field_name: str) -> Any:
        if field_name == "_order" and "_order" not in self.fields:
            field_name = self.options.get("order_with_respect_to", field_name)
        return self.fields[field_name]

    def get_index_by_name(self, name: str) -> Any:
        for index in self.options["indexes"]:
            if index.name == name:
                return index
        raise ValueError(f"No index named {name} on model {self.name}")

    def get_constraint_by_name(self, name: str) -> Any:
        for constraint in self.options["constraints"]:
            if constraint.name == name:
                return constraint
        raise ValueError(f"No constraint named {name} on model {self.name}")

    @classmethod
    def from_model(cls, model: Any, exclude_rels: bool = False) -> ModelState:
        """The ModelState of a live model class."""
        meta = model._meta
        fields = []
        for field in meta.local_fields:
            if exclude_rels and getattr(field, "remote_field", None) is not None:
                continue
            fields.append((field.name, _clone_field(field)))
        if not exclude_rels:
            for field in meta.local_many_to_many:
                fields.append((field.name, _clone_field(field)))
        options: dict[str, Any] = {}
        for name in DEFAULT_NAMES:
            if name in _SKIPPED_OPTIONS or name not in meta.original_attrs:
                continue
            if name == "unique_together":
                value = meta.unique_together
                options[name] = {tuple(v) for v in value} if value else set()
            elif name == "indexes":
                indexes = [copy.deepcopy(idx) for idx in meta.indexes]
                for index in indexes:
                    if not getattr(index, "name", None) and hasattr(index, "set_name_with_model"):
                        index.set_name_with_model(model)
                options[name] = indexes
            elif name == "constraints":
                options[name] = [copy.deepcopy(c) for c in meta.constraints]
            else:
                options[name] = meta.original_attrs[name]
        if exclude_rels:
            options.pop("order_with_respect_to", None)
        return cls(
            meta.app_label,
            meta.object_name,
            fields,
            options,
            _flatten_bases(model),
            _migration_managers(model),
        )

    def construct_managers(self) -> Iterable:
        """Fresh manager instances, in their declared order."""
        for name, manager in sorted(self.managers, key=lambda item: item[1].creation_counter):
            as_manager, _path, _qs_path, args, kwargs = manager.deconstruct()
            if as_manager:
                yield name, manager
            else:
                yield name, type(manager)(*args, **kwargs)

    def clone(self) -> ModelState:
        # Past __init__'s validation (this state passed it): cloned at every migration step.
        clone = self.__class__.__new__(self.__class__)
        clone.app_label = self.app_label
        clone.name = self.name
        # Field objects in a state are never mutated (operations replace them and render()
        # clones them), so clones share them: cloning per operation stays linear.
        clone.fields = dict(self.fields)
        options = dict(self.options)
        if options["indexes"]:
            options["indexes"] = [copy.deepcopy(i) for i in options["indexes"]]
        else:
            options["indexes"] = []
        if options["constraints"]:
            options["constraints"] = [copy.deepcopy(c) for c in options["constraints"]]
        else:
            options["constraints"] = []
        clone.options = options
        clone.bases = self.bases
        clone.managers = list(self.managers)
        return clone

    def render(self, apps: Apps) -> type:
        """A model class from this state, registered in ``apps``."""
        meta_attrs: dict[str, Any] = {"app_label": self.app_label, "apps": apps}
        for key, value in self.options.items():
            if key == "unique_together":
                value = tuple(tuple(v) for v in sorted(value)) if value else ()
            elif key in ("indexes", "constraints"):
                value = [copy.deepcopy(v) for v in value]
            meta_attrs[key] = value
        meta = type("Meta", (), meta_attrs)
        try:
            bases = tuple(
                apps.get_model(base) if isinstance(base, str) else base for base in self.bases
            )
        except LookupError as e:
            raise InvalidBasesError(
                f"Cannot resolve one or more bases from the model {self.name}: {self.bases!r}"
            ) from e
        body: dict[str, Any] = {name: _clone_field(f) for name, f in self.fields.items()}
        body["Meta"] = meta
        body["__module__"] = "__fake__"
        body.update(self.construct_managers())
        return type(self.name, bases, body)

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: '{self.app_label}.{self.name}'>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ModelState):
            return NotImplemented
        return (
            self.app_label == other.app_label
            and self.name == other.name
            and len(self.fields) == len(other.fields)
            and all(
                k1 == k2 and f1.deconstruct()[1:] == f2.deconstruct()[1:]
                for (k1, f1), (k2, f2) in zip(
                    sorted(self.fields.items()), sorted(other.fields.items()), strict=True
                )
            )
            and self.options == other.options
            and self.bases == other.bases
            and self.managers == other.managers
        )


def _flatten_bases(model: Any) -> tuple:
    found: list = []

    def walk(klass: type) -> None:
        for base in klass.__bases__:
            meta = getattr(base, "_meta", None)
            if meta is not None and meta.abstract:
                walk(base)
            elif base not in found:
                found.append(base)

    walk(model)
    bases = tuple(
        base._meta.label_lower if getattr(base, "_meta", None) is not None else base
        for base in found
        if base is not models.Model or len(found) == 1
    )
    if not any(isinstance(b, str) or issubclass(b, models.Model) for b in bases):
        bases = (models.Model,)
    return bases


def _migration_managers(model: Any) -> list:
    managers = [(m.name, copy.copy(m)) for m in model._meta.managers if m.use_in_migrations]
    default = model._meta.default_manager
    if not managers and default is not None and default.name != "objects":
        managers = [(default.name, models.Manager())]
    if (
        len(managers) == 1
        and managers[0][0] == "objects"
        and type(managers[0][1]) is models.Manager
    ):
        return []
    return managers


class StateApps(Apps):
    """An app registry of historical models (no AppConfigs: models keyed by label).

    Models are rendered lazily: ``get_model()`` renders a ModelState the first time it is asked
    for (and then any model a rendered one waits for through ``lazy_model_operation``, so
    relations resolve), ``get_models()`` renders them all. ``clone()`` shares the classes
    rendered so far; a mutation of the state only drops the classes it touches
    (``ProjectState.reload_model``), so migrating forwards or backwards re-renders only what the
    operations change instead of every model at every step.
    """

    def __init__(self, real_apps: Iterable[str], model_states: dict) -> None:
        super().__init__(())
        self.real_apps = set(real_apps)
        # The ProjectState's own dict (not a copy): mutations are seen at the next render.
        self.model_states = model_states
        for label in self.real_apps:
            try:
                app_config = global_apps.get_app_config(label)
            except LookupError:
                continue
            for model in app_config.get_models(include_auto_created=True):
                ModelState.from_model(model).render(self)

    def _rendered(self, app_label: str, model_name: str) -> Any:
        app_models = self.all_models.get(app_label)
        return None if app_models is None else app_models.get(model_name)

    def _render(self, key: tuple[str, str]) -> Any:
        self.model_states[key].render(self)
        # Render the models that rendered ones wait for (relations), while any are known.
        while True:
            waiting = [
                k
                for k in self._pending_operations
                if k in self.model_states and self._rendered(*k) is None
            ]
            if not waiting:
                break
            for pending in waiting:
                if self._rendered(*pending) is None:
                    self.model_states[pending].render(self)
        return self.all_models[key[0]][key[1]]

    def render_all(self) -> None:
        """Render every model of the state not rendered yet."""
        for key in list(self.model_states):
            if self._rendered(*key) is None:
                self._render(key)

    def get_models(self, include_auto_created: bool = False, include_swapped: bool = False) -> list:  # type: ignore[override]
        self.render_all()
        return [m for app in self.all_models.values() for m in app.values()]

    def get_model(
        self, app_label: str, model_name: str | None = None, require_ready: bool = True
    ) -> Any:
        if model_name is None:
            app_label, model_name = app_label.split(".")
        name = model_name.lower()
        model = self._rendered(app_label, name)
        if model is not None:
            return model
        if (app_label, name) in self.model_states:
            return self._render((app_label, name))
        raise LookupError(f"App '{app_label}' doesn't have a '{model_name}' model.")

    def get_registered_model(self, app_label: str, model_name: str) -> Any:
        # Registered only (no rendering): lazy_model_operation waits for the rest, see _render.
        model = self._rendered(app_label, model_name.lower())
        if model is None:
            raise LookupError(f"App '{app_label}' doesn't have a '{model_name}' model.")
        return model

    def is_installed(self, app_name: str) -> bool:
        return app_name in self.all_models or any(k[0] == app_name for k in self.model_states)

    def clear_cache(self) -> None:
        for app_models in self.all_models.values():
            for model in app_models.values():
                model._meta._expire_cache()

    def register_model(self, app_label: str, model: Any) -> None:
        self.all_models[app_label][model._meta.model_name] = model
        self.do_pending_operations(model)

    def unregister_model(self, app_label: str, model_name: str) -> None:
        app_models = self.all_models.get(app_label)
        if app_models is not None:
            app_models.pop(model_name.lower(), None)

    def clone(self, model_states: dict | None = None) -> StateApps:
        """A registry sharing the classes rendered so far, for ``model_states`` (a clone's)."""
        clone = StateApps.__new__(StateApps)
        Apps.__init__(clone, ())
        clone.real_apps = set(self.real_apps)
        clone.model_states = self.model_states if model_states is None else model_states
        for label, app_models in self.all_models.items():
            clone.all_models[label] = dict(app_models)
        return clone


class ProjectState:
    """The state of every model after some migrations: ModelStates plus a rendered registry."""

    def __init__(self, models: dict | None = None, real_apps: Iterable[str] | None = None) -> None:
        self.models: dict[tuple[str, str], ModelState] = models or {}
        self.real_apps = set(real_apps or ())
        self.is_delayed = False

    @cached_property
    def apps(self) -> StateApps:
        return StateApps(self.real_apps, self.models)

    def reload_model(self, app_label: str, model_name: str, delay: bool = False) -> None:
        """Drop one model's class from ``apps`` (if built); it is rendered again when needed.

        Once relations exist, the classes of the models related to it must be dropped too.
        """
        if "apps" not in self.__dict__:
            return
        # Dropped now, rendered again from the current ModelState when next asked for.
        self.apps.unregister_model(app_label, model_name)

    # --- mutations (called by the operations' state_forwards) -------------------------------

    def add_model(self, model_state: ModelState) -> None:
        self.models[(model_state.app_label, model_state.name_lower)] = model_state
        self.reload_model(model_state.app_label, model_state.name_lower)

    def remove_model(self, app_label: str, model_name: str) -> None:
        del self.models[(app_label, model_name)]
        if "apps" in self.__dict__:
            self.apps.unregister_model(app_label, model_name)

    def rename_model(self, app_label: str, old_name: str, new_name: str) -> None:
        renamed = self.models.pop((app_label, old_name.lower()))
        renamed.name = new_name
        renamed.__dict__.pop("name_lower", None)
        self.models[(app_label, new_name.lower())] = renamed
        if "apps" in self.__dict__:
            self.apps.unregister_model(app_label, old_name)
        self.reload_model(app_label, new_name.lower())

    def alter_model_options(
        self, app_label: str, model_name: str, options: dict, option_keys: Iterable = ()
    ) -> None:
        model_state = self.models[(app_label, model_name)]
        model_state.options = {**model_state.options, **options}
        for key in option_keys:
            if key not in options:
                model_state.options.pop(key, None)
        self.reload_model(app_label, model_name)

    def alter_model_managers(self, app_label: str, model_name: str, managers: list) -> None:
        self.models[(app_label, model_name)].managers = list(managers)
        self.reload_model(app_label, model_name)

    def _option_list(self, app_label: str, model_name: str, key: str) -> list:
        return self.models[(app_label, model_name)].options[key]

    def add_index(self, app_label: str, model_name: str, index: Any) -> None:
        state = self.models[(app_label, model_name)]
        state.options["indexes"] = [*state.options["indexes"], index]
        self.reload_model(app_label, model_name)

    def remove_index(self, app_label: str, model_name: str, index_name: str) -> None:
        state = self.models[(app_label, model_name)]
        state.options["indexes"] = [i for i in state.options["indexes"] if i.name != index_name]
        self.reload_model(app_label, model_name)

    def rename_index(self, app_label: str, model_name: str, old_name: str, new_name: str) -> None:
        state = self.models[(app_label, model_name)]
        renamed = []
        for index in state.options["indexes"]:
            if index.name == old_name:
                index = copy.deepcopy(index)
                index.name = new_name
            renamed.append(index)
        state.options["indexes"] = renamed
        self.reload_model(app_label, model_name)

    def add_constraint(self, app_label: str, model_name: str, constraint: Any) -> None:
        state = self.models[(app_label, model_name)]
        state.options["constraints"] = [*state.options["constraints"], constraint]
        self.reload_model(app_label, model_name)

    def remove_constraint(self, app_label: str, model_name: str, name: str) -> None:
        state = self.models[(app_label, model_name)]
        state.options["constraints"] = [c for c in state.options["constraints"] if c.name != name]
        self.reload_model(app_label, model_name)

    def add_field(
        self, app_label: str, model_name: str, name: str, field: Any, preserve_default: bool
    ) -> None:
        if not preserve_default:
            field = _clone_field(field)
            field.default = models.NOT_PROVIDED
        self.models[(app_label, model_name)].fields[name] = field
        self.reload_model(app_label, model_name)

    def remove_field(self, app_label: str, model_name: str, name: str) -> None:
        state = self.models[(app_label, model_name)]
        del state.fields[name]
        for key in ("unique_together", "index_together"):
            if state.options.get(key):
                state.options[key] = {t for t in state.options[key] if name not in t}
        self.reload_model(app_label, model_name)

    def alter_field(
        self, app_label: str, model_name: str, name: str, field: Any, preserve_default: bool
    ) -> None:
        if not preserve_default:
            field = _clone_field(field)
            field.default = models.NOT_PROVIDED
        self.models[(app_label, model_name)].fields[name] = field
        self.reload_model(app_label, model_name)

    def rename_field(self, app_label: str, model_name: str, old_name: str, new_name: str) -> None:
        state = self.models[(app_label, model_name)]
        state.fields = {
            (new_name if key == old_name else key): field for key, field in state.fields.items()
        }
        for key in ("unique_together", "index_together"):
            value = state.options.get(key)
            if value:
                state.options[key] = {
                    tuple(new_name if n == old_name else n for n in together) for together in value
                }
        self.reload_model(app_label, model_name)

    # --- whole-state helpers ----------------------------------------------------------------

    def clone(self) -> ProjectState:
        new_state = ProjectState(
            models={k: v.clone() for k, v in self.models.items()}, real_apps=self.real_apps
        )
        if "apps" in self.__dict__:
            new_state.apps = self.apps.clone(new_state.models)
        return new_state

    @classmethod
    def from_apps(cls, apps: Any) -> ProjectState:
        """The state of every model in an app registry."""
        app_models = {}
        for model in apps.get_models(include_swapped=True):
            model_state = ModelState.from_model(model)
            app_models[(model_state.app_label, model_state.name_lower)] = model_state
        return cls(app_models)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ProjectState):
            return NotImplemented
        return self.models == other.models and self.real_apps == other.real_apps
