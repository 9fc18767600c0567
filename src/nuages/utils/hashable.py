"""make_hashable: a hashable stand-in for dicts, lists and other unhashable containers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["make_hashable"]


def make_hashable(value: Any) -> Any:
    """value itself if hashable; dicts become sorted (key, value) tuples, iterables tuples."""
    if isinstance(value, dict):
        return tuple((key, make_hashable(nested)) for key, nested in sorted(value.items()))
    try:
        hash(value)
    except TypeError:
        if isinstance(value, Iterable):
            return tuple(map(make_hashable, value))
        # Not hashable and nothing to walk through: let the caller see the TypeError.
        raise
    return value
