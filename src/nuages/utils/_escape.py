"""HTML escaping primitives (on MarkupSafe's C escaper); public through nuages.utils.html."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from markupsafe import escape as _markupsafe_escape

from nuages.utils._json import DjangoJSONEncoder
from nuages.utils.functional import Promise, keep_lazy
from nuages.utils.safestring import SafeString, mark_safe

__all__ = [
    "conditional_escape",
    "escape",
    "escape_str",
    "escapejs",
    "format_html",
    "format_html_join",
    "html_safe",
    "json_script",
]


_str_replace = str.replace

try:  # MarkupSafe's escaper without the Markup wrapper (MarkupSafe >= 3)
    from markupsafe._speedups import _escape_inner
except ImportError:  # pragma: no cover - older MarkupSafe or no C speedups

    def _escape_inner(s: str) -> str:
        return str.__str__(_markupsafe_escape(s))


def escape_str(text: str) -> str:
    """escape() of a plain str, as a plain str: the hot path of autoescaping."""
    escaped = _escape_inner(text)
    # Django spells the quotes &quot; and &#x27;; MarkupSafe spells them &#34; and &#39;.
    if '"' in text:
        escaped = _str_replace(escaped, "&#34;", "&quot;")
    if "'" in text:
        escaped = _str_replace(escaped, "&#39;", "&#x27;")
    return escaped


def _escape_str(text: str) -> SafeString:
    return SafeString(escape_str(text))


@keep_lazy(SafeString)
def escape(text: Any) -> SafeString:
    """Escape &, <, >, " and ' for HTML, even in text already marked safe."""
    text = str(text)
    if type(text) is not str:  # drop __html__ of SafeString/Markup: escape() always escapes
        text = str.__str__(text)
    return _escape_str(text)


def conditional_escape(text: Any) -> Any:
    """Escape text unless it is already safe (has __html__)."""
    if type(text) is str:
        return _escape_str(text)
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return escape(text)


def format_html(format_string: str, *args: Any, **kwargs: Any) -> SafeString:
    """str.format with every argument conditionally escaped; the result is safe."""
    if not (args or kwargs):
        raise TypeError("args or kwargs must be provided.")
    args_safe = map(conditional_escape, args)
    kwargs_safe = {k: conditional_escape(v) for k, v in kwargs.items()}
    return mark_safe(format_string.format(*args_safe, **kwargs_safe))


def format_html_join(sep: str, format_string: str, args_generator: Iterable) -> SafeString:
    """Join format_html(format_string, *args) for each item, with a conditionally escaped sep."""
    return mark_safe(
        conditional_escape(sep).join(
            format_html(format_string, **args)
            if isinstance(args, dict)
            else format_html(format_string, *args)
            for args in args_generator
        )
    )


_json_script_escapes = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_script(
    value: Any, element_id: str | None = None, encoder: type | None = None
) -> SafeString:
    """value as JSON inside a <script type="application/json"> tag, safe against </script>."""
    json_str = json.dumps(value, cls=encoder or DjangoJSONEncoder).translate(_json_script_escapes)
    if element_id:
        return format_html(
            '<script id="{}" type="application/json">{}</script>', element_id, mark_safe(json_str)
        )
    return format_html('<script type="application/json">{}</script>', mark_safe(json_str))


_js_escapes = {
    ord("\\"): "\\u005C",
    ord("'"): "\\u0027",
    ord('"'): "\\u0022",
    ord(">"): "\\u003E",
    ord("<"): "\\u003C",
    ord("&"): "\\u0026",
    ord("="): "\\u003D",
    ord("-"): "\\u002D",
    ord(";"): "\\u003B",
    ord("`"): "\\u0060",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}
_js_escapes.update((z, f"\\u{z:04X}") for z in range(32))


@keep_lazy(SafeString)
def escapejs(value: Any) -> SafeString:
    """Escape characters for use inside JavaScript string literals."""
    return mark_safe(str(value).translate(_js_escapes))


def html_safe(klass: type) -> type:
    """Class decorator: define __html__ as __str__ so templates don't escape instances."""
    if "__html__" in klass.__dict__:
        raise ValueError(
            f"can't apply @html_safe to {klass.__name__} because it defines __html__()."
        )
    if "__str__" not in klass.__dict__:
        raise ValueError(
            f"can't apply @html_safe to {klass.__name__} because it doesn't define __str__()."
        )
    klass_str = klass.__str__
    klass.__str__ = lambda self: mark_safe(klass_str(self))
    klass.__html__ = lambda self: str(self)
    return klass
