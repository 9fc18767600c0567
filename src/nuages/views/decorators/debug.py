"""Decorators hiding sensitive local variables and POST parameters from error reports."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from types import CodeType
from typing import Any

from nuages.http import HttpRequest
from nuages.utils._async import is_async_callable

__all__ = ["sensitive_post_parameters", "sensitive_variables"]

# Code object of each decorated function -> the names to hide ("__ALL__" for every local).
# The exception reporter looks frames up here (a frame's f_code), which works for sync
# functions and for coroutines alike, without inspecting wrapper frames.
sensitive_code: dict[CodeType, Any] = {}


def sensitive_variables(*variables: str) -> Callable:
    """Hide the named local variables (all of them if none are named) of the decorated
    function, and of the functions it calls, in error reports."""
    if len(variables) == 1 and callable(variables[0]):
        raise TypeError(
            "sensitive_variables() must be called to use it as a decorator, "
            "e.g., use @sensitive_variables(), not @sensitive_variables."
        )
    hidden: Any = variables or "__ALL__"

    def decorator(func: Callable) -> Callable:
        code = getattr(func, "__code__", None)
        if code is None:
            raise TypeError(f"sensitive_variables cannot decorate {func!r}: it has no code object.")
        sensitive_code[code] = hidden

        if is_async_callable(func):

            @wraps(func)
            async def sensitive_variables_wrapper(*func_args: Any, **func_kwargs: Any) -> Any:
                return await func(*func_args, **func_kwargs)

        else:

            @wraps(func)
            def sensitive_variables_wrapper(*func_args: Any, **func_kwargs: Any) -> Any:
                return func(*func_args, **func_kwargs)

        sensitive_variables_wrapper.sensitive_variables = hidden
        return sensitive_variables_wrapper

    return decorator


def _wrapper_codes() -> frozenset[CodeType]:
    # The wrapper frames hold the decorated function's arguments: always hide them.
    codes = set()
    for probe in (lambda: None, _async_probe):
        wrapped = sensitive_variables("x")(probe)
        codes.add(wrapped.__code__)
        del sensitive_code[probe.__code__]
    return frozenset(codes)


async def _async_probe() -> None:
    pass


WRAPPER_CODES = _wrapper_codes()


def sensitive_post_parameters(*parameters: str) -> Callable:
    """Hide the named POST parameters (all if none are named) in error reports."""
    if len(parameters) == 1 and callable(parameters[0]):
        raise TypeError(
            "sensitive_post_parameters() must be called to use it as a decorator, "
            "e.g., use @sensitive_post_parameters(), not @sensitive_post_parameters."
        )
    hidden: Any = parameters or "__ALL__"

    def check(request: Any) -> None:
        if not isinstance(request, HttpRequest):
            raise TypeError(
                "sensitive_post_parameters didn't receive an HttpRequest object. If you are "
                "decorating a classmethod, make sure to use @method_decorator."
            )
        request.sensitive_post_parameters = hidden

    def decorator(view: Callable) -> Callable:
        if is_async_callable(view):

            @wraps(view)
            async def sensitive_post_parameters_wrapper(
                request: Any, *args: Any, **kwargs: Any
            ) -> Any:
                check(request)
                return await view(request, *args, **kwargs)

        else:

            @wraps(view)
            def sensitive_post_parameters_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
                check(request)
                return view(request, *args, **kwargs)

        return sensitive_post_parameters_wrapper

    return decorator
