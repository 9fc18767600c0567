"""Strings known to be safe for HTML output.

SafeString is a str subclass with `__html__`, so MarkupSafe and Jinja2 treat it as markup, and
objects with `__html__` (markupsafe.Markup included) are treated as safe by nuages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

__all__ = ["SafeData", "SafeString", "mark_safe"]


class SafeData:
    __slots__ = ()

    def __html__(self) -> Any:
        """Return the safe object itself (the __html__ protocol shared with MarkupSafe)."""
        return self


class SafeString(str, SafeData):
    """A str that needs no further HTML escaping."""

    __slots__ = ()

    def __add__(self, rhs: str) -> str:
        # safe + safe stays safe; safe + unsafe becomes a plain str.
        t = super().__add__(rhs)
        if isinstance(rhs, SafeData):
            return SafeString(t)
        return t

    def __str__(self) -> str:
        return self


def _safety_decorator(safety_marker: Callable, func: Callable) -> Callable:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return safety_marker(func(*args, **kwargs))

    return wrapper


def mark_safe(s: Any) -> Any:
    """Mark s as safe for HTML output; on a callable, mark what it returns."""
    if hasattr(s, "__html__"):
        return s
    if isinstance(s, str):
        return SafeString(s)
    if callable(s):
        return _safety_decorator(mark_safe, s)
    # Lazy strings and other objects: make them strings now.
    return SafeString(str(s))
