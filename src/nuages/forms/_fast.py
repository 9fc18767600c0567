"""Python twins of the simplest built-in form templates, for the stock renderers.

Each function takes the context a template would get and returns exactly what rendering
that template through the stock engine and stripping the result gives, or None when the
context holds anything but the plain values it knows (then the template renders as usual).
tests/forms/test_fast_render.py compares every function with its template.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nuages.utils._escape import escape_str
from nuages.utils.safestring import SafeString

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


FAST_TEMPLATES: dict[str, Callable[[dict], str | None]] = {
    "django/forms/errors/dict/default.html": _no_errors,
    "django/forms/errors/dict/ul.html": _no_errors,
    "django/forms/errors/list/default.html": _no_errors,
    "django/forms/errors/list/ul.html": _no_errors,
    "django/forms/label.html": _label,
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
