"""Human-readable elapsed time: '2 weeks, 3 days', in the active language."""

from __future__ import annotations

import datetime
from typing import Any

from nuages.utils.timezone import is_aware
from nuages.utils.translation import gettext, ngettext_lazy

__all__ = ["TIME_CHUNKS", "TIME_STRINGS", "timesince", "timeuntil"]

TIME_STRINGS = {
    "year": ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    "month": ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    "week": ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    "day": ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    "hour": ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    "minute": ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
}
_UNITS = list(TIME_STRINGS)

# Seconds in a week, day, hour and minute: the units below months, which are calendar-based.
TIME_CHUNKS = [60 * 60 * 24 * 7, 60 * 60 * 24, 60 * 60, 60]

# A month shift that lands past the end of the month stops at these day counts (February is
# always 28: a shift from January 29-31 lands on February 28, leap year or not).
MONTHS_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _no_break(text: str) -> str:
    # "3 days" must not wrap between the number and the unit.
    return text.replace(" ", "\xa0")


def _as_datetime(value: datetime.date) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime(value.year, value.month, value.day)


def timesince(
    d: datetime.date,
    now: datetime.date | None = None,
    reversed: bool = False,
    time_strings: dict[str, Any] | None = None,
    depth: int = 2,
) -> str:
    """The time from ``d`` to ``now`` as up to ``depth`` adjacent units ('1 week, 2 days').

    Units are years, months, weeks, days, hours and minutes; a zero unit ends the text early
    ('1 year' rather than '1 year, 0 months'). A ``d`` in the future gives '0 minutes'.
    ``time_strings`` replaces the unit phrases (lazy plural strings keyed by unit, with a
    ``num`` placeholder).
    """
    if time_strings is None:
        time_strings = TIME_STRINGS
    if depth <= 0:
        raise ValueError("depth must be greater than 0.")
    d = _as_datetime(d)
    if now:
        now = _as_datetime(now)
    if not now:
        now = datetime.datetime.now(d.tzinfo if is_aware(d) else None)
    elif is_aware(now) and is_aware(d):
        now = now.astimezone(d.tzinfo)
    if reversed:
        d, now = now, d
    delta = now - d
    # Whole seconds only.
    if delta.days * 86400 + delta.seconds <= 0:
        return _no_break(time_strings["minute"] % {"num": 0})

    # Whole calendar months first, counted the way a person would (Jan 31 -> Feb 28 is not
    # a month), then the rest measured from d shifted by those months.
    months = (now.year - d.year) * 12 + (now.month - d.month)
    if (now.day, now.time()) < (d.day, d.time()):
        months -= 1
    years, months = divmod(months, 12)
    pivot = d
    if years or months:
        year, month = d.year + years, d.month + months
        if month > 12:
            year, month = year + 1, month - 12
        pivot = datetime.datetime(
            year,
            month,
            min(MONTHS_DAYS[month - 1], d.day),
            d.hour,
            d.minute,
            d.second,
            tzinfo=d.tzinfo,
        )
    remaining = (now - pivot).total_seconds()
    counts = [years, months]
    for chunk in TIME_CHUNKS:
        count = int(remaining // chunk)
        counts.append(count)
        remaining -= chunk * count

    first = next((i for i, count in enumerate(counts) if count), None)
    if first is None:
        return _no_break(time_strings["minute"] % {"num": 0})
    parts = []
    for unit, count in zip(
        _UNITS[first : first + depth], counts[first : first + depth], strict=True
    ):
        if not count:
            break
        parts.append(_no_break(time_strings[unit] % {"num": count}))
    return gettext(", ").join(parts)


def timeuntil(
    d: datetime.date,
    now: datetime.date | None = None,
    time_strings: dict[str, Any] | None = None,
    depth: int = 2,
) -> str:
    """Like timesince(), but for the time from ``now`` until a future ``d``."""
    return timesince(d, now, reversed=True, time_strings=time_strings, depth=depth)
