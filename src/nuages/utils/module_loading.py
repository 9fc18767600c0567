"""Import helpers: dotted paths, submodule checks, app autodiscovery."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from types import ModuleType
from typing import Any

__all__ = [
    "autodiscover_modules",
    "cached_import",
    "import_string",
    "module_dir",
    "module_has_submodule",
    "nuages_path",
]


def cached_import(module_path: str, class_name: str) -> Any:
    module = sys.modules.get(module_path)
    spec = getattr(module, "__spec__", None)
    if module is None or getattr(spec, "_initializing", False):
        module = importlib.import_module(module_path)
    return getattr(module, class_name)


def nuages_path(dotted_path: str) -> str:
    """Map a ``django.*`` dotted path from settings written for Django to its ``nuages.*`` twin.

    Every setting that names code (backends, engines, hashers, validators...) goes through
    this one function, so a ported settings module keeps working unchanged.
    """
    if dotted_path.startswith("django."):
        return "nuages." + dotted_path[len("django.") :]
    return dotted_path


def import_string(dotted_path: str) -> Any:
    """Import a dotted module path and return the attribute it names."""
    try:
        module_path, class_name = dotted_path.rsplit(".", 1)
    except ValueError as err:
        raise ImportError(f"{dotted_path} doesn't look like a module path") from err
    try:
        return cached_import(module_path, class_name)
    except AttributeError as err:
        raise ImportError(
            f'Module "{module_path}" does not define a "{class_name}" attribute/class'
        ) from err


def module_has_submodule(package: ModuleType, module_name: str) -> bool:
    """True when package has a submodule called module_name (without importing it)."""
    try:
        package_name = package.__name__
        package_path = package.__path__
    except AttributeError:
        return False
    full_module_name = package_name + "." + module_name
    try:
        return importlib.util.find_spec(full_module_name, package_path) is not None
    except ModuleNotFoundError:
        return False


def module_dir(module: ModuleType) -> str:
    """The directory of a module or a single-location namespace package."""
    paths = list(getattr(module, "__path__", []))
    if len(paths) == 1:
        return paths[0]
    filename = getattr(module, "__file__", None)
    if filename is not None:
        return os.path.dirname(filename)
    raise ValueError(f"Cannot determine directory containing {module}")


def autodiscover_modules(*args: str, register_to: Any = None) -> None:
    """Import the named submodule of every installed app, ignoring apps without one."""
    from nuages.apps import apps  # utils sits below apps; Django's path puts this here

    for app_config in apps.get_app_configs():
        for module_to_search in args:
            before = getattr(register_to, "_registry", None)
            before = dict(before) if before is not None else None
            try:
                importlib.import_module(f"{app_config.name}.{module_to_search}")
            except Exception:
                if before is not None:
                    register_to._registry = before
                if module_has_submodule(app_config.module, module_to_search):
                    raise
