"""Text forms of timedelta: nuages' own ('3 10:20:30.000001') and ISO 8601 ('P3DT10H20M30S')."""

from __future__ import annotations

import datetime

__all__ = ["duration_iso_string", "duration_microseconds", "duration_string"]


def _components(duration: datetime.timedelta) -> tuple[int, int, int, int, int]:
    minutes, seconds = divmod(duration.seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return duration.days, hours, minutes, seconds, duration.microseconds


def duration_string(duration: datetime.timedelta) -> str:
    """'[D ]HH:MM:SS[.uuuuuu]': str(timedelta) without its English 'days'."""
    days, hours, minutes, seconds, microseconds = _components(duration)
    text = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if days:
        text = f"{days} {text}"
    if microseconds:
        text += f".{microseconds:06d}"
    return text


def duration_iso_string(duration: datetime.timedelta) -> str:
    """ISO 8601 'P<d>DT<hh>H<mm>M<ss>[.uuuuuu]S', with a leading '-' for negative durations."""
    sign = ""
    if duration < datetime.timedelta(0):
        sign, duration = "-", -duration
    days, hours, minutes, seconds, microseconds = _components(duration)
    fraction = f".{microseconds:06d}" if microseconds else ""
    return f"{sign}P{days}DT{hours:02d}H{minutes:02d}M{seconds:02d}{fraction}S"


def duration_microseconds(delta: datetime.timedelta) -> int:
    """The whole duration in microseconds."""
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
