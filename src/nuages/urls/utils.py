"""Turn a view given as a dotted path into the callable it names."""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import import_module
from typing import Any

from nuages.core.exceptions import ViewDoesNotExist
from nuages.utils.module_loading import module_has_submodule

__all__ = ["get_callable", "get_mod_func"]


@functools.cache
def get_callable(lookup_view: Any) -> Callable:
    """Return lookup_view if callable, else import the callable its dotted path names."""
    if callable(lookup_view):
        return lookup_view
    if not isinstance(lookup_view, str):
        raise ViewDoesNotExist(f"'{lookup_view}' is not a callable or a dot-notation path")
    mod_name, func_name = get_mod_func(lookup_view)
    if not func_name:
        raise ImportError(f"Could not import '{lookup_view}'. The path must be fully qualified.")
    try:
        module = import_module(mod_name)
    except ImportError:
        parent_name, sub_name = get_mod_func(mod_name)
        if sub_name and not module_has_submodule(import_module(parent_name), sub_name):
            raise ViewDoesNotExist(
                f"Could not import '{lookup_view}'. Parent module {mod_name} does not exist."
            )
        raise
    try:
        view = getattr(module, func_name)
    except AttributeError:
        raise ViewDoesNotExist(
            f"Could not import '{lookup_view}'. View does not exist in module {mod_name}."
        )
    if not callable(view):
        raise ViewDoesNotExist(f"Could not import '{mod_name}.{func_name}'. View is not callable.")
    return view


def get_mod_func(callback: str) -> tuple[str, str]:
    """Split 'package.module.view' into ('package.module', 'view'); ('name', '') without a dot."""
    module, dot, name = callback.rpartition(".")
    if not dot:
        return callback, ""
    return module, name
