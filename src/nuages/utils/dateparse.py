"""Parse ISO 8601-style text into date, time, datetime and timedelta values.

Each parser returns None when the text is not in a recognised format, and raises ValueError
when it is well formatted but names an impossible value (a 13th month, a 25th hour).
"""

from __future__ import annotations

import datetime
import re

from nuages.utils.timezone import get_fixed_timezone

__all__ = ["parse_date", "parse_datetime", "parse_duration", "parse_time"]

_TIME = (
    r"(?P<hour>\d{1,2}):(?P<minute>\d{1,2})"
    r"(?::(?P<second>\d{1,2})(?:[.,](?P<microsecond>\d{1,6})\d{0,6})?)?"
)
date_re = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
time_re = re.compile(_TIME + r"$")
datetime_re = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})[T ]"
    + _TIME
    + r"\s*(?P<tzinfo>Z|[+-]\d{2}(?::?\d{2})?)?$"
)

# nuages' own form, as written by duration_string(): "3 days, 10:20:30.5", "-1 10:00", "30".
standard_duration_re = re.compile(
    r"^(?:(?P<days>-?\d+) (?:days?, )?)?"
    r"(?P<sign>-?)"
    r"(?:(?P<hours>\d+):(?=\d+:\d+))?"
    r"(?:(?P<minutes>\d+):)?"
    r"(?P<seconds>\d+)"
    r"(?:[.,](?P<microseconds>\d{1,6})\d{0,6})?$"
)
# ISO 8601 durations of days and smaller units: "P4DT1H15M20S", "-PT0.5S".
iso8601_duration_re = re.compile(
    r"^(?P<sign>[-+]?)P"
    r"(?:(?P<days>\d+(?:[.,]\d+)?)D)?"
    r"(?:T"
    r"(?:(?P<hours>\d+(?:[.,]\d+)?)H)?"
    r"(?:(?P<minutes>\d+(?:[.,]\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?"
    r")?$"
)
# PostgreSQL's interval output: "3 days 04:05:06", "-1 day -01:00:00", "04:05:06.5".
postgres_interval_re = re.compile(
    r"^(?:(?P<days>-?\d+) days? ?)?"
    r"(?:(?P<sign>[-+])?(?P<hours>\d+):(?P<minutes>\d\d):(?P<seconds>\d\d)"
    r"(?:\.(?P<microseconds>\d{1,6}))?)?$"
)


def _int_fields(groups: dict[str, str | None]) -> dict[str, int]:
    if groups.get("microsecond"):
        groups["microsecond"] = groups["microsecond"].ljust(6, "0")
    return {key: int(value) for key, value in groups.items() if value is not None}


def parse_date(value: str) -> datetime.date | None:
    """'2012-04-23' (or any ISO form Python reads, or '2012-4-9') as a date."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        match = date_re.match(value)
        return datetime.date(**_int_fields(match.groupdict())) if match else None


def parse_time(value: str) -> datetime.time | None:
    """'09:15:00' as a naive time; an offset, if any, is dropped."""
    try:
        # A time of day with an offset has no use without a date: keep it naive.
        return datetime.time.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        match = time_re.match(value)
        return datetime.time(**_int_fields(match.groupdict())) if match else None


def parse_datetime(value: str) -> datetime.datetime | None:
    """'2012-04-23T09:15:00+02:00' as a datetime, aware when an offset or 'Z' is given."""
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        match = datetime_re.match(value)
        if not match:
            return None
    groups = match.groupdict()
    offset = groups.pop("tzinfo")
    tzinfo: datetime.tzinfo | None = None
    if offset == "Z":
        tzinfo = datetime.UTC
    elif offset is not None:
        minutes = 60 * int(offset[1:3]) + (int(offset[-2:]) if len(offset) > 3 else 0)
        tzinfo = get_fixed_timezone(-minutes if offset[0] == "-" else minutes)
    return datetime.datetime(**_int_fields(groups), tzinfo=tzinfo)


def parse_duration(value: str) -> datetime.timedelta | None:
    """A timedelta from nuages' format ('3 10:20:30'), ISO 8601 ('P3DT10H') or PostgreSQL's."""
    match = (
        standard_duration_re.match(value)
        or iso8601_duration_re.match(value)
        or postgres_interval_re.match(value)
    )
    if not match:
        return None
    groups = match.groupdict()
    sign = -1 if groups.pop("sign", "+") == "-" else 1
    if groups.get("microseconds"):
        groups["microseconds"] = groups["microseconds"].ljust(6, "0")
    parts = {k: float(v.replace(",", ".")) for k, v in groups.items() if v is not None}
    days = datetime.timedelta(parts.pop("days", 0.0))
    # ISO 8601's sign covers the whole duration; the other forms sign days on their own.
    if match.re is iso8601_duration_re:
        days *= sign
    return days + sign * datetime.timedelta(**parts)
