"""AppConfig: what nuages knows about one installed application."""

from __future__ import annotations

import inspect
import os
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured
from nuages.utils.functional import cached_property
from nuages.utils.module_loading import import_string, module_has_submodule

if TYPE_CHECKING:
    from nuages.apps.registry import Apps

__all__ = ["APPS_MODULE_NAME", "MODELS_MODULE_NAME", "AppConfig"]

APPS_MODULE_NAME = "apps"
MODELS_MODULE_NAME = "models"


class AppConfig:
    """An installed application: name, label, path, models, ready()."""

    def __init__(self, app_name: str, app_module: ModuleType | None) -> None:
        self.name = app_name
        self.module = app_module
        self.apps: Apps | None = None
        if not hasattr(self, "label"):
            self.label = app_name.rpartition(".")[2]
        if not self.label.isidentifier():
            raise ImproperlyConfigured(
                f"The app label '{self.label}' is not a valid Python identifier."
            )
        if not hasattr(self, "verbose_name"):
            self.verbose_name = self.label.title()
        if not hasattr(self, "path"):
            self.path = self._path_from_module(app_module)
        self.models_module: ModuleType | None = None
        self.models: dict[str, Any] | None = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.label}>"

    @cached_property
    def default_auto_field(self) -> str:
        return settings.DEFAULT_AUTO_FIELD

    @property
    def _is_default_auto_field_overridden(self) -> bool:
        return type(self).default_auto_field is not AppConfig.default_auto_field

    def _path_from_module(self, module: ModuleType | None) -> str:
        paths = list(getattr(module, "__path__", []))
        if len(paths) != 1:
            filename = getattr(module, "__file__", None)
            if filename is not None:
                paths = [os.path.dirname(filename)]
            else:
                paths = list(set(paths))
        if len(paths) > 1:
            raise ImproperlyConfigured(
                f"The app module {module!r} has multiple filesystem locations ({paths!r}); "
                "you must configure this app with an AppConfig subclass with a 'path' class attribute."
            )
        if not paths:
            raise ImproperlyConfigured(
                f"The app module {module!r} has no filesystem location, you must configure this app "
                "with an AppConfig subclass with a 'path' class attribute."
            )
        return paths[0]

    @classmethod
    def create(cls, entry: str) -> AppConfig:
        """Build the AppConfig for an INSTALLED_APPS entry (a module or an AppConfig path)."""
        app_config_class = None
        app_name = None
        app_module = None
        try:
            app_module = import_module(entry)
        except Exception:
            pass
        else:
            if module_has_submodule(app_module, APPS_MODULE_NAME):
                mod_path = f"{entry}.{APPS_MODULE_NAME}"
                mod = import_module(mod_path)
                candidates = [
                    (name, candidate)
                    for name, candidate in inspect.getmembers(mod, inspect.isclass)
                    if issubclass(candidate, cls)
                    and candidate is not cls
                    and getattr(candidate, "default", True)
                ]
                if len(candidates) == 1:
                    app_config_class = candidates[0][1]
                else:
                    defaults = [
                        (name, candidate)
                        for name, candidate in candidates
                        if getattr(candidate, "default", False)
                    ]
                    if len(defaults) > 1:
                        names = ", ".join(repr(name) for name, _ in defaults)
                        raise RuntimeError(
                            f"{mod_path!r} declares more than one default AppConfig: {names}."
                        )
                    if len(defaults) == 1:
                        app_config_class = defaults[0][1]
            if app_config_class is None:
                app_config_class = cls
                app_name = entry

        if app_config_class is None:
            try:
                app_config_class = import_string(entry)
            except Exception:
                pass
        if app_module is None and app_config_class is None:
            mod_path, _, cls_name = entry.rpartition(".")
            if mod_path and cls_name[0:1].isupper():
                mod = import_module(mod_path)
                candidates = [
                    repr(name)
                    for name, candidate in inspect.getmembers(mod, inspect.isclass)
                    if issubclass(candidate, cls) and candidate is not cls
                ]
                msg = f"Module '{mod_path}' does not contain a '{cls_name}' class."
                if candidates:
                    msg += f" Choices are: {', '.join(candidates)}."
                raise ImportError(msg)
            import_module(entry)  # raises the original ImportError

        if not issubclass(app_config_class, AppConfig):
            raise ImproperlyConfigured(f"'{entry}' isn't a subclass of AppConfig.")
        if app_name is None:
            try:
                app_name = app_config_class.name
            except AttributeError:
                raise ImproperlyConfigured(f"'{entry}' must supply a name attribute.")
        try:
            app_module = import_module(app_name)
        except ImportError:
            raise ImproperlyConfigured(
                f"Cannot import '{app_name}'. Check that '{app_config_class.__module__}."
                f"{app_config_class.__qualname__}.name' is correct."
            )
        return app_config_class(app_name, app_module)

    def get_model(self, model_name: str, require_ready: bool = True) -> Any:
        """The model called model_name (case-insensitive) in this app; LookupError if none."""
        if require_ready:
            self.apps.check_models_ready()
        else:
            self.apps.check_apps_ready()
        try:
            return self.models[model_name.lower()]
        except KeyError:
            raise LookupError(f"App '{self.label}' doesn't have a '{model_name}' model.")

    def get_models(self, include_auto_created: bool = False, include_swapped: bool = False) -> Any:
        self.apps.check_models_ready()
        for model in self.models.values():
            if model._meta.auto_created and not include_auto_created:
                continue
            if model._meta.swapped and not include_swapped:
                continue
            yield model

    def import_models(self) -> None:
        self.models = self.apps.all_models[self.label]
        if module_has_submodule(self.module, MODELS_MODULE_NAME):
            self.models_module = import_module(f"{self.name}.{MODELS_MODULE_NAME}")

    def ready(self) -> None:
        """Override to run start-up code once the registry is fully populated."""
