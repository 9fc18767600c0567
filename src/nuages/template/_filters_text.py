"""String filters: case, padding, truncation, slugs, URLs and the stringfilter decorator."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from inspect import unwrap
from typing import Any
from urllib.parse import quote

from nuages.utils._truncator import truncate_chars
from nuages.utils.encoding import iri_to_uri
from nuages.utils.html import escape, escapejs
from nuages.utils.html import urlize as _urlize
from nuages.utils.safestring import SafeData, mark_safe
from nuages.utils.text import Truncator, phone2numeric, wrap
from nuages.utils.text import capfirst as _capfirst
from nuages.utils.text import slugify as _slugify

__all__ = [
    "addslashes",
    "capfirst",
    "center",
    "cut",
    "escapejs_filter",
    "iriencode",
    "linenumbers",
    "ljust",
    "lower",
    "make_list",
    "phone2numeric_filter",
    "rjust",
    "slugify",
    "stringfilter",
    "stringformat",
    "title",
    "truncatechars",
    "truncatechars_html",
    "truncatewords",
    "truncatewords_html",
    "upper",
    "urlencode",
    "urlize",
    "urlizetrunc",
    "wordcount",
    "wordwrap",
]


def stringfilter(func: Callable) -> Callable:
    """Make a filter receive its first argument as str; safe input stays safe if is_safe."""

    @wraps(func)
    def _dec(first: Any, *args: Any, **kwargs: Any) -> Any:
        first = str(first)
        result = func(first, *args, **kwargs)
        # is_safe is read at call time: Library.filter() sets it after decoration.
        if isinstance(first, SafeData) and getattr(unwrap(func), "is_safe", False):
            result = mark_safe(result)
        return result

    return _dec


@stringfilter
def addslashes(value: str) -> str:
    """Backslash-escape backslashes and quotes (for JavaScript-ish string literals)."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("'", "\\'")


@stringfilter
def capfirst(value: str) -> str:
    return _capfirst(value)


@stringfilter
def escapejs_filter(value: str) -> str:
    return escapejs(value)


@stringfilter
def iriencode(value: str) -> str:
    """Percent-encode an IRI so it can be used in a URL."""
    return iri_to_uri(value)


@stringfilter
def linenumbers(value: str, autoescape: bool = True) -> str:
    """Prefix each line with its number, zero-padded to the width of the last one."""
    lines = value.split("\n")
    width = len(str(len(lines)))
    if autoescape and not isinstance(value, SafeData):
        lines = [escape(line) for line in lines]
    return mark_safe("\n".join(f"{n:0{width}d}. {line}" for n, line in enumerate(lines, 1)))


@stringfilter
def lower(value: str) -> str:
    return value.lower()


@stringfilter
def make_list(value: str) -> list[str]:
    """The characters of the value as a list."""
    return list(value)


@stringfilter
def slugify(value: str) -> str:
    return _slugify(value)


def stringformat(value: Any, arg: Any) -> str:
    """Python %-formatting with arg as the conversion spec (no leading %); '' on error."""
    if isinstance(value, tuple):
        # A tuple would be taken as the argument list.
        value = str(value)
    try:
        return ("%" + str(arg)) % value
    except (ValueError, TypeError):
        return ""


_APOSTROPHE_CAPS = re.compile(r"([a-z])'([A-Z])")
_DIGIT_CAPS = re.compile(r"\d([A-Z])")


@stringfilter
def title(value: str) -> str:
    """Title case that leaves "it's" and "1st" alone."""
    text = _APOSTROPHE_CAPS.sub(lambda m: m.group(0).lower(), value.title())
    return _DIGIT_CAPS.sub(lambda m: m.group(0).lower(), text)


@stringfilter
def truncatechars(value: str, arg: Any) -> str:
    try:
        length = int(arg)
    except ValueError:
        return value
    return truncate_chars(value, length)


@stringfilter
def truncatechars_html(value: str, arg: Any) -> str:
    try:
        length = int(arg)
    except ValueError:
        return value
    return Truncator(value).chars(length, html=True)


@stringfilter
def truncatewords(value: str, arg: Any) -> str:
    try:
        length = int(arg)
    except ValueError:
        return value
    return Truncator(value).words(length, truncate=" …")


@stringfilter
def truncatewords_html(value: str, arg: Any) -> str:
    try:
        length = int(arg)
    except ValueError:
        return value
    return Truncator(value).words(length, html=True, truncate=" …")


@stringfilter
def upper(value: str) -> str:
    return value.upper()


@stringfilter
def urlencode(value: str, safe: str | None = None) -> str:
    """Percent-encode for a URL; '/' is kept unless safe says otherwise."""
    if safe is None:
        return quote(value)
    return quote(value, safe=safe)


@stringfilter
def urlize(value: str, autoescape: bool = True) -> str:
    return mark_safe(_urlize(value, nofollow=True, autoescape=autoescape))


@stringfilter
def urlizetrunc(value: str, limit: Any, autoescape: bool = True) -> str:
    return mark_safe(
        _urlize(value, trim_url_limit=int(limit), nofollow=True, autoescape=autoescape)
    )


@stringfilter
def wordcount(value: str) -> int:
    return len(value.split())


@stringfilter
def wordwrap(value: str, arg: Any) -> str:
    return wrap(value, int(arg))


@stringfilter
def ljust(value: str, arg: Any) -> str:
    return value.ljust(int(arg))


@stringfilter
def rjust(value: str, arg: Any) -> str:
    return value.rjust(int(arg))


@stringfilter
def center(value: str, arg: Any) -> str:
    return value.center(int(arg))


@stringfilter
def cut(value: str, arg: str) -> str:
    """Remove every occurrence of arg; stays safe unless a ';' (entity ends) was cut."""
    safe = isinstance(value, SafeData)
    value = value.replace(arg, "")
    if safe and arg != ";":
        return mark_safe(value)
    return value


def phone2numeric_filter(value: Any) -> str:
    return phone2numeric(value)
