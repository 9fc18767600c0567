"""Widgets made of several widgets: MultiWidget, the split date/time widgets, SelectDateWidget."""

from __future__ import annotations

import copy
import datetime
import re
from typing import Any

from nuages.forms._media import Media
from nuages.forms._widgets_base import DateInput, TimeInput, Widget
from nuages.forms._widgets_choice import Select
from nuages.forms.utils import to_current_timezone
from nuages.utils import formats
from nuages.utils.dates import MONTHS
from nuages.utils.formats import get_format

__all__ = ["MultiWidget", "SelectDateWidget", "SplitDateTimeWidget", "SplitHiddenDateTimeWidget"]


class MultiWidget(Widget):
    """Several widgets rendered together; value is a list, split by decompress()."""

    template_name = "django/forms/widgets/multiwidget.html"
    use_fieldset = True

    def __init__(self, widgets: Any, attrs: dict | None = None) -> None:
        if isinstance(widgets, dict):
            self.widgets_names = [("_" + name) if name else "" for name in widgets]
            widgets = widgets.values()
        else:
            self.widgets_names = [f"_{i}" for i in range(len(widgets))]
        self.widgets = [w() if isinstance(w, type) else w for w in widgets]
        super().__init__(attrs)

    @property
    def is_hidden(self) -> bool:
        return all(w.is_hidden for w in self.widgets)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        if self.is_localized:
            for widget in self.widgets:
                widget.is_localized = self.is_localized
        if not isinstance(value, (list, tuple)):
            value = self.decompress(value)
        final_attrs = context["widget"]["attrs"]
        input_type = final_attrs.pop("type", None)
        id_ = final_attrs.get("id")
        subwidgets = []
        for i, (widget_name, widget) in enumerate(
            zip(self.widgets_names, self.widgets, strict=False)
        ):
            if input_type is not None:
                widget.input_type = input_type
            try:
                widget_value = value[i]
            except IndexError:
                widget_value = None
            if id_:
                widget_attrs = final_attrs.copy()
                widget_attrs["id"] = f"{id_}_{i}"
            else:
                widget_attrs = final_attrs
            subwidgets.append(
                widget.get_context(name + widget_name, widget_value, widget_attrs)["widget"]
            )
        context["widget"]["subwidgets"] = subwidgets
        return context

    def id_for_label(self, id_: str) -> str:
        return ""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list:
        return [
            widget.value_from_datadict(data, files, name + widget_name)
            for widget_name, widget in zip(self.widgets_names, self.widgets, strict=False)
        ]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return all(
            widget.value_omitted_from_data(data, files, name + widget_name)
            for widget_name, widget in zip(self.widgets_names, self.widgets, strict=False)
        )

    def decompress(self, value: Any) -> list:
        """Split one value into a list of values, one per widget."""
        raise NotImplementedError("Subclasses must implement this method.")

    def _get_media(self) -> Media:
        media = Media()
        for w in self.widgets:
            media += w.media
        return media

    media = property(_get_media)

    def __deepcopy__(self, memo: dict) -> MultiWidget:
        obj = super().__deepcopy__(memo)
        obj.widgets = copy.deepcopy(self.widgets)
        return obj

    @property
    def needs_multipart_form(self) -> bool:  # type: ignore[override]
        return any(w.needs_multipart_form for w in self.widgets)


class SplitDateTimeWidget(MultiWidget):
    supports_microseconds = False
    template_name = "django/forms/widgets/splitdatetime.html"

    def __init__(
        self,
        attrs: dict | None = None,
        date_format: str | None = None,
        time_format: str | None = None,
        date_attrs: dict | None = None,
        time_attrs: dict | None = None,
    ) -> None:
        widgets = (
            DateInput(attrs=attrs if date_attrs is None else date_attrs, format=date_format),
            TimeInput(attrs=attrs if time_attrs is None else time_attrs, format=time_format),
        )
        super().__init__(widgets)

    def decompress(self, value: Any) -> list:
        if value:
            value = to_current_timezone(value)
            return [value.date(), value.time()]
        return [None, None]


class SplitHiddenDateTimeWidget(SplitDateTimeWidget):
    template_name = "django/forms/widgets/splithiddendatetime.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for widget in self.widgets:
            widget.input_type = "hidden"


