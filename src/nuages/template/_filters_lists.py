"""Sequence filters: sorting, first/last, join, length, random, slice."""

from __future__ import annotations

import random as random_module
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from nuages.utils.html import conditional_escape
from nuages.utils.safestring import mark_safe

__all__ = [
    "dictsort",
    "dictsortreversed",
    "first",
    "join",
    "last",
    "length",
    "random",
    "slice_filter",
]

_MISSING_LOOKUP = (AttributeError, IndexError, KeyError, TypeError, ValueError)


def _property_resolver(arg: Any) -> Callable[[Any], Any]:
    """A sort key from arg: a number indexes, a dotted path looks up keys or attributes."""
    try:
        float(arg)
    except ValueError:
        if "._" in arg or arg[0] == "_":
            raise AttributeError("Access to private variables is forbidden.")
        parts = arg.split(".")

        def resolve(value: Any) -> Any:
            for part in parts:
                try:
                    value = value[part]
                except _MISSING_LOOKUP:
                    value = getattr(value, part)
            return value

        return resolve
    return itemgetter(arg)


def dictsort(value: Any, arg: Any) -> Any:
    """Sort a list of dicts/objects by the key or attribute path arg; '' on failure."""
    try:
        return sorted(value, key=_property_resolver(arg))
    except (AttributeError, TypeError):
        return ""


def dictsortreversed(value: Any, arg: Any) -> Any:
    try:
        return sorted(value, key=_property_resolver(arg), reverse=True)
    except (AttributeError, TypeError):
        return ""


def first(value: Any) -> Any:
    try:
        return value[0]
    except IndexError:
        return ""


def last(value: Any) -> Any:
    try:
        return value[-1]
    except IndexError:
        return ""


def join(value: Any, arg: Any, autoescape: bool = True) -> Any:
    """Join with arg; items and separator are escaped under autoescape."""
    try:
        if autoescape:
            data = conditional_escape(arg).join([conditional_escape(v) for v in value])
        else:
            data = arg.join(value)
    except TypeError:
        # Not iterable, or items that are not strings: give the value back.
        return value
    return mark_safe(data)


def length(value: Any) -> int:
    try:
        return len(value)
    except (ValueError, TypeError):
        return 0


def random(value: Any) -> Any:
    try:
        return random_module.choice(value)
    except IndexError:
        return ""


def slice_filter(value: Any, arg: Any) -> Any:
    """value[arg] with Python slice syntax ('1:3', '::2'); the value itself on a bad arg."""
    try:
        bits = [int(x) if x else None for x in str(arg).split(":")]
        return value[slice(*bits)]
    except (ValueError, TypeError, KeyError):
        return value
