"""deconstructible: a class decorator that lets migrations serialise instances."""

from __future__ import annotations

from typing import Any

__all__ = ["deconstructible"]


def deconstructible(*args: Any, path: str | None = None) -> Any:
    """Record each instance's constructor arguments and add deconstruct() -> (path, args, kwargs).

    Usable bare (@deconstructible) or with a public import path (@deconstructible(path=...)).
    """

    def decorate(klass: type) -> type:
        original_new = klass.__new__

        def __new__(cls: type, *c_args: Any, **c_kwargs: Any) -> Any:
            if original_new is object.__new__:
                obj = original_new(cls)
            else:
                obj = original_new(cls, *c_args, **c_kwargs)
            obj._constructor_args = (c_args, c_kwargs)
            return obj

        def deconstruct(obj: Any) -> tuple[str, tuple, dict]:
            if path and type(obj) is klass:
                where = path
            else:
                where = f"{type(obj).__module__}.{type(obj).__qualname__}"
            c_args, c_kwargs = getattr(obj, "_constructor_args", ((), {}))
            return where, c_args, c_kwargs

        klass.__new__ = staticmethod(__new__)  # type: ignore[assignment]
        klass.deconstruct = deconstruct  # type: ignore[attr-defined]
        return klass

    if not args:
        return decorate
    return decorate(*args)
