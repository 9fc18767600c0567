"""ResolverMatch: what resolve() found for a path."""

from __future__ import annotations

import functools
import pickle
from collections.abc import Callable
from typing import Any

__all__ = ["ResolverMatch"]

_new = object.__new__


class ResolverMatch:
    """The view, its arguments and the names under which the URL pattern was found.

    ``func, args, kwargs = match`` unpacks it. ``tried`` (the patterns tried before the match)
    is computed on first access, so resolving stays cheap.
    """

    def __init__(
        self,
        func: Callable,
        args: tuple,
        kwargs: dict,
        url_name: str | None = None,
        app_names: list[str | None] | None = None,
        namespaces: list[str | None] | None = None,
        route: str | None = None,
        tried: list | None = None,
        captured_kwargs: dict | None = None,
        extra_kwargs: dict | None = None,
    ) -> None:
        self.func = func
        self.args = args
        self.kwargs = kwargs
        self.url_name = url_name
        self.route = route
        self.tried = tried
        self.captured_kwargs = captured_kwargs
        self.extra_kwargs = extra_kwargs
        # Empty names (the root resolver's, includes without one) are not namespaces.
        self.app_names = [name for name in app_names if name] if app_names else []
        self.namespaces = [name for name in namespaces if name] if namespaces else []

    @classmethod
    def _build(
        cls,
        func: Callable,
        args: tuple,
        kwargs: dict,
        url_name: str | None,
        app_names: list[str],
        namespaces: list[str],
        route: str,
        captured_kwargs: dict,
        extra_kwargs: dict,
        trace: tuple,
    ) -> ResolverMatch:
        """The resolver's fast constructor: names already filtered, ``tried`` made on demand."""
        match = _new(cls)
        # Plain dict stores: this runs once per request.
        attrs = match.__dict__
        attrs["func"] = func
        attrs["args"] = args
        attrs["kwargs"] = kwargs
        attrs["url_name"] = url_name
        attrs["app_names"] = app_names
        attrs["namespaces"] = namespaces
        attrs["route"] = route
        attrs["captured_kwargs"] = captured_kwargs
        attrs["extra_kwargs"] = extra_kwargs
        attrs["_trace"] = trace
        return match

    def __getattr__(self, name: str) -> Any:
        # Only reached for attributes not computed yet.
        if name == "tried":
            # (resolver, path after its own pattern): walk it again, one entry at a time.
            trace = self.__dict__.get("_trace")
            value = trace[0]._trace(trace[1])[0] if trace is not None else None
        elif name == "app_name":
            value = ":".join(self.app_names)
        elif name == "namespace":
            value = ":".join(self.namespaces)
        elif name == "_func_path":
            value = _func_path(self.func)
        elif name == "view_name":
            value = ":".join([*self.namespaces, self.url_name or self._func_path])
        else:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.__dict__[name] = value
        return value

    def __getitem__(self, index: int) -> Any:
        return (self.func, self.args, self.kwargs)[index]

    def __repr__(self) -> str:
        func = repr(self.func) if isinstance(self.func, functools.partial) else self._func_path
        text = (
            f"ResolverMatch(func={func}, args={self.args!r}, kwargs={self.kwargs!r}, "
            f"url_name={self.url_name!r}, app_names={self.app_names!r}, "
            f"namespaces={self.namespaces!r}, route={self.route!r}"
        )
        if self.captured_kwargs:
            text += f", captured_kwargs={self.captured_kwargs!r}"
        if self.extra_kwargs:
            text += f", extra_kwargs={self.extra_kwargs!r}"
        return text + ")"

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise pickle.PicklingError(f"Cannot pickle {type(self).__qualname__}.")


def _func_path(func: Any) -> str:
    """'module.name' of a view; class-based views are named by their class."""
    func = getattr(func, "view_class", func)
    if not hasattr(func, "__name__"):
        # A callable instance (or a partial): name its class.
        return f"{type(func).__module__}.{type(func).__name__}"
    return f"{func.__module__}.{func.__name__}"
