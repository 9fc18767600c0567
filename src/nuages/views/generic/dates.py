"""Date-based views: archives by year, month, week, day, today, and a dated detail view."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured
from nuages.http import Http404
from nuages.utils import timezone
from nuages.utils.functional import cached_property
from nuages.views.generic.base import View
from nuages.views.generic.detail import BaseDetailView, SingleObjectTemplateResponseMixin
from nuages.views.generic.list import MultipleObjectMixin, MultipleObjectTemplateResponseMixin

__all__ = [
    "ArchiveIndexView",
    "BaseArchiveIndexView",
    "BaseDateDetailView",
    "BaseDateListView",
    "BaseDayArchiveView",
    "BaseMonthArchiveView",
    "BaseTodayArchiveView",
    "BaseWeekArchiveView",
    "BaseYearArchiveView",
    "DateDetailView",
    "DateMixin",
    "DayArchiveView",
    "DayMixin",
    "MonthArchiveView",
    "MonthMixin",
    "TodayArchiveView",
    "WeekArchiveView",
    "WeekMixin",
    "YearArchiveView",
    "YearMixin",
]


def _url_part(view: Any, attr: str, label: str) -> Any:
    """The view attribute, else the URL kwarg, else the query string value; else 404."""
    value = getattr(view, attr)
    if value is None:
        value = view.kwargs.get(attr)
        if value is None:
            value = view.request.GET.get(attr)
            if value is None:
                raise Http404(f"No {label} specified")
    return value


def _out_of_range() -> Http404:
    return Http404("Date out of range")


class YearMixin:
    year_format = "%Y"
    year: Any = None

    def get_year_format(self) -> str:
        return self.year_format

    def get_year(self) -> Any:
        return _url_part(self, "year", "year")

    def get_next_year(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=False, period="year")

    def get_previous_year(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=True, period="year")

    def _get_next_year(self, date: datetime.date) -> datetime.date:
        try:
            return date.replace(year=date.year + 1, month=1, day=1)
        except ValueError:
            raise _out_of_range() from None

    def _get_current_year(self, date: datetime.date) -> datetime.date:
        return date.replace(month=1, day=1)


class MonthMixin:
    month_format = "%b"
    month: Any = None

    def get_month_format(self) -> str:
        return self.month_format

    def get_month(self) -> Any:
        return _url_part(self, "month", "month")

    def get_next_month(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=False, period="month")

    def get_previous_month(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=True, period="month")

    def _get_next_month(self, date: datetime.date) -> datetime.date:
        if date.month == 12:
            try:
                return date.replace(year=date.year + 1, month=1, day=1)
            except ValueError:
                raise _out_of_range() from None
        return date.replace(month=date.month + 1, day=1)

    def _get_current_month(self, date: datetime.date) -> datetime.date:
        return date.replace(day=1)


class DayMixin:
    day_format = "%d"
    day: Any = None

    def get_day_format(self) -> str:
        return self.day_format

    def get_day(self) -> Any:
        return _url_part(self, "day", "day")

    def get_next_day(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=False, period="day")

    def get_previous_day(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=True, period="day")

    def _get_next_day(self, date: datetime.date) -> datetime.date:
        try:
            return date + datetime.timedelta(days=1)
        except OverflowError:
            raise _out_of_range() from None

    def _get_current_day(self, date: datetime.date) -> datetime.date:
        return date


class WeekMixin:
    week_format = "%U"
    week: Any = None

    def get_week_format(self) -> str:
        return self.week_format

    def get_week(self) -> Any:
        return _url_part(self, "week", "week")

    def get_next_week(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=False, period="week")

    def get_previous_week(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=True, period="week")

    def _get_next_week(self, date: datetime.date) -> datetime.date:
        try:
            return date + datetime.timedelta(days=7 - self._get_weekday(date))
        except OverflowError:
            raise _out_of_range() from None

    def _get_current_week(self, date: datetime.date) -> datetime.date:
        return date - datetime.timedelta(self._get_weekday(date))

    def _get_weekday(self, date: datetime.date) -> int:
        """The day's position in its week: weeks start on Monday (%W, %V) or Sunday (%U)."""
        week_format = self.get_week_format()
        if week_format in {"%W", "%V"}:
            return date.weekday()
        if week_format == "%U":
            return (date.weekday() + 1) % 7
        raise ValueError(f"unknown week format: {week_format}")


class DateMixin:
    """The date field the archive is built on, and whether future objects show."""

    date_field: str | None = None
    allow_future = False

    def get_date_field(self) -> str:
        if self.date_field is None:
            raise ImproperlyConfigured(f"{type(self).__name__}.date_field is required.")
        return self.date_field

    def get_allow_future(self) -> bool:
        return self.allow_future

    @cached_property
    def uses_datetime_field(self) -> bool:
        model = self.get_queryset().model if self.model is None else self.model  # type: ignore[attr-defined]
        field = model._meta.get_field(self.get_date_field())
        return field.get_internal_type() == "DateTimeField"

    def _make_date_lookup_arg(self, value: datetime.date) -> Any:
        """A date, or for a DateTimeField the (aware) start of that day."""
        if self.uses_datetime_field:
            value = datetime.datetime.combine(value, datetime.time.min)
            if settings.USE_TZ:
                value = timezone.make_aware(value)
        return value

    def _make_single_date_lookup(self, date: datetime.date) -> dict[str, Any]:
        date_field = self.get_date_field()
        if self.uses_datetime_field:
            since = self._make_date_lookup_arg(date)
            until = self._make_date_lookup_arg(date + datetime.timedelta(days=1))
            return {f"{date_field}__gte": since, f"{date_field}__lt": until}
        return {date_field: date}


