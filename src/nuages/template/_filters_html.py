"""HTML filters: escaping, safety marks, line breaks, tag stripping, lists and JSON."""

from __future__ import annotations

from types import GeneratorType
from typing import Any

from nuages.template._filters_text import stringfilter
from nuages.utils.html import conditional_escape, escape, strip_tags
from nuages.utils.html import json_script as _json_script
from nuages.utils.html import linebreaks as _linebreaks
from nuages.utils.safestring import SafeData, mark_safe
from nuages.utils.text import normalize_newlines

__all__ = [
    "escape_filter",
    "escapeseq",
    "force_escape",
    "json_script",
    "linebreaks_filter",
    "linebreaksbr",
    "safe",
    "safeseq",
    "striptags",
    "unordered_list",
]


@stringfilter
def escape_filter(value: str) -> str:
    """Escape unless already safe (autoescaping then leaves the result alone)."""
    return conditional_escape(value)


def escapeseq(value: Any) -> list:
    """Escape each item of a sequence (for use before join with autoescape off)."""
    return [conditional_escape(obj) for obj in value]


@stringfilter
def force_escape(value: str) -> str:
    """Escape now, even if the value is already safe."""
    return escape(value)


def json_script(value: Any, element_id: str | None = None) -> str:
    return _json_script(value, element_id)


@stringfilter
def linebreaks_filter(value: str, autoescape: bool = True) -> str:
    autoescape = autoescape and not isinstance(value, SafeData)
    return mark_safe(_linebreaks(value, autoescape))


@stringfilter
def linebreaksbr(value: str, autoescape: bool = True) -> str:
    """Every newline becomes <br>."""
    autoescape = autoescape and not isinstance(value, SafeData)
    value = normalize_newlines(value)
    if autoescape:
        value = escape(value)
    return mark_safe(value.replace("\n", "<br>"))


@stringfilter
def safe(value: str) -> str:
    return mark_safe(value)


def safeseq(value: Any) -> list:
    return [mark_safe(obj) for obj in value]


@stringfilter
def striptags(value: str) -> str:
    return strip_tags(value)


_NO_ITEM = object()


def _items_with_children(items: Any) -> Any:
    """Pairs (item, children): a list, tuple or generator after an item is its sublist."""
    pending = _NO_ITEM
    for entry in items:
        if pending is _NO_ITEM:
            pending = entry
        elif isinstance(entry, (list, tuple, GeneratorType)):
            yield pending, entry
            pending = _NO_ITEM
        else:
            yield pending, None
            pending = entry
    if pending is not _NO_ITEM:
        yield pending, None


def unordered_list(value: Any, autoescape: bool = True) -> str:
    """Nested lists as <li> items (without the outer <ul>), indented with tabs."""
    escaper = conditional_escape if autoescape else (lambda x: x)

    def render(items: Any, depth: int) -> str:
        indent = "\t" * depth
        out = []
        for item, children in _items_with_children(items):
            sublist = ""
            if children:
                inner = render(children, depth + 1)
                sublist = f"\n{indent}<ul>\n{inner}\n{indent}</ul>\n{indent}"
            out.append(f"{indent}<li>{escaper(item)}{sublist}</li>")
        return "\n".join(out)

    return mark_safe(render(value, 1))
