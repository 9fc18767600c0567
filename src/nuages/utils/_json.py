"""The JSON encoder Django calls DjangoJSONEncoder (public at nuages.core.serializers.json)."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from typing import Any

from nuages.utils.functional import Promise

__all__ = ["DjangoJSONEncoder"]


def _duration_iso_string(duration: datetime.timedelta) -> str:
    sign = "-" if duration < datetime.timedelta(0) else ""
    duration = abs(duration)
    days = duration.days
    seconds = duration.seconds
    microseconds = duration.microseconds
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    ms = f".{microseconds:06d}" if microseconds else ""
    return f"{sign}P{days}DT{hours:02d}H{minutes:02d}M{seconds:02d}{ms}S"


class DjangoJSONEncoder(json.JSONEncoder):
    """JSON encoder that also knows dates, times, durations, decimals, UUIDs and lazy strings."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            r = o.isoformat()
            if o.microsecond:
                r = r[:23] + r[26:]
            if r.endswith("+00:00"):
                r = r.removesuffix("+00:00") + "Z"
            return r
        if isinstance(o, datetime.date):
            return o.isoformat()
        if isinstance(o, datetime.time):
            if o.utcoffset() is not None:
                raise ValueError("JSON can't represent timezone-aware times.")
            r = o.isoformat()
            if o.microsecond:
                r = r[:12]
            return r
        if isinstance(o, datetime.timedelta):
            return _duration_iso_string(o)
        if isinstance(o, decimal.Decimal | uuid.UUID | Promise):
            return str(o)
        return super().default(o)
