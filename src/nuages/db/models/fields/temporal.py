"""Date, DateTime, Time and Duration fields, with USE_TZ handling per backend."""

from __future__ import annotations

import datetime
import warnings
from typing import Any

from nuages import forms
from nuages.conf import settings
from nuages.core import exceptions
from nuages.db.models.fields._base import Field
from nuages.utils import timezone

__all__ = ["DateField", "DateTimeField", "DurationField", "TimeField"]

UTC = datetime.UTC


def _invalid(field: Field, value: Any, code: str = "invalid") -> exceptions.ValidationError:
    return exceptions.ValidationError(
        field.error_messages[code], code=code, params={"value": value}
    )


class _AutoNowMixin:
    def __init__(
        self,
        verbose_name: str | None = None,
        name: str | None = None,
        auto_now: bool = False,
        auto_now_add: bool = False,
        **kwargs: Any,
    ) -> None:
        self.auto_now, self.auto_now_add = auto_now, auto_now_add
        if auto_now or auto_now_add:
            kwargs["editable"] = False
            kwargs["blank"] = True
        super().__init__(verbose_name, name, **kwargs)  # type: ignore[call-arg]

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()  # type: ignore[misc]
        for flag in ("auto_now", "auto_now_add"):
            if getattr(self, flag):
                kwargs[flag] = True
                kwargs.pop("editable", None)
                kwargs.pop("blank", None)
        return name, path, args, kwargs

    def _now(self) -> Any:
        raise NotImplementedError

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        if self.auto_now or (self.auto_now_add and add):
            value = self._now()
            setattr(model_instance, self.attname, value)  # type: ignore[attr-defined]
            return value
        return super().pre_save(model_instance, add)  # type: ignore[misc]


class DateField(_AutoNowMixin, Field):
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format.",
        "invalid_date": "“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date.",
    }
    description = "Date (without time)"

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": forms.DateField, **kwargs})

    def _now(self) -> datetime.date:
        return timezone.localdate() if settings.USE_TZ else datetime.date.today()

    def to_python(self, value: Any) -> Any:
        if value is None or type(value) is datetime.date:
            return value
        if isinstance(value, datetime.datetime):
            if settings.USE_TZ and timezone.is_aware(value):
                value = timezone.make_naive(value, timezone.get_default_timezone())
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError as e:
            raise _invalid(self, value) from e

    def get_prep_value(self, value: Any) -> Any:
        return self._prep_via_to_python(super().get_prep_value(value), "a date")

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is not None and connection.vendor == "sqlite" and isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def get_db_converters(self, connection: Any) -> list:
        converters = super().get_db_converters(connection)
        if connection.vendor == "sqlite":
            converters.insert(0, _parse_date)
        return converters

    def contribute_to_class(self, cls: type, name: str, **kwargs: Any) -> None:
        super().contribute_to_class(cls, name, **kwargs)
        if not self.null:
            for kind, reverse in (("next", False), ("previous", True)):
                method = f"get_{kind}_by_{self.name}"
                if method not in cls.__dict__:
                    setattr(cls, method, _make_next_previous(self, reverse))


def _make_next_previous(field: Field, is_previous: bool) -> Any:
    def method(self: Any, **kwargs: Any) -> Any:
        return self._get_next_or_previous_by_FIELD(field, is_next=not is_previous, **kwargs)

    return method


def _parse_date(value: Any, expression: Any, connection: Any) -> Any:
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    return value