class BaseDateListView(MultipleObjectMixin, DateMixin, View):
    """A list of objects by date, plus `date_list` (the periods that have objects)."""

    allow_empty = False
    date_list_period = "year"

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.date_list, self.object_list, extra_context = self.get_dated_items()
        context = self.get_context_data(
            object_list=self.object_list, date_list=self.date_list, **extra_context
        )
        return self.render_to_response(context)

    def get_dated_items(self) -> tuple:
        raise NotImplementedError("A DateView must provide an implementation of get_dated_items()")

    def get_ordering(self) -> Any:
        return f"-{self.get_date_field()}" if self.ordering is None else self.ordering

    def get_dated_queryset(self, **lookup: Any) -> Any:
        qs = self.get_queryset().filter(**lookup)
        date_field = self.get_date_field()
        if not self.get_allow_future():
            now = timezone.now() if self.uses_datetime_field else _today()
            qs = qs.filter(**{f"{date_field}__lte": now})
        if not self.get_allow_empty():
            # With pagination, an exists() query instead of fetching every row.
            is_empty = not qs if self.get_paginate_by(qs) is None else not qs.exists()
            if is_empty:
                raise Http404(f"No {qs.model._meta.verbose_name_plural} available")
        return qs

    def _get_period_queryset(
        self, date: datetime.date, get_next: Callable[[datetime.date], datetime.date]
    ) -> Any:
        """The objects dated from the start of `date`'s period up to the next period."""
        since = self._make_date_lookup_arg(date)
        until = self._make_date_lookup_arg(get_next(date))
        field = self.get_date_field()
        return self.get_dated_queryset(**{f"{field}__gte": since, f"{field}__lt": until})

    def get_date_list_period(self) -> str:
        return self.date_list_period

    def get_date_list(
        self, queryset: Any, date_type: str | None = None, ordering: str = "ASC"
    ) -> Any:
        date_field = self.get_date_field()
        if date_type is None:
            date_type = self.get_date_list_period()
        if self.uses_datetime_field:
            date_list = queryset.datetimes(date_field, date_type, ordering)
        else:
            date_list = queryset.dates(date_field, date_type, ordering)
        if date_list is not None and not date_list and not self.get_allow_empty():
            raise Http404(f"No {queryset.model._meta.verbose_name_plural} available")
        return date_list


class BaseArchiveIndexView(BaseDateListView):
    """The latest objects, with the years that have objects as `date_list`."""

    context_object_name = "latest"

    def get_dated_items(self) -> tuple:
        qs = self.get_dated_queryset()
        date_list = self.get_date_list(qs, ordering="DESC")
        if not date_list:
            qs = qs.none()
        return (date_list, qs, {})


class ArchiveIndexView(MultipleObjectTemplateResponseMixin, BaseArchiveIndexView):
    template_name_suffix = "_archive"


class BaseYearArchiveView(YearMixin, BaseDateListView):
    date_list_period = "month"
    make_object_list = False

    def get_dated_items(self) -> tuple:
        year = self.get_year()
        date = _date_from_string(year, self.get_year_format())
        qs = self._get_period_queryset(date, self._get_next_year)
        date_list = self.get_date_list(qs)
        if not self.get_make_object_list():
            # Only the months are shown: no need to fetch the objects.
            qs = qs.none()
        return (
            date_list,
            qs,
            {
                "year": date,
                "next_year": self.get_next_year(date),
                "previous_year": self.get_previous_year(date),
            },
        )

    def get_make_object_list(self) -> bool:
        return self.make_object_list


class YearArchiveView(MultipleObjectTemplateResponseMixin, BaseYearArchiveView):
    template_name_suffix = "_archive_year"


class BaseMonthArchiveView(YearMixin, MonthMixin, BaseDateListView):
    date_list_period = "day"

    def get_dated_items(self) -> tuple:
        date = _date_from_string(
            self.get_year(), self.get_year_format(), self.get_month(), self.get_month_format()
        )
        qs = self._get_period_queryset(date, self._get_next_month)
        date_list = self.get_date_list(qs)
        return (
            date_list,
            qs,
            {
                "month": date,
                "next_month": self.get_next_month(date),
                "previous_month": self.get_previous_month(date),
            },
        )


class MonthArchiveView(MultipleObjectTemplateResponseMixin, BaseMonthArchiveView):
    template_name_suffix = "_archive_month"


