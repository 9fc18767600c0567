"""timesince and timeuntil filters (on nuages.utils.timesince)."""

from __future__ import annotations

from typing import Any

from nuages.utils.timesince import timesince, timeuntil

__all__ = ["timesince_filter", "timeuntil_filter"]


def timesince_filter(value: Any, arg: Any = None) -> str:
    """'4 days, 6 hours' from value to now (or to arg)."""
    if not value:
        return ""
    try:
        return timesince(value, arg) if arg else timesince(value)
    except (
        ValueError,
        TypeError,
        AttributeError,
    ):  # not a date: render nothing, never fail the page
        return ""


def timeuntil_filter(value: Any, arg: Any = None) -> str:
    """'4 days, 6 hours' from now (or from arg) to value."""
    if not value:
        return ""
    try:
        return timeuntil(value, arg) if arg else timeuntil(value)
    except (
        ValueError,
        TypeError,
        AttributeError,
    ):  # not a date: render nothing, never fail the page
        return ""