class DateTimeField(DateField):
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.",
    }
    description = "Date (with time)"

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": forms.DateTimeField, **kwargs})

    def _now(self) -> datetime.datetime:
        return timezone.now()

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, datetime.datetime):
            return value
        if isinstance(value, datetime.date):
            value = datetime.datetime(value.year, value.month, value.day)
            if settings.USE_TZ:
                value = timezone.make_aware(value, timezone.get_default_timezone())
            return value
        try:
            return datetime.datetime.fromisoformat(str(value))
        except ValueError as e:
            raise _invalid(self, value) from e

    def get_prep_value(self, value: Any) -> Any:
        value = Field.get_prep_value(self, value)
        if value is None or hasattr(value, "resolve_expression"):
            return value
        try:
            value = self.to_python(value)
        except exceptions.ValidationError as e:
            raise self._invalid(value, "a datetime") from e
        if settings.USE_TZ and timezone.is_naive(value):
            warnings.warn(
                f"DateTimeField {self.model.__name__ if self.model else ''}.{self.name} received a naive "
                "datetime while time zone support is active.",
                RuntimeWarning,
                stacklevel=2,
            )
            value = timezone.make_aware(value, timezone.get_default_timezone())
        return value

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or not isinstance(value, datetime.datetime):
            return value
        vendor = connection.vendor
        if vendor == "postgresql":
            return value
        if value.tzinfo is not None:
            if not settings.USE_TZ:
                raise ValueError(
                    f"{vendor} backend does not support timezone-aware datetimes when USE_TZ is False."
                )
            value = value.astimezone(UTC).replace(tzinfo=None)
        if vendor == "sqlite":
            return value.isoformat(" ")
        return value

    def get_db_converters(self, connection: Any) -> list:
        converters = Field.get_db_converters(self, connection)
        vendor = connection.vendor
        if vendor == "postgresql":
            return converters
        use_tz = settings.USE_TZ
        if vendor == "sqlite":

            def convert(value: Any, expression: Any, conn: Any) -> Any:
                if value is None:
                    return None
                if isinstance(value, str):
                    value = datetime.datetime.fromisoformat(value)
                if use_tz and value.tzinfo is None:
                    value = value.replace(tzinfo=UTC)
                return value

        else:

            def convert(value: Any, expression: Any, conn: Any) -> Any:
                if value is not None and use_tz and value.tzinfo is None:
                    value = value.replace(tzinfo=UTC)
                return value

        return [convert, *converters]


class TimeField(_AutoNowMixin, Field):
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format.",
    }
    description = "Time"

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": forms.TimeField, **kwargs})

    def _now(self) -> datetime.time:
        return (timezone.localtime() if settings.USE_TZ else datetime.datetime.now()).time()

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, datetime.time):
            return value
        if isinstance(value, datetime.datetime):
            return value.time()
        try:
            return datetime.time.fromisoformat(str(value))
        except ValueError as e:
            raise _invalid(self, value) from e

    def get_prep_value(self, value: Any) -> Any:
        return self._prep_via_to_python(super().get_prep_value(value), "a time")

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is not None and connection.vendor == "sqlite" and isinstance(value, datetime.time):
            return value.isoformat()
        return value

    def get_db_converters(self, connection: Any) -> list:
        converters = super().get_db_converters(connection)
        if connection.vendor != "postgresql":
            converters.insert(0, _to_time)
        return converters


def _to_time(value: Any, expression: Any, connection: Any) -> Any:
    if isinstance(value, str):
        return datetime.time.fromisoformat(value)
    if isinstance(value, datetime.timedelta):
        return (datetime.datetime.min + value).time()
    return value


class DurationField(Field):
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format.",
    }
    description = "Duration"

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": forms.DurationField, **kwargs})

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, datetime.timedelta):
            return value
        try:
            return datetime.timedelta(microseconds=int(value))
        except (TypeError, ValueError) as e:
            raise _invalid(self, value) from e

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if (
            value is None
            or connection.vendor == "postgresql"
            or not isinstance(value, datetime.timedelta)
        ):
            return value
        return (value.days * 86400 + value.seconds) * 1_000_000 + value.microseconds

    def get_db_converters(self, connection: Any) -> list:
        converters = super().get_db_converters(connection)
        if connection.vendor != "postgresql":
            converters.insert(0, _micros_to_timedelta)
        return converters


def _micros_to_timedelta(value: Any, expression: Any, connection: Any) -> Any:
    return value if value is None else datetime.timedelta(microseconds=int(value))
