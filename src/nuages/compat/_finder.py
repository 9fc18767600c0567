"""The import hook: ``django`` and ``django.X.Y`` resolve to ``nuages`` and ``nuages.X.Y``.

A request for ``django.X.Y`` imports ``nuages.X.Y`` and registers the same module object under
the django name, so a class or exception is one object whichever spelling imported it, and no
module runs twice. Only the top-level ``django`` name is a thin proxy module: it reports the
Django release line nuages implements as ``VERSION`` without touching ``nuages.VERSION``.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from collections.abc import Sequence
from typing import Any

import nuages

__all__ = [
    "DJANGO_VERSION",
    "DjangoAliasFinder",
    "DjangoModule",
    "nuages_name",
]

# The Django release line whose public API nuages implements (features.md tracks the gaps).
DJANGO_VERSION: tuple[int, int, int, str, int] = (6, 0, 0, "final", 0)

FEATURES_DOC = "docs/features.md"


def nuages_name(fullname: str) -> str:
    """The nuages module a ``django`` dotted module name stands for."""
    return "nuages" + fullname.removeprefix("django")


def _is_django_name(fullname: str) -> bool:
    return fullname == "django" or fullname.startswith("django.")


def _probing() -> bool:
    """True when importlib.util.find_spec() (not an import statement) is asking."""
    frame = sys._getframe(2)
    for _ in range(4):
        if frame is None:
            return False
        filename = frame.f_code.co_filename.replace("\\", "/")
        if filename.endswith("importlib/util.py") or filename == "<frozen importlib.util>":
            return True
        frame = frame.f_back
    return False


class DjangoModule(types.ModuleType):
    """The top-level ``django`` module: nuages' package, seen with Django's version."""

    VERSION = DJANGO_VERSION
    __version__ = nuages.get_version(DJANGO_VERSION)

    def __init__(self) -> None:
        super().__init__("django", "nuages under the django name (nuages.compat).")
        self.__path__ = list(nuages.__path__)
        self.__file__ = nuages.__file__
        self.__package__ = "django"

    @staticmethod
    def get_version(version: tuple | None = None) -> str:
        """The Django version string (``"6.0"``) a Django-targeting app expects."""
        return nuages.get_version(version or DJANGO_VERSION)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        try:
            return getattr(nuages, name)
        except AttributeError:
            raise AttributeError(f"module 'django' (nuages.compat) has no attribute {name!r}")

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(dir(nuages)))


class DjangoAliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Meta path finder and loader mapping ``django.*`` module names to ``nuages.*``."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if not _is_django_name(fullname):
            return None
        if fullname == "django":
            spec = importlib.machinery.ModuleSpec("django", self, is_package=True)
            spec.submodule_search_locations = list(nuages.__path__)
            return spec
        name = nuages_name(fullname)
        try:
            found = importlib.util.find_spec(name)
        except ModuleNotFoundError as exc:
            # A missing parent is "not there"; a missing third-party dependency is not ours.
            if exc.name is None or not (name == exc.name or name.startswith(exc.name + ".")):
                raise
            found = None
        if found is None:
            if _probing():
                return None
            raise ModuleNotFoundError(
                f"No module named {fullname!r}: nuages.compat maps it to {name!r}, which "
                f"nuages does not have (see {FEATURES_DOC} for what nuages implements).",
                name=fullname,
            )
        package = found.submodule_search_locations is not None
        spec = importlib.machinery.ModuleSpec(
            fullname, self, origin=found.origin, is_package=package
        )
        if package:
            spec.submodule_search_locations = found.submodule_search_locations
        return spec

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        if spec.name == "django":
            return DjangoModule()
        # The nuages module itself: the import system registers it under the django name too.
        module = importlib.import_module(nuages_name(spec.name))
        spec.loader_state = module.__spec__  # the import system overwrites it: put it back
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run (nuages already executed the module); restore its own __spec__."""
        spec = module.__spec__
        if spec is not None and spec.loader is self and spec.loader_state is not None:
            module.__spec__ = spec.loader_state

    def invalidate_caches(self) -> None:
        """No caches of its own."""
