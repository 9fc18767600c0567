"""Date, time and logic filters: date, time, default, default_if_none, yesno, pprint."""

from __future__ import annotations

from pprint import pformat
from typing import Any

from nuages.utils import formats
from nuages.utils.dateformat import format as date_format_string
from nuages.utils.dateformat import time_format as time_format_string
from nuages.utils.translation import gettext

__all__ = [
    "date",
    "default",
    "default_if_none",
    "pprint",
    "time",
    "yesno",
]


def date(value: Any, arg: str | None = None) -> str:
    """Format a date with a format string or a named format (DATE_FORMAT by default)."""
    if value in (None, ""):
        return ""
    try:
        return formats.date_format(value, arg)
    except AttributeError:
        try:
            return date_format_string(value, arg)
        except AttributeError:
            return ""


def time(value: Any, arg: str | None = None) -> str:
    """Format a time with a format string or a named format (TIME_FORMAT by default)."""
    if value in (None, ""):
        return ""
    try:
        return formats.time_format(value, arg)
    except (AttributeError, TypeError):
        try:
            return time_format_string(value, arg)
        except (AttributeError, TypeError):
            return ""


def default(value: Any, arg: Any) -> Any:
    return value or arg


def default_if_none(value: Any, arg: Any) -> Any:
    return arg if value is None else value


def yesno(value: Any, arg: str | None = None) -> Any:
    """Map True/False/None to 'yes,no,maybe' (or arg's comma-separated words)."""
    if arg is None:
        arg = gettext("yes,no,maybe")
    bits = arg.split(",")
    if len(bits) < 2:
        return value
    if len(bits) == 3:
        yes, no, maybe = bits
    else:
        # Two words (or too many): None shares the "no" word.
        yes, no, maybe = bits[0], bits[1], bits[1]
    if value is None:
        return maybe
    return yes if value else no


def pprint(value: Any) -> str:
    """pprint.pformat(value), for debugging; errors are reported, not raised."""
    try:
        return pformat(value)
    except Exception as e:
        return f"Error in formatting: {e.__class__.__name__}: {e}"
