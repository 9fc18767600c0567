"""PHP-style date formatting, as used by the ``date`` and ``time`` template filters.

>>> format(datetime(2003, 10, 7, 11, 39), "jS F Y H:i")
'7th October 2003 11:39'

Each format character is a method of DateFormat (dates) or TimeFormat (times of day); a
backslash makes the next character literal. Names come from nuages.utils.dates, so they are
translated into the active language.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from datetime import date, datetime, time, tzinfo
from email.utils import format_datetime as _format_datetime_rfc5322
from typing import Any

from nuages.utils.dates import MONTHS, MONTHS_3, MONTHS_ALT, MONTHS_AP, WEEKDAYS, WEEKDAYS_ABBR
from nuages.utils.timezone import (
    _datetime_ambiguous_or_imaginary,
    get_default_timezone,
    is_naive,
    make_aware,
)
from nuages.utils.translation import gettext as _

__all__ = ["DateFormat", "TimeFormat", "format", "time_format"]

FORMAT_CHARS = "aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ"
# A format character counts unless a backslash stands right before it.
re_formatchars = re.compile(rf"(?<!\\)([{FORMAT_CHARS}])")
re_escaped = re.compile(r"\\(.)")


@functools.lru_cache(maxsize=512)
def _parse(format_string: str) -> tuple[tuple[bool, str], ...]:
    """Split a format into (is_format_char, text) pieces, escapes already resolved."""
    pieces = []
    for i, piece in enumerate(re_formatchars.split(format_string)):
        if i % 2:
            pieces.append((True, piece))
        elif piece:
            pieces.append((False, re_escaped.sub(r"\1", piece)))
    return tuple(pieces)


class Formatter:
    """Applies a format string to ``self.data`` by calling one method per format character."""

    data: Any

    def format(self, formatstr: Any) -> str:
        out = []
        date_only = type(self.data) is date
        for is_char, text in _parse(str(formatstr)):
            if not is_char:
                out.append(text)
                continue
            if date_only and text in _TIME_CHARS:
                raise TypeError(
                    "The format for date objects may not contain time-related format "
                    f"specifiers (found '{text}')."
                )
            out.append(str(getattr(self, text)()))
        return "".join(out)


class TimeFormat(Formatter):
    """Format characters about the time of day and the time zone."""

    def __init__(self, obj: datetime | time | date) -> None:
        self.data = obj
        self.timezone: tzinfo | None = None
        # Zones apply to datetimes only: a bare time has no date to resolve DST with. A naive
        # datetime is read in the default zone; an ambiguous or imaginary one gets no zone.
        if isinstance(obj, datetime):
            zone = get_default_timezone() if is_naive(obj) else obj.tzinfo
            if not _datetime_ambiguous_or_imaginary(obj, zone):
                self.timezone = zone

    @property
    def _no_timezone_or_datetime_is_ambiguous_or_imaginary(self) -> bool:
        return not self.timezone or _datetime_ambiguous_or_imaginary(self.data, self.timezone)

    def a(self) -> str:
        """'a.m.' or 'p.m.'"""
        return _("p.m.") if self.data.hour > 11 else _("a.m.")

    def A(self) -> str:
        """'AM' or 'PM'"""
        return _("PM") if self.data.hour > 11 else _("AM")

    def e(self) -> str:
        """The zone name of an aware datetime ('CET', '+0100'); '' otherwise."""
        if not self.timezone:
            return ""
        try:
            if getattr(self.data, "tzinfo", None):
                return self.data.tzname() or ""
        except NotImplementedError:
            pass
        return ""

    def f(self) -> str | int:
        """12-hour time with minutes only when non-zero: '1', '1:30'."""
        hour = self.data.hour % 12 or 12
        minute = self.data.minute
        return f"{hour}:{minute:02d}" if minute else hour

    def g(self) -> int:
        """Hour, 12-hour clock, no leading zero: '1' to '12'."""
        return self.data.hour % 12 or 12

    def G(self) -> int:
        """Hour, 24-hour clock, no leading zero: '0' to '23'."""
        return self.data.hour

    def h(self) -> str:
        """Hour, 12-hour clock: '01' to '12'."""
        return f"{self.g():02d}"

    def H(self) -> str:
        """Hour, 24-hour clock: '00' to '23'."""
        return f"{self.G():02d}"

    def i(self) -> str:
        """Minutes: '00' to '59'."""
        return f"{self.data.minute:02d}"

    def O(self) -> str:  # noqa: E743 - the format character
        """Offset from UTC as '+0200'; '' without a definite zone."""
        if self._no_timezone_or_datetime_is_ambiguous_or_imaginary:
            return ""
        seconds = self.Z()
        sign = "-" if seconds < 0 else "+"
        seconds = abs(seconds)
        return f"{sign}{seconds // 3600:02d}{(seconds // 60) % 60:02d}"

    def P(self) -> str:
        """'1 a.m.', '1:30 p.m.', 'midnight', 'noon'."""
        if self.data.minute == 0:
            if self.data.hour == 0:
                return _("midnight")
            if self.data.hour == 12:
                return _("noon")
        return f"{self.f()} {self.a()}"

    def s(self) -> str:
        """Seconds: '00' to '59'."""
        return f"{self.data.second:02d}"

    def T(self) -> str:
        """Zone abbreviation ('EST', 'UTC'); '' without a definite zone."""
        if self.timezone is None:
            return ""
        return str(self.timezone.tzname(self.data))

    def u(self) -> str:
        """Microseconds: '000000' to '999999'."""
        return f"{self.data.microsecond:06d}"

    def Z(self) -> int | str:
        """Offset from UTC in seconds (west is negative); '' without a definite zone."""
        if self._no_timezone_or_datetime_is_ambiguous_or_imaginary:
            return ""
        offset = self.timezone.utcoffset(self.data)
        return offset.days * 86400 + offset.seconds


# Characters that need a time of day: refused for plain dates.
_TIME_CHARS = frozenset(c for c in FORMAT_CHARS if c in vars(TimeFormat))


class DateFormat(TimeFormat):
    """All format characters: the calendar ones and, for datetimes, the time ones."""

    def b(self) -> str:
        """Month, lower-case three letters: 'jan'."""
        return MONTHS_3[self.data.month]

    def c(self) -> str:
        """ISO 8601: '2008-01-02T10:30:00.000123+02:00'."""
        return self.data.isoformat()

    def d(self) -> str:
        """Day of the month: '01' to '31'."""
        return f"{self.data.day:02d}"

    def D(self) -> str:
        """Weekday, three letters: 'Fri'."""
        return WEEKDAYS_ABBR[self.data.weekday()]

    def E(self) -> str:
        """Month in the form used within a date (locale-specific): 'listopada'."""
        return MONTHS_ALT[self.data.month]

    def F(self) -> str:
        """Month, full name: 'January'."""
        return MONTHS[self.data.month]

    def I(self) -> str:  # noqa: E743 - the format character
        """'1' during daylight saving time, '0' otherwise; '' without a definite zone."""
        if self._no_timezone_or_datetime_is_ambiguous_or_imaginary:
            return ""
        return "1" if self.timezone.dst(self.data) else "0"

    def j(self) -> int:
        """Day of the month without leading zero: '1' to '31'."""
        return self.data.day

    def l(self) -> str:  # noqa: E743 - the format character
        """Weekday, full name: 'Friday'."""
        return WEEKDAYS[self.data.weekday()]

    def L(self) -> bool:
        """Whether the year is a leap year: True or False."""
        return calendar.isleap(self.data.year)

    def m(self) -> str:
        """Month: '01' to '12'."""
        return f"{self.data.month:02d}"

    def M(self) -> str:
        """Month, three letters: 'Jan'."""
        return MONTHS_3[self.data.month].title()

    def n(self) -> int:
        """Month without leading zero: '1' to '12'."""
        return self.data.month

    def N(self) -> str:
        """Month, Associated Press style: 'Jan.', 'Feb.', 'March', 'May', 'Sept.'."""
        return MONTHS_AP[self.data.month]

    def o(self) -> int:
        """ISO 8601 week-numbering year (the year of the 'W' week)."""
        return self.data.isocalendar().year

    def r(self) -> str:
        """RFC 5322: 'Thu, 21 Dec 2000 16:01:07 +0200' (always English names)."""
        value = self.data
        if not isinstance(value, datetime):
            # A date is midnight in the default zone.
            value = datetime.combine(value, time.min).replace(tzinfo=get_default_timezone())
        elif is_naive(value):
            value = make_aware(value, timezone=self.timezone)
        return _format_datetime_rfc5322(value)

    def S(self) -> str:
        """English ordinal suffix of the day: 'st', 'nd', 'rd' or 'th'."""
        day = self.data.day
        if day in (11, 12, 13):
            return "th"
        return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")

    def t(self) -> int:
        """Number of days in the month: 28 to 31."""
        return calendar.monthrange(self.data.year, self.data.month)[1]

    def U(self) -> int:
        """Seconds since the Unix epoch; a date counts from its midnight."""
        value = self.data
        if not isinstance(value, datetime):
            value = datetime.combine(value, time.min)
        return int(value.timestamp())

    def w(self) -> int:
        """Weekday as a number: '0' (Sunday) to '6' (Saturday)."""
        return (self.data.weekday() + 1) % 7

    def W(self) -> int:
        """ISO 8601 week number, weeks starting on Monday: 1 to 53."""
        return self.data.isocalendar().week

    def y(self) -> str:
        """Year, two digits: '99'."""
        return f"{self.data.year % 100:02d}"

    def Y(self) -> str:
        """Year, at least four digits: '1999', '0123'."""
        return f"{self.data.year:04d}"

    def z(self) -> int:
        """Day of the year: 1 to 366."""
        return self.data.timetuple().tm_yday


# Characters that depend on the date alone (no zone, no translation), as f-string fields.
_PLAIN_DATE_FIELDS = {
    "d": "{v.day:02d}",
    "j": "{v.day}",
    "m": "{v.month:02d}",
    "n": "{v.month}",
    "Y": "{v.year:04d}",
}


@functools.lru_cache(maxsize=512)
def _plain_formatter(format_string: str) -> Callable[[date], str] | None:
    """format_string compiled to one f-string, if it uses only plain date characters."""
    fields = []
    constants: dict[str, str] = {}
    for is_char, text in _parse(format_string):
        if not is_char:
            name = f"k{len(constants)}"
            constants[name] = text  # literal text is passed in, never put in the source
            fields.append(f"{{{name}}}")
        elif text in _PLAIN_DATE_FIELDS:
            fields.append(_PLAIN_DATE_FIELDS[text])
        else:
            return None
    params = "".join(f", {name}={name}" for name in constants)
    source = f'lambda v{params}: f"{"".join(fields)}"'
    # The source holds only the fixed fields above: literal text arrives as default values.
    return eval(source, {}, constants)


def format(value: date | datetime, format_string: Any) -> str:
    """Format a date or datetime with ``format_string``."""
    if type(value) is date:
        formatter = _plain_formatter(str(format_string))
        if formatter is not None:
            return formatter(value)
    return DateFormat(value).format(format_string)


def time_format(value: time | datetime, format_string: Any) -> str:
    """Format a time (or a datetime's time) with ``format_string``: time characters only."""
    return TimeFormat(value).format(format_string)
