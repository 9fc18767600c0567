"""The humanize filters: apnumber, intcomma, intword, naturalday, naturaltime, ordinal."""

from __future__ import annotations

import datetime
import re
from datetime import UTC, date
from datetime import datetime as _datetime
from decimal import Decimal
from typing import Any

from nuages import template
from nuages.template import defaultfilters
from nuages.utils.formats import number_format
from nuages.utils.safestring import mark_safe
from nuages.utils.timesince import timesince, timeuntil
from nuages.utils.timezone import is_aware
from nuages.utils.translation import gettext as _
from nuages.utils.translation import (
    gettext_lazy,
    ngettext_lazy,
    npgettext_lazy,
    pgettext,
    round_away_from_one,
)

__all__ = [
    "NaturalTimeFormatter",
    "apnumber",
    "intcomma",
    "intword",
    "naturalday",
    "naturaltime",
    "ordinal",
    "register",
]

register = template.Library()


_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


@register.filter(is_safe=True)
def ordinal(value: Any) -> Any:
    """3 -> '3rd', 11 -> '11th', 22 -> '22nd'; anything not an integer comes back unchanged."""
    try:
        value = int(value)
    except (TypeError, ValueError):
        return value
    if value < 0:
        return str(value)
    if value % 100 in (11, 12, 13):
        text = pgettext("ordinal 11, 12, 13", "{}th")
    else:
        last = value % 10
        text = pgettext(f"ordinal {last}", "{}" + _SUFFIXES.get(last, "th"))
    return mark_safe(text.format(value))


@register.filter(is_safe=True)
def intcomma(value: Any, use_l10n: bool = True) -> str:
    """4500 -> '4,500'; with localisation on, the active locale's grouping."""
    if use_l10n:
        try:
            if not isinstance(value, (float, Decimal)):
                value = int(value)
        except (TypeError, ValueError):
            return intcomma(value, False)
        else:
            return number_format(value, use_l10n=True, force_grouping=True)
    result = str(value)
    match = re.match(r"-?\d+", result)
    if match:
        prefix = match[0]
        prefix_with_commas = re.sub(r"\d{3}", r"\g<0>,", prefix[::-1])[::-1]
        # Remove a leading comma (after the sign, or at the start).
        prefix_with_commas = re.sub(r"^(-?),", r"\1", prefix_with_commas)
        result = prefix_with_commas + result[len(prefix) :]
    return result


_SCALES = ("million", "billion", "trillion", "quadrillion", "quintillion", "sextillion")
_SCALES_MORE = ("septillion", "octillion", "nonillion", "decillion")
# (power of ten, lazy plural message); the count is the value rounded away from one.
intword_converters = tuple(
    (6 + 3 * i, ngettext_lazy(f"%(value)s {name}", f"%(value)s {name}", "count"))
    for i, name in enumerate(_SCALES + _SCALES_MORE)
) + ((100, ngettext_lazy("%(value)s googol", "%(value)s googol", "count")),)


@register.filter(is_safe=False)
def intword(value: Any) -> Any:
    """1000000 -> '1.0 million', 1200000000 -> '1.2 billion'; below a million, unchanged."""
    try:
        value = int(value)
    except (TypeError, ValueError):
        return value
    if abs(value) < 1_000_000:
        return value
    for exponent, message in intword_converters:
        unit = 10**exponent
        if abs(value) < unit * 1000:
            scaled = value / unit
            return message % {
                "value": defaultfilters.floatformat(scaled, 1),
                "count": round_away_from_one(scaled),
            }
    return value


@register.filter(is_safe=True)
def apnumber(value: Any) -> Any:
    """1-9 as words in the Associated Press style ('five'); other numbers unchanged."""
    try:
        value = int(value)
    except (TypeError, ValueError):
        return value
    if not 0 < value < 10:
        return value
    return (
        _("one"),
        _("two"),
        _("three"),
        _("four"),
        _("five"),
        _("six"),
        _("seven"),
        _("eight"),
        _("nine"),
    )[value - 1]


@register.filter(expects_localtime=True)
def naturalday(value: Any, arg: str | None = None) -> Any:
    """'today', 'tomorrow' or 'yesterday' for dates around today; else the date filter."""
    tzinfo = getattr(value, "tzinfo", None)
    try:
        value = date(value.year, value.month, value.day)
    except AttributeError:
        # Passed value wasn't a date object.
        return value
    today = datetime.datetime.now(tzinfo).date()
    delta = value - today
    if delta.days == 0:
        return _("today")
    elif delta.days == 1:
        return _("tomorrow")
    elif delta.days == -1:
        return _("yesterday")
    return defaultfilters.date(value, arg)


@register.filter
def naturaltime(value: Any) -> Any:
    """'now', '30 seconds ago', '2 hours from now'... relative to the current time."""
    return NaturalTimeFormatter.string_for(value)


def _unit_strings(context: str) -> dict[str, Any]:
    units = ("year", "month", "week", "day", "hour", "minute")
    return {
        unit: npgettext_lazy(context, f"%(num)d {unit}", f"%(num)d {unit}s", "num")
        for unit in units
    }


class NaturalTimeFormatter:
    """The phrases of naturaltime; subclass and override ``time_strings`` to change them."""

    # The counts are separated from their unit by a no-break space, as in timesince.
    time_strings = {
        "past-day": gettext_lazy("%(delta)s ago"),
        "past-hour": ngettext_lazy("an hour ago", "%(count)s\xa0hours ago", "count"),
        "past-minute": ngettext_lazy("a minute ago", "%(count)s\xa0minutes ago", "count"),
        "past-second": ngettext_lazy("a second ago", "%(count)s\xa0seconds ago", "count"),
        "now": gettext_lazy("now"),
        "future-second": ngettext_lazy(
            "a second from now", "%(count)s\xa0seconds from now", "count"
        ),
        "future-minute": ngettext_lazy(
            "a minute from now", "%(count)s\xa0minutes from now", "count"
        ),
        "future-hour": ngettext_lazy("an hour from now", "%(count)s\xa0hours from now", "count"),
        "future-day": gettext_lazy("%(delta)s from now"),
    }
    past_substrings = _unit_strings("naturaltime-past")
    future_substrings = _unit_strings("naturaltime-future")

    @classmethod
    def string_for(cls, value: Any) -> Any:
        if not isinstance(value, date):
            return value
        if not isinstance(value, _datetime):
            value = _datetime(value.year, value.month, value.day)
        # The clock is read through the module's `datetime` name (tests replace it).
        now = datetime.datetime.now(UTC if is_aware(value) else None)
        direction = "past" if value < now else "future"
        delta = now - value if direction == "past" else value - now
        if delta.days:
            if direction == "past":
                text = timesince(value, now, time_strings=cls.past_substrings)
            else:
                text = timeuntil(value, now, time_strings=cls.future_substrings)
            return cls.time_strings[f"{direction}-day"] % {"delta": text}
        seconds = delta.seconds
        if seconds == 0:
            return cls.time_strings["now"]
        if seconds < 60:
            unit, count = "second", seconds
        elif seconds < 3600:
            unit, count = "minute", seconds // 60
        else:
            unit, count = "hour", seconds // 3600
        return cls.time_strings[f"{direction}-{unit}"] % {"count": count}
