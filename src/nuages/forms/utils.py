"""Helpers shared by forms: flatatt, ErrorDict, ErrorList and the renderable mixins."""

from __future__ import annotations

import json
from collections import UserList
from typing import Any

from nuages.conf import settings
from nuages.core.exceptions import ValidationError
from nuages.forms.renderers import get_default_renderer
from nuages.utils import timezone
from nuages.utils.html import escape, format_html_join
from nuages.utils.safestring import SafeString, mark_safe
from nuages.utils.translation import gettext_lazy as _

__all__ = [
    "ErrorDict",
    "ErrorList",
    "RenderableErrorMixin",
    "RenderableFieldMixin",
    "RenderableFormMixin",
    "RenderableMixin",
    "flatatt",
    "from_current_timezone",
    "pretty_name",
    "to_current_timezone",
]


def pretty_name(name: str) -> str:
    """'first_name' -> 'First name'."""
    if not name:
        return ""
    return name.replace("_", " ").capitalize()


def flatatt(attrs: dict) -> SafeString:
    """HTML attributes from a dict: True -> bare name, False/None -> left out."""
    key_value = []
    boolean = []
    for attr, value in attrs.items():
        if isinstance(value, bool):
            if value:
                boolean.append((attr,))
        elif value is not None:
            key_value.append((attr, value))
    return format_html_join("", ' {}="{}"', sorted(key_value)) + format_html_join(
        "", " {}", sorted(boolean)
    )


class RenderableMixin:
    """Renders self through a form renderer and a template (template_name)."""

    template_name: Any = None

    def get_context(self) -> dict:
        raise NotImplementedError(
            "Subclasses of RenderableMixin must provide a get_context() method."
        )

    def render(
        self, template_name: str | None = None, context: dict | None = None, renderer: Any = None
    ) -> SafeString:
        renderer = renderer or self.renderer
        template = template_name or self.template_name
        context = context or self.get_context()
        return mark_safe(renderer.render(template, context))

    __str__ = render
    __html__ = render


class RenderableFieldMixin(RenderableMixin):
    def as_field_group(self) -> SafeString:
        return self.render()

    def as_hidden(self) -> Any:
        raise NotImplementedError

    def as_widget(self) -> Any:
        raise NotImplementedError

    def __str__(self) -> str:
        if self.field.show_hidden_initial:
            return self.as_widget() + self.as_hidden(only_initial=True)
        return self.as_widget()

    __html__ = __str__


class RenderableFormMixin(RenderableMixin):
    def as_p(self) -> SafeString:
        return self.render(template_name=self.template_name_p)

    def as_table(self) -> SafeString:
        return self.render(template_name=self.template_name_table)

    def as_ul(self) -> SafeString:
        return self.render(template_name=self.template_name_ul)

    def as_div(self) -> SafeString:
        return self.render(template_name=self.template_name_div)


class RenderableErrorMixin(RenderableMixin):
    def as_json(self, escape_html: bool = False) -> str:
        return json.dumps(self.get_json_data(escape_html))

    def as_text(self) -> SafeString:
        return self.render(self.template_name_text)

    def as_ul(self) -> SafeString:
        return self.render(self.template_name_ul)


class ErrorDict(dict, RenderableErrorMixin):
    """Errors per field name; renders as a <ul> by default."""

    template_name = "django/forms/errors/dict/default.html"
    template_name_text = "django/forms/errors/dict/text.txt"
    template_name_ul = "django/forms/errors/dict/ul.html"

    def __init__(self, *args: Any, renderer: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.renderer = renderer or get_default_renderer()

    def as_data(self) -> dict:
        return {f: e.as_data() for f, e in self.items()}

    def get_json_data(self, escape_html: bool = False) -> dict:
        return {f: e.get_json_data(escape_html) for f, e in self.items()}

    def get_context(self) -> dict:
        return {"errors": self.items(), "error_class": "errorlist"}

    def __str__(self) -> str:
        return self.render()

    def __html__(self) -> str:
        return self.render()

    def __copy__(self) -> ErrorDict:
        return ErrorDict(self, renderer=self.renderer)


class ErrorList(UserList, list, RenderableErrorMixin):
    """A list of errors (ValidationError instances or messages); renders as a <ul>."""

    template_name = "django/forms/errors/list/default.html"
    template_name_text = "django/forms/errors/list/text.txt"
    template_name_ul = "django/forms/errors/list/ul.html"

    def __init__(
        self,
        initlist: Any = None,
        error_class: str | None = None,
        renderer: Any = None,
        field_id: str | None = None,
    ) -> None:
        super().__init__(initlist)
        self.error_class = "errorlist" if error_class is None else f"errorlist {error_class}"
        self.renderer = renderer or get_default_renderer()
        self.field_id = field_id

    def as_data(self) -> list:
        return ValidationError(self.data).error_list

    def copy(self) -> ErrorList:
        copy = super().copy()
        copy.error_class = self.error_class
        copy.renderer = self.renderer
        copy.field_id = self.field_id
        return copy

    def get_json_data(self, escape_html: bool = False) -> list[dict]:
        errors = []
        for error in self.as_data():
            message = next(iter(error))
            errors.append(
                {"message": escape(message) if escape_html else message, "code": error.code or ""}
            )
        return errors

    def get_context(self) -> dict:
        return {"errors": self, "error_class": self.error_class}

    def __repr__(self) -> str:
        return repr(list(self))

    def __contains__(self, item: Any) -> bool:
        return item in list(self)

    def __eq__(self, other: object) -> bool:
        return list(self) == other

    __hash__ = None  # type: ignore[assignment]

    def __getitem__(self, i: Any) -> Any:
        error = self.data[i]
        if isinstance(error, ValidationError):
            return next(iter(error))
        return error

    def __iter__(self) -> Any:
        for i in range(len(self.data)):
            yield self[i]

    def __reduce_ex__(self, *args: Any, **kwargs: Any) -> Any:
        # Pickle as a plain list subclass, without the renderer.
        info = super(UserList, self).__reduce_ex__(*args, **kwargs)
        return info[:3] + (None, None)

    def __str__(self) -> str:
        return self.render()

    def __html__(self) -> str:
        return self.render()


def from_current_timezone(value: Any) -> Any:
    """A naive datetime in the current time zone made aware (USE_TZ); errors if it can't be."""
    if settings.USE_TZ and value is not None and timezone.is_naive(value):
        current_timezone = timezone.get_current_timezone()
        try:
            if timezone._datetime_ambiguous_or_imaginary(value, current_timezone):
                raise ValueError("Ambiguous or non-existent time.")
            return timezone.make_aware(value, current_timezone)
        except Exception as exc:
            raise ValidationError(
                _(
                    "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it "  # noqa: RUF001
                    "may be ambiguous or it may not exist."
                ),
                code="ambiguous_timezone",
                params={"datetime": value, "current_timezone": current_timezone},
            ) from exc
    return value


def to_current_timezone(value: Any) -> Any:
    """An aware datetime converted to a naive one in the current time zone (USE_TZ)."""
    if settings.USE_TZ and value is not None and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value
