"""Python twins of the simplest built-in form templates, for the stock renderers.

Each function takes the context a template would get and returns exactly what rendering
that template through the stock engine and stripping the result gives, or None when the
context holds anything but the plain values it knows (then the template renders as usual).
tests/forms/test_fast_render.py compares every function with its template.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nuages.template.runtime import render_escaped
from nuages.utils._escape import escape_str
from nuages.utils.safestring import SafeString, mark_safe

__all__ = ["FAST_TEMPLATES"]


def _attrs(attrs: Any) -> str | None:
    """django/forms/widgets/attrs.html and django/forms/attrs.html for plain values."""
    if type(attrs) is not dict:
        return None
    parts = []
    for name, value in attrs.items():
        if type(name) is not str:
            return None
        if value is True:
            parts.append(" " + escape_str(name))
        elif value is False:
            continue
        elif value is None:
            parts.append(f' {escape_str(name)}="None"')
        else:
            tp = type(value)
            if tp is str:
                parts.append(f' {escape_str(name)}="{escape_str(value)}"')
            elif tp is int:
                parts.append(f' {escape_str(name)}="{value}"')
            else:
                return None
    return "".join(parts)


def _widget(context: dict) -> Any:
    widget = context.get("widget") if type(context) is dict else None
    return widget if type(widget) is dict else None


def _input(context: dict) -> str | None:
    widget = _widget(context)
    if widget is None:
        return None
    type_ = widget.get("type")
    name = widget.get("name")
    value = widget.get("value")
    if type(type_) is not str or type(name) is not str:
        return None
    if value is None:
        value_attr = ""
    elif type(value) is str:
        value_attr = f' value="{escape_str(value)}"'
    else:
        return None
    attrs = _attrs(widget.get("attrs"))
    if attrs is None:
        return None
    return f'<input type="{escape_str(type_)}" name="{escape_str(name)}"{value_attr}{attrs}>'


def _textarea(context: dict) -> str | None:
    widget = _widget(context)
    if widget is None:
        return None
    name = widget.get("name")
    value = widget.get("value")
    if type(name) is not str or not (value is None or type(value) is str):
        return None
    attrs = _attrs(widget.get("attrs"))
    if attrs is None:
        return None
    text = escape_str(value) if value else ""
    return f'<textarea name="{escape_str(name)}"{attrs}>\n{text}</textarea>'


def _label(context: dict) -> str | None:
    if type(context) is not dict:
        return None
    label = context.get("label")
    tp = type(label)
    if tp is str:
        label = escape_str(label)
    elif tp is not SafeString:
        return None
    if not context.get("use_tag"):
        return label.strip()
    tag = context.get("tag")
    attrs = context.get("attrs")
    if type(tag) is not str:
        return None
    rendered = _attrs({} if attrs is None else attrs)
    if rendered is None:
        return None
    tag = escape_str(tag)
    return f"<{tag}{rendered}>{label}</{tag}>".strip()


def _no_errors(context: dict) -> str | None:
    """The error list and dict templates render nothing for an empty list or dict."""
    if type(context) is not dict:
        return None
    errors = context.get("errors")
    try:
        empty = len(errors) == 0
    except TypeError:
        return None
    return "" if empty and isinstance(errors, (list, dict, type({}.items()))) else None


class _Settings:
    """What `{{ value }}` reads from a Context that make_context() built (all defaults)."""

    use_tz = None
    use_l10n = None


def _out(value: Any) -> str:
    """`{{ value }}` in an autoescaped template."""
    return render_escaped(value, _Settings)


_OPTION = "django/forms/widgets/select_option.html"


def _select(context: dict) -> str | None:
    """django/forms/widgets/select.html whose options use select_option.html."""
    widget = _widget(context)
    if widget is None:
        return None
    name = widget.get("name")
    optgroups = widget.get("optgroups")
    attrs = _attrs(widget.get("attrs"))
    if type(name) is not str or type(optgroups) is not list or attrs is None:
        return None
    parts = [f'<select name="{escape_str(name)}"{attrs}>']
    for group in optgroups:
        if type(group) is not tuple or len(group) != 3 or type(group[1]) is not list:
            return None
        group_name, options, _index = group
        if callable(group_name):
            return None
        if group_name:
            parts.append(f'\n  <optgroup label="{_out(group_name)}">')
        for option in options:
            if type(option) is not dict or option.get("template_name") != _OPTION:
                return None
            value = option.get("value")
            label = option.get("label")
            tp = type(value)
            if tp is str:
                value = escape_str(value)
            elif tp is not int:
                return None
            option_attrs = _attrs(option.get("attrs"))
            if option_attrs is None or "label" not in option or callable(label):
                return None
            parts.append(f'\n  <option value="{value}"{option_attrs}>{_out(label)}</option>')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


_bound_field: list = []


def _field(context: dict) -> str | None:
    """django/forms/field.html for a plain BoundField."""
    if not _bound_field:
        from nuages.forms.boundfield import BoundField  # forms.boundfield imports renderers

        _bound_field.append(BoundField)
    field = context.get("field") if type(context) is dict else None
    if type(field) is not _bound_field[0]:
        return None
    label = field.label
    help_text = field.help_text
    use_fieldset = field.use_fieldset
    if callable(label) or callable(help_text) or callable(use_fieldset):
        return None
    parts = []
    if use_fieldset:
        parts.append("<fieldset")
        describedby = field.aria_describedby
        if describedby:
            parts.append(f' aria-describedby="{_out(describedby)}"')
        parts.append(">\n  ")
        if label:
            parts.append(_out(field.legend_tag()))
    elif label:
        parts.append(_out(field.label_tag()))
    parts.append("\n")
    if help_text:
        parts.append('<div class="helptext"')
        auto_id = field.auto_id
        if auto_id:
            parts.append(f' id="{_out(auto_id)}_helptext"')
        parts.append(f">{_out(mark_safe(str(help_text)))}</div>\n")
    parts.append(_out(field.errors))
    parts.append("\n")
    parts.append(_out(field))
    if field.use_fieldset:
        parts.append("\n</fieldset>")
    return "".join(parts).strip()


def _div(context: dict) -> str | None:
    """django/forms/div.html when every field is a plain BoundField."""
    if type(context) is not dict or "errors" not in context:
        return None
    _field({})  # loads the BoundField class
    bound_field = _bound_field[0]
    errors = context["errors"]
    fields = context.get("fields")
    hidden = context.get("hidden_fields")
    if type(fields) is not list or type(hidden) is not list or callable(errors):
        return None
    for item in fields:
        if type(item) is not tuple or len(item) != 2 or type(item[0]) is not bound_field:
            return None
    for field in hidden:
        if type(field) is not bound_field:
            return None
    parts = [_out(errors), "\n"]
    if errors and not fields:
        parts.append("<div>")
        parts.extend(_out(field) for field in hidden)
        parts.append("</div>")
    parts.append("\n")
    last = len(fields) - 1
    for index, (field, _errors) in enumerate(fields):
        classes = field.css_classes()
        parts.append(f'<div class="{_out(classes)}">\n  ' if classes else "<div>\n  ")
        parts.append(_out(field.as_field_group()))
        parts.append("\n  ")
        if index == last:
            parts.extend(_out(field) for field in hidden)
        parts.append("\n</div>\n")
    if not fields and not errors:
        parts.extend(_out(field) for field in hidden)
    return "".join(parts).strip()


FAST_TEMPLATES: dict[str, Callable[[dict], str | None]] = {
    "django/forms/errors/dict/default.html": _no_errors,
    "django/forms/errors/dict/ul.html": _no_errors,
    "django/forms/errors/list/default.html": _no_errors,
    "django/forms/errors/list/ul.html": _no_errors,
    "django/forms/div.html": _div,
    "django/forms/field.html": _field,
    "django/forms/label.html": _label,
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/textarea.html": _textarea,
    **{
        f"django/forms/widgets/{name}.html": _input
        for name in [
            "input",
            "checkbox",
            "color",
            "date",
            "datetime",
            "email",
            "hidden",
            "number",
            "password",
            "search",
            "tel",
            "text",
            "time",
            "url",
        ]
    },
}