class BaseWeekArchiveView(YearMixin, WeekMixin, BaseDateListView):
    def get_dated_items(self) -> tuple:
        year, week = self.get_year(), self.get_week()
        week_format = self.get_week_format()
        week_choices = {"%W": "1", "%U": "0", "%V": "1"}
        try:
            week_start = week_choices[week_format]
        except KeyError:
            raise ValueError(
                f"Unknown week format {week_format!r}. Choices are: "
                f"{', '.join(sorted(week_choices))}"
            ) from None
        year_format = self.get_year_format()
        if week_format == "%V" and year_format != "%G":
            raise ValueError(
                f"ISO week directive '{week_format}' is incompatible with the year directive "
                f"'{year_format}'. Use the ISO year '%G' instead."
            )
        date = _date_from_string(year, year_format, week_start, "%w", week, week_format)
        qs = self._get_period_queryset(date, self._get_next_week)
        return (
            None,
            qs,
            {
                "week": date,
                "next_week": self.get_next_week(date),
                "previous_week": self.get_previous_week(date),
            },
        )


class WeekArchiveView(MultipleObjectTemplateResponseMixin, BaseWeekArchiveView):
    template_name_suffix = "_archive_week"


class BaseDayArchiveView(YearMixin, MonthMixin, DayMixin, BaseDateListView):
    def get_dated_items(self) -> tuple:
        date = _day_from_url(self)
        return self._get_dated_items(date)

    def _get_dated_items(self, date: datetime.date) -> tuple:
        qs = self.get_dated_queryset(**self._make_single_date_lookup(date))
        return (
            None,
            qs,
            {
                "day": date,
                "previous_day": self.get_previous_day(date),
                "next_day": self.get_next_day(date),
                "previous_month": self.get_previous_month(date),
                "next_month": self.get_next_month(date),
            },
        )


class DayArchiveView(MultipleObjectTemplateResponseMixin, BaseDayArchiveView):
    template_name_suffix = "_archive_day"


class BaseTodayArchiveView(BaseDayArchiveView):
    def get_dated_items(self) -> tuple:
        return self._get_dated_items(datetime.date.today())


class TodayArchiveView(MultipleObjectTemplateResponseMixin, BaseTodayArchiveView):
    template_name_suffix = "_archive_day"


class BaseDateDetailView(YearMixin, MonthMixin, DayMixin, DateMixin, BaseDetailView):
    """One object, found by its date in the URL plus its pk or slug."""

    def get_object(self, queryset: Any = None) -> Any:
        date = _day_from_url(self)
        qs = self.get_queryset() if queryset is None else queryset
        if not self.get_allow_future() and date > _today():
            raise Http404(
                f"Future {qs.model._meta.verbose_name_plural} not available because "
                f"{type(self).__name__}.allow_future is False."
            )
        qs = qs.filter(**self._make_single_date_lookup(date))
        return super().get_object(queryset=qs)


class DateDetailView(SingleObjectTemplateResponseMixin, BaseDateDetailView):
    template_name_suffix = "_detail"


def _date_from_string(
    year: Any,
    year_format: str,
    month: Any = "",
    month_format: str = "",
    day: Any = "",
    day_format: str = "",
    delim: str = "__",
) -> datetime.date:
    """The date the URL parts describe, in the view's formats; Http404 when there is none."""
    fmt = delim.join((year_format, month_format, day_format))
    datestr = delim.join((str(year), str(month), str(day)))
    try:
        return datetime.datetime.strptime(datestr, fmt).date()
    except ValueError:
        raise Http404(f"Invalid date string “{datestr}” given format “{fmt}”") from None


def _day_from_url(view: Any) -> datetime.date:
    """The day the view's year, month and day (URL parts, in the view's formats) describe."""
    return _date_from_string(
        view.get_year(),
        view.get_year_format(),
        view.get_month(),
        view.get_month_format(),
        view.get_day(),
        view.get_day_format(),
    )


def _today() -> datetime.date:
    return timezone.localdate() if settings.USE_TZ else datetime.date.today()


def _get_next_prev(view: Any, date: datetime.date, is_previous: bool, period: str) -> Any:
    """The previous/next period: adjacent when allow_empty, else the nearest with objects."""
    date_field = view.get_date_field()
    get_current = getattr(view, f"_get_current_{period}")
    get_next = getattr(view, f"_get_next_{period}")
    start, end = get_current(date), get_next(date)
    if view.get_allow_empty():
        try:
            result = get_current(start - datetime.timedelta(days=1)) if is_previous else end
        except OverflowError:
            return None
        if view.get_allow_future() or result <= _today():
            return result
        return None
    if is_previous:
        lookup = {f"{date_field}__lt": view._make_date_lookup_arg(start)}
        ordering = f"-{date_field}"
    else:
        lookup = {f"{date_field}__gte": view._make_date_lookup_arg(end)}
        ordering = date_field
        if not view.get_allow_future():
            now = timezone.now() if view.uses_datetime_field else _today()
            lookup[f"{date_field}__lte"] = now
    obj = view.get_queryset().filter(**lookup).order_by(ordering).first()
    if obj is None:
        return None
    result = getattr(obj, date_field)
    if view.uses_datetime_field:
        if settings.USE_TZ:
            result = timezone.localtime(result)
        result = result.date()
    return get_current(result)
