"""Text helpers: capfirst, wrap, slugify, Truncator, smart_split and friends."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Iterator
from typing import Any

from nuages.core.exceptions import SuspiciousFileOperation
from nuages.utils._compress import compress_sequence, compress_string
from nuages.utils._truncator import Truncator, add_truncation_text
from nuages.utils.functional import keep_lazy_text, lazy
from nuages.utils.translation import gettext as _
from nuages.utils.translation import gettext_lazy

__all__ = [
    "Truncator",
    "add_truncation_text",
    "camel_case_to_spaces",
    "capfirst",
    "compress_sequence",
    "compress_string",
    "format_lazy",
    "get_text_list",
    "get_valid_filename",
    "normalize_newlines",
    "phone2numeric",
    "slugify",
    "smart_split",
    "unescape_string_literal",
    "wrap",
]


@keep_lazy_text
def capfirst(x: Any) -> Any:
    """The text with its first character upper-cased; falsy values come back unchanged."""
    if not x:
        return x
    x = str(x)
    return x[0].upper() + x[1:]


@keep_lazy_text
def wrap(text: Any, width: int) -> str:
    """Wrap text at width columns, never breaking words; existing newlines are kept."""
    wrapper = textwrap.TextWrapper(
        width=int(width),
        break_long_words=False,
        break_on_hyphens=False,
        expand_tabs=False,
        replace_whitespace=False,
    )
    lines = []
    for line in str(text).split("\n"):
        lines.extend(wrapper.wrap(line) or [""])
    return "\n".join(lines)


_FILENAME_UNSAFE = re.compile(r"[^-\w.]")


@keep_lazy_text
def get_valid_filename(name: Any) -> str:
    """name made safe as a file name: spaces become underscores, other punctuation goes."""
    s = _FILENAME_UNSAFE.sub("", str(name).strip().replace(" ", "_"))
    if s in {"", ".", ".."}:
        raise SuspiciousFileOperation(f"Could not derive file name from '{name}'")
    return s


_OR = gettext_lazy("or")


@keep_lazy_text
def get_text_list(list_: list, last_word: Any = _OR) -> str:
    """'a, b, c or d' (the separator and the last word are translated)."""
    if not list_:
        return ""
    if len(list_) == 1:
        return str(list_[0])
    head = _(", ").join(str(item) for item in list_[:-1])
    return f"{head} {last_word} {list_[-1]}"


_NEWLINES = re.compile(r"\r\n|\r")


@keep_lazy_text
def normalize_newlines(text: Any) -> str:
    """Turn \\r\\n and \\r line endings into \\n."""
    return _NEWLINES.sub("\n", str(text))


# Letters on a phone keypad (ITU E.161).
_KEYPAD = str.maketrans(
    {
        **dict.fromkeys("abc", "2"),
        **dict.fromkeys("def", "3"),
        **dict.fromkeys("ghi", "4"),
        **dict.fromkeys("jkl", "5"),
        **dict.fromkeys("mno", "6"),
        **dict.fromkeys("pqrs", "7"),
        **dict.fromkeys("tuv", "8"),
        **dict.fromkeys("wxyz", "9"),
    }
)


@keep_lazy_text
def phone2numeric(phone: Any) -> str:
    """A phone number's letters as keypad digits ('0800 flowers' -> '0800 3569377')."""
    return str(phone).lower().translate(_KEYPAD)


# A token: a run of non-space characters in which quoted strings (with backslash escapes)
# may contain spaces; an unterminated quote falls back to a plain run of non-space.
_SMART_SPLIT = re.compile(
    r"""
    (?:[^\s'"]*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'))+[^\s'"]*
    | \S+
    """,
    re.VERBOSE,
)


def smart_split(text: Any) -> Iterator[str]:
    """Split on spaces, keeping quoted phrases (quotes included) together."""
    for match in _SMART_SPLIT.finditer(str(text)):
        yield match.group()


@keep_lazy_text
def unescape_string_literal(s: Any) -> str:
    """The content of a quoted literal: '"a \\"b\\""' -> 'a "b"'."""
    if not s or s[0] not in "\"'" or s[-1] != s[0]:
        raise ValueError(f"Not a string literal: {s!r}")
    quote = s[0]
    return s[1:-1].replace("\\" + quote, quote).replace("\\\\", "\\")


_SLUG_DROP = re.compile(r"[^\w\s-]")
_SLUG_SEPARATORS = re.compile(r"[-\s]+")


@keep_lazy_text
def slugify(value: Any, allow_unicode: bool = False) -> str:
    """Lower-case, drop what isn't a letter, digit, _, - or space, and join words with '-'.

    Without allow_unicode, accents are removed and other non-ASCII characters dropped.
    """
    value = str(value)
    if allow_unicode:
        value = unicodedata.normalize("NFKC", value)
    else:
        value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = _SLUG_DROP.sub("", value.lower())
    return _SLUG_SEPARATORS.sub("-", value).strip("-_")


# An upper-case letter after a lower-case one, or one that starts a new capitalized word.
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z])([A-Z])|([A-Z])(?=[^A-Z])")


def camel_case_to_spaces(value: Any) -> str:
    """'CamelCaseName' -> 'camel case name'."""
    return _CAMEL_BOUNDARY.sub(lambda m: " " + m.group(), str(value)).strip().lower()


def _format_lazy(format_string: Any, *args: Any, **kwargs: Any) -> str:
    return str(format_string).format(*args, **kwargs)


# str.format evaluated when the result is used: arguments may be lazy translations.
format_lazy = lazy(_format_lazy, str)
