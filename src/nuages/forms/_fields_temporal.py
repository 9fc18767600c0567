"""Date, time, datetime and duration fields."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from nuages.core.exceptions import ValidationError
from nuages.forms._fields_base import Field
from nuages.forms.utils import from_current_timezone, to_current_timezone
from nuages.forms.widgets import DateInput, DateTimeInput, TimeInput
from nuages.utils import formats
from nuages.utils.dateparse import parse_datetime, parse_duration
from nuages.utils.duration import duration_string
from nuages.utils.translation import gettext_lazy as _

__all__ = ["BaseTemporalField", "DateField", "DateTimeField", "DurationField", "TimeField"]


class BaseTemporalField(Field):
    input_formats: Any = ()

    def __init__(self, *, input_formats: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if input_formats is not None:
            self.input_formats = input_formats

    def to_python(self, value: Any) -> Any:
        value = str(value).strip()
        for format in self.input_formats:
            try:
                return self.strptime(value, format)
            except (ValueError, TypeError, OverflowError):
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def strptime(self, value: str, format: str) -> Any:
        raise NotImplementedError("Subclasses must define this method.")


class _LazyFormats:
    """The active locale's input formats, read when iterated."""

    def __init__(self, key: str, *extra: str) -> None:
        self.keys = (key, *extra)

    def __iter__(self) -> Iterator[str]:
        yield from formats.ISO_INPUT_FORMATS.get(self.keys[0], [])
        for key in self.keys:
            yield from formats.get_format(key)


class DateField(BaseTemporalField):
    widget = DateInput
    input_formats = _LazyFormats("DATE_INPUT_FORMATS")
    default_error_messages = {"invalid": _("Enter a valid date.")}

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return super().to_python(value)

    def strptime(self, value: str, format: str) -> datetime.date:
        return datetime.datetime.strptime(value, format).date()


class TimeField(BaseTemporalField):
    widget = TimeInput
    input_formats = _LazyFormats("TIME_INPUT_FORMATS")
    default_error_messages = {"invalid": _("Enter a valid time.")}

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.time):
            return value
        return super().to_python(value)

    def strptime(self, value: str, format: str) -> datetime.time:
        return datetime.datetime.strptime(value, format).time()


class DateTimeField(BaseTemporalField):
    widget = DateTimeInput
    input_formats = _LazyFormats("DATETIME_INPUT_FORMATS", "DATE_INPUT_FORMATS")
    default_error_messages = {"invalid": _("Enter a valid date/time.")}

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime.datetime):
            value = to_current_timezone(value)
        return value

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return from_current_timezone(value)
        if isinstance(value, datetime.date):
            return from_current_timezone(datetime.datetime(value.year, value.month, value.day))
        try:
            result = parse_datetime(str(value).strip())
        except (ValueError, OverflowError):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if not result:
            result = super().to_python(value)
        return from_current_timezone(result)

    def strptime(self, value: str, format: str) -> datetime.datetime:
        return datetime.datetime.strptime(value, format)


class DurationField(Field):
    default_error_messages = {
        "invalid": _("Enter a valid duration."),
        "overflow": _("The number of days must be between {min_days} and {max_days}."),
    }

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime.timedelta):
            return duration_string(value)
        return value

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.timedelta):
            return value
        try:
            value = parse_duration(str(value))
        except OverflowError:
            raise ValidationError(
                self.error_messages["overflow"].format(
                    min_days=datetime.timedelta.min.days, max_days=datetime.timedelta.max.days
                ),
                code="overflow",
            )
        if value is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value
