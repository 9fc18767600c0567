"""Time zone support: the default and current zones, aware/naive conversions.

The *current* time zone lives in a context variable, so each thread and each asyncio task sees
its own activation. Like Django, this utility reads ``nuages.conf.settings`` (TIME_ZONE,
USE_TZ): that dependency on conf is the documented design, not a layering slip.
"""

from __future__ import annotations

import functools
import zoneinfo
from contextlib import ContextDecorator
from contextvars import ContextVar
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from nuages.conf import settings
from nuages.core.signals import setting_changed

__all__ = [
    "activate",
    "deactivate",
    "get_current_timezone",
    "get_current_timezone_name",
    "get_default_timezone",
    "get_default_timezone_name",
    "get_fixed_timezone",
    "is_aware",
    "is_naive",
    "localdate",
    "localtime",
    "make_aware",
    "make_naive",
    "now",
    "override",
    "template_localtime",
    "utc",
]

utc = UTC

# None means "no activation": fall back to the default time zone.
_active: ContextVar[tzinfo | None] = ContextVar("nuages_active_timezone", default=None)


def get_fixed_timezone(offset: timedelta | int) -> timezone:
    """A fixed-offset zone; ``offset`` is a timedelta or a number of minutes east of UTC."""
    if isinstance(offset, timedelta):
        offset = offset.days * 1440 + offset.seconds // 60
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset), 60)
    return timezone(timedelta(minutes=offset), f"{sign}{hours:02d}{minutes:02d}")


@functools.cache
def get_default_timezone() -> tzinfo:
    """The zone named by settings.TIME_ZONE (cached until that setting changes)."""
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _zone_name(zone: tzinfo) -> str:
    # ZoneInfo answers tzname(None) with None: its key is the useful name then.
    return zone.tzname(None) or str(zone)


def get_default_timezone_name() -> str:
    return _zone_name(get_default_timezone())


def get_current_timezone() -> tzinfo:
    """The zone activated in this context, else the default one."""
    active = _active.get()
    return get_default_timezone() if active is None else active


def get_current_timezone_name() -> str:
    return _zone_name(get_current_timezone())


def activate(timezone: tzinfo | str) -> None:
    """Make ``timezone`` (a tzinfo or an IANA name) the current zone of this context."""
    if isinstance(timezone, tzinfo):
        _active.set(timezone)
    elif isinstance(timezone, str):
        _active.set(zoneinfo.ZoneInfo(timezone))
    else:
        raise ValueError(f"Invalid timezone: {timezone!r}")


def deactivate() -> None:
    """Return to the default time zone in this context."""
    _active.set(None)


class override(ContextDecorator):
    """Activate a zone for a block or a function; ``None`` means the default zone."""

    def __init__(self, timezone: tzinfo | str | None) -> None:
        self.timezone = timezone

    def __enter__(self) -> None:
        self.old_timezone = _active.get()
        if self.timezone is None:
            deactivate()
        else:
            activate(self.timezone)

    def __exit__(self, *exc_info: Any) -> None:
        _active.set(self.old_timezone)


def template_localtime(value: Any, use_tz: bool | None = None) -> Any:
    """Convert an aware datetime to the current zone for display; leave anything else."""
    if not isinstance(value, datetime):
        return value
    if not (settings.USE_TZ if use_tz is None else use_tz):
        return value
    if is_naive(value) or not getattr(value, "convert_to_local_time", True):
        return value
    return localtime(value)


def localtime(value: datetime | None = None, timezone: tzinfo | None = None) -> datetime:
    """An aware datetime (default: now) expressed in ``timezone`` (default: current)."""
    if value is None:
        value = now()
    if timezone is None:
        timezone = get_current_timezone()
    if is_naive(value):
        raise ValueError("localtime() cannot be applied to a naive datetime")
    return value.astimezone(timezone)


def localdate(value: datetime | None = None, timezone: tzinfo | None = None) -> date:
    """The calendar date of ``value`` (default: now) in ``timezone`` (default: current)."""
    return localtime(value, timezone).date()


def now() -> datetime:
    """The current instant: aware in UTC when USE_TZ, naive local time otherwise."""
    return datetime.now(tz=utc if settings.USE_TZ else None)


def is_aware(value: datetime | time) -> bool:
    """True if ``value`` carries a UTC offset."""
    return value.utcoffset() is not None


def is_naive(value: datetime | time) -> bool:
    """True if ``value`` carries no UTC offset."""
    return value.utcoffset() is None


def make_aware(value: datetime, timezone: tzinfo | None = None) -> datetime:
    """Attach ``timezone`` (default: current) to a naive datetime."""
    if timezone is None:
        timezone = get_current_timezone()
    if is_aware(value):
        raise ValueError(f"make_aware expects a naive datetime, got {value}")
    return value.replace(tzinfo=timezone)


def make_naive(value: datetime, timezone: tzinfo | None = None) -> datetime:
    """Express an aware datetime in ``timezone`` (default: current) and drop the zone."""
    if timezone is None:
        timezone = get_current_timezone()
    if is_naive(value):
        raise ValueError("make_naive() cannot be applied to a naive datetime")
    return value.astimezone(timezone).replace(tzinfo=None)


def _datetime_ambiguous_or_imaginary(dt: datetime, tz: tzinfo) -> bool:
    """True in a DST fold (ambiguous) or gap (imaginary): the offset depends on ``fold``."""
    return tz.utcoffset(dt.replace(fold=not dt.fold)) != tz.utcoffset(dt)


def _reset_default_timezone(*, setting: str, **kwargs: Any) -> None:
    if setting == "TIME_ZONE":
        get_default_timezone.cache_clear()


setting_changed.connect(_reset_default_timezone, dispatch_uid="nuages.utils.timezone")
