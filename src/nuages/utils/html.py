"""HTML helpers: escaping, format_html, json_script, strip_tags, linebreaks, urlize and more.

The escaping primitives live in `_escape`, urlize in `_urlize`; this module is their public
home, as in Django.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from nuages.core.exceptions import SuspiciousOperation
from nuages.utils._escape import (
    conditional_escape,
    escape,
    escapejs,
    format_html,
    format_html_join,
    html_safe,
    json_script,
)
from nuages.utils._urlize import MAX_URL_LENGTH, Urlizer, smart_urlquote, urlize, urlizer
from nuages.utils.functional import keep_lazy_text
from nuages.utils.text import normalize_newlines

__all__ = [
    "MAX_STRIP_TAGS_DEPTH",
    "MAX_URL_LENGTH",
    "VOID_ELEMENTS",
    "Urlizer",
    "avoid_wrapping",
    "conditional_escape",
    "escape",
    "escapejs",
    "format_html",
    "format_html_join",
    "html_safe",
    "json_script",
    "linebreaks",
    "smart_urlquote",
    "strip_spaces_between_tags",
    "strip_tags",
    "urlize",
    "urlizer",
]

# Elements that never have content or an end tag (HTML living standard, plus two old ones).
VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "frame",
        "spacer",
    }
)

# strip_tags gives up (SuspiciousOperation) past this many passes, or on an unterminated tag
# of 1,000+ characters holding this many '<': both only come from hostile input.
MAX_STRIP_TAGS_DEPTH = 50
_LONG_OPEN_TAG = re.compile(r"<[a-zA-Z][^>]{1000,}")

_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
_SPACE_BETWEEN_TAGS = re.compile(r">\s+<")


@keep_lazy_text
def linebreaks(value: Any, autoescape: bool = False) -> str:
    """Wrap paragraphs (split on blank lines) in <p> and turn single newlines into <br>."""
    value = normalize_newlines(value)
    paragraphs = _PARAGRAPH_BREAK.split(str(value))
    if autoescape:
        paragraphs = [escape(p) for p in paragraphs]
    return "\n\n".join([f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs])


class _TextCollector(HTMLParser):
    """Keep character data and entity references; drop tags, comments and declarations."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        super().__init__(convert_charrefs=False)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.parts.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.parts.append(f"&#{name};")


def _strip_once(value: str) -> str:
    collector = _TextCollector()
    collector.feed(value)
    collector.close()
    return "".join(collector.parts)


@keep_lazy_text
def strip_tags(value: Any) -> str:
    """Remove HTML tags, repeating until no more are found. The result is NOT safe HTML."""
    value = str(value)
    for match in _LONG_OPEN_TAG.finditer(value):
        if match.group().count("<") >= MAX_STRIP_TAGS_DEPTH:
            raise SuspiciousOperation("strip_tags() input has too many unterminated tags.")
    # One pass can uncover new tags ("<<b>b>"), so repeat while passes remove something.
    passes = 0
    while "<" in value and ">" in value:
        if passes >= MAX_STRIP_TAGS_DEPTH:
            raise SuspiciousOperation("strip_tags() input is nested too deeply.")
        stripped = _strip_once(value)
        if stripped.count("<") == value.count("<"):
            break
        value = stripped
        passes += 1
    return value


@keep_lazy_text
def strip_spaces_between_tags(value: Any) -> str:
    """Remove whitespace between a '>' and the next '<'."""
    return _SPACE_BETWEEN_TAGS.sub("><", str(value))


def avoid_wrapping(value: str) -> str:
    """Replace spaces with non-breaking spaces so that the text stays on one line."""
    return value.replace(" ", "\xa0")