class SelectDateWidget(Widget):
    """Three <select>s for year, month and day, in the locale's DATE_FORMAT order."""

    none_value = ("", "---")
    month_field = "%s_month"
    day_field = "%s_day"
    year_field = "%s_year"
    template_name = "django/forms/widgets/select_date.html"
    input_type = "select"
    select_widget = Select
    date_re = re.compile(r"(\d{4}|0)-(\d\d?)-(\d\d?)$")
    use_fieldset = True

    def __init__(
        self,
        attrs: dict | None = None,
        years: Any = None,
        months: dict | None = None,
        empty_label: Any = None,
    ) -> None:
        self.attrs = attrs or {}
        if years:
            self.years = years
        else:
            this_year = datetime.date.today().year
            self.years = range(this_year, this_year + 10)
        self.months = months if months else MONTHS
        if isinstance(empty_label, (list, tuple)):
            if len(empty_label) != 3:
                raise ValueError("empty_label list/tuple must have 3 elements.")
            self.year_none_value = ("", empty_label[0])
            self.month_none_value = ("", empty_label[1])
            self.day_none_value = ("", empty_label[2])
        else:
            if empty_label is not None:
                self.none_value = ("", empty_label)
            self.year_none_value = self.none_value
            self.month_none_value = self.none_value
            self.day_none_value = self.none_value

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        date_context = {}
        year_choices = [(i, str(i)) for i in self.years]
        if not self.is_required:
            year_choices.insert(0, self.year_none_value)
        year_name = self.year_field % name
        date_context["year"] = self.select_widget(attrs, choices=year_choices).get_context(
            name=year_name,
            value=context["widget"]["value"]["year"],
            attrs={**context["widget"]["attrs"], "id": f"id_{year_name}"},
        )
        month_choices = list(self.months.items())
        if not self.is_required:
            month_choices.insert(0, self.month_none_value)
        month_name = self.month_field % name
        date_context["month"] = self.select_widget(attrs, choices=month_choices).get_context(
            name=month_name,
            value=context["widget"]["value"]["month"],
            attrs={**context["widget"]["attrs"], "id": f"id_{month_name}"},
        )
        day_choices = [(i, i) for i in range(1, 32)]
        if not self.is_required:
            day_choices.insert(0, self.day_none_value)
        day_name = self.day_field % name
        date_context["day"] = self.select_widget(attrs, choices=day_choices).get_context(
            name=day_name,
            value=context["widget"]["value"]["day"],
            attrs={**context["widget"]["attrs"], "id": f"id_{day_name}"},
        )
        subwidgets = []
        for field in self._parse_date_fmt():
            subwidgets.append(date_context[field]["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def format_value(self, value: Any) -> dict:  # type: ignore[override]
        year = month = day = None
        if isinstance(value, (datetime.date, datetime.datetime)):
            year, month, day = value.year, value.month, value.day
        elif isinstance(value, str):
            match = self.date_re.match(value)
            if match:
                year, month, day = [int(val) or "" for val in match.groups()]
            else:
                input_format = get_format("DATE_INPUT_FORMATS")[0]
                try:
                    d = datetime.datetime.strptime(value, input_format)
                except ValueError:
                    pass
                else:
                    year, month, day = d.year, d.month, d.day
        return {"year": year, "month": month, "day": day}

    @staticmethod
    def _parse_date_fmt() -> Any:
        fmt = get_format("DATE_FORMAT")
        escaped = False
        for char in fmt:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in "Yy":
                yield "year"
            elif char in "bEFMmNn":
                yield "month"
            elif char in "dj":
                yield "day"

    def id_for_label(self, id_: str) -> str:
        for first_select in self._parse_date_fmt():
            return f"{id_}_{first_select}"
        return f"{id_}_month"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        y = data.get(self.year_field % name)
        m = data.get(self.month_field % name)
        d = data.get(self.day_field % name)
        if y == m == d == "":
            return None
        if y is not None and m and d:
            input_format = formats.sanitize_strftime_format(get_format("DATE_INPUT_FORMATS")[0])
            try:
                date_value = datetime.date(int(y), int(m), int(d))
            except (ValueError, OverflowError):
                # An impossible date goes back to the field as a string it rejects.
                return f"{y or 0}-{m or 0}-{d or 0}"
            return date_value.strftime(input_format)
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}_{interval}" in data for interval in ("year", "month", "day"))
