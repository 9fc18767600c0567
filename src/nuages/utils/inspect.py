"""Introspection helpers about callables' parameters (as Django's utils.inspect)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

__all__ = [
    "func_accepts_kwargs",
    "func_accepts_var_args",
    "func_supports_parameter",
    "get_func_args",
    "get_func_full_args",
    "is_module_level_function",
    "method_has_no_args",
]


@functools.lru_cache(maxsize=512)
def _parameters(func: Callable, remove_first: bool) -> tuple[inspect.Parameter, ...]:
    parameters = tuple(inspect.signature(func).parameters.values())
    return parameters[1:] if remove_first else parameters


def _callable_parameters(func: Callable) -> tuple[inspect.Parameter, ...]:
    # Bound methods: look at the underlying function (cacheable), minus its first argument.
    func, remove_first = (func.__func__, True) if inspect.ismethod(func) else (func, False)
    try:
        return _parameters(func, remove_first)
    except TypeError:  # an unhashable callable: skip the cache
        return _parameters.__wrapped__(func, remove_first)


def get_func_args(func: Callable) -> list[str]:
    """Names of the positional-or-keyword parameters (self excluded for bound methods)."""
    return [
        p.name
        for p in _callable_parameters(func)
        if p.kind == inspect.Parameter.POSITIONAL_OR_KEYWORD
    ]


def get_func_full_args(func: Callable) -> list[tuple]:
    """Every parameter but self as (name,) or (name, default); '*args' and '**kwargs' marked."""
    args: list[tuple] = []
    for param in _callable_parameters(func):
        name = param.name
        if name == "self":
            continue
        if param.kind == inspect.Parameter.VAR_POSITIONAL:
            name = "*" + name
        elif param.kind == inspect.Parameter.VAR_KEYWORD:
            name = "**" + name
        if param.default is inspect.Parameter.empty:
            args.append((name,))
        else:
            args.append((name, param.default))
    return args


def func_accepts_kwargs(func: Callable) -> bool:
    """True if func takes **kwargs."""
    return any(p.kind == inspect.Parameter.VAR_KEYWORD for p in _callable_parameters(func))


def func_accepts_var_args(func: Callable) -> bool:
    """True if func takes *args."""
    return any(p.kind == inspect.Parameter.VAR_POSITIONAL for p in _callable_parameters(func))


def method_has_no_args(meth: Callable) -> bool:
    """True if the method takes no positional-or-keyword argument besides self."""
    count = len(
        [p for p in _callable_parameters(meth) if p.kind == inspect.Parameter.POSITIONAL_OR_KEYWORD]
    )
    return count == 0 if inspect.ismethod(meth) else count == 1


def func_supports_parameter(func: Callable, name: str) -> bool:
    """True if func has a parameter called name."""
    return any(param.name == name for param in _callable_parameters(func))


def is_module_level_function(func: Any) -> bool:
    """True for a plain function defined at module level (not a method, not nested)."""
    if not inspect.isfunction(func) or inspect.ismethod(func):
        return False
    return "." not in func.__qualname__
