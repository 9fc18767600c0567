"""The public surface stays honest: every public module imports, declares a sorted __all__,
and every name it exports exists."""

import importlib
import inspect
import pkgutil

import pytest

import nuages

# Modules that, as in Django, read required settings at import time.
NEEDS_SETTINGS = {"nuages.contrib.staticfiles.urls"}


def _public_modules():
    for info in pkgutil.walk_packages(nuages.__path__, "nuages."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts[1:]):
            continue
        if "project_template" in parts or "app_template" in parts:
            continue
        if ".management.commands." in info.name or info.name.startswith("nuages.conf.locale"):
            continue
        if info.name in NEEDS_SETTINGS:
            continue
        yield info.name


MODULES = sorted(_public_modules())


def test_there_are_public_modules():
    assert len(MODULES) > 50


@pytest.mark.parametrize("name", MODULES)
def test_public_module(name):
    module = importlib.import_module(name)
    defined_here = [
        attr
        for attr, value in vars(module).items()
        if not attr.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and getattr(value, "__module__", None) == name
    ]
    exported = getattr(module, "__all__", None)
    if exported is None:
        assert not defined_here, f"{name} defines public names {defined_here[:5]} but no __all__"
        return
    missing = [attr for attr in exported if not hasattr(module, attr)]
    assert not missing, f"{name}.__all__ names what it does not define: {missing}"
    assert len(set(exported)) == len(exported), f"{name}.__all__ has duplicates"
