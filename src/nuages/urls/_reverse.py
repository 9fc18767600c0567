"""Building URLs from prepared pattern shapes: the core of reverse().

A resolver prepares, per name (or view), a list of Possibility objects: the shapes the
full pattern can take (format strings from regex_helper.normalize()), its default
arguments and its converters. Reversing fills the first shape that accepts the arguments
and checks the result against the pattern's compiled regex, so a value a converter would
not match (``abc`` for ``<int:pk>``) is refused as Django refuses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from nuages.http import QueryDict
from nuages.urls.exceptions import NoReverseMatch
from nuages.utils.http import escape_leading_slashes, urlencode
from nuages.utils.regex_helper import normalize

__all__ = ["Possibility", "encode_query", "reverse_with_prefix"]

# RFC 3986 sub-delims plus the other pchar characters that may stay unquoted in a path.
_SAFE = "!$&'()*+,;=/~:@"
_NEEDS_QUOTING = re.compile(r"[^A-Za-z0-9_.\-~!$&'()*+,;=/:@]")


class Possibility:
    """One way to reverse a name: (bits, pattern, defaults, converters), unpackable as such."""

    __slots__ = ("_regex", "bits", "converters", "defaults", "pattern", "shapes")

    def __init__(self, bits: list, pattern: str, defaults: dict, converters: dict) -> None:
        self.bits = bits
        self.pattern = pattern
        self.defaults = defaults
        self.converters = converters
        self.shapes = [(fmt, params, frozenset(params)) for fmt, params in bits]
        self._regex: re.Pattern | None = None

    @classmethod
    def from_pattern(cls, pattern: str, defaults: dict, converters: dict) -> Possibility:
        return cls(normalize(pattern), pattern, defaults, converters)

    @property
    def regex(self) -> re.Pattern:
        regex = self._regex
        if regex is None:
            regex = self._regex = re.compile(self.pattern)
        return regex

    def __iter__(self) -> Iterator[Any]:
        return iter((self.bits, self.pattern, self.defaults, self.converters))

    def __getitem__(self, index: int) -> Any:
        return (self.bits, self.pattern, self.defaults, self.converters)[index]

    def __len__(self) -> int:
        return 4

    def __repr__(self) -> str:
        return f"<Possibility {self.pattern!r}>"


def _fill(possibility: Possibility, args: tuple, kwargs: dict) -> str | None:
    """The path (without prefix) this possibility gives for the arguments, or None."""
    defaults = possibility.defaults
    converters = possibility.converters
    for fmt, params, param_set in possibility.shapes:
        if args:
            if len(args) != len(params):
                continue
            values = dict(zip(params, args, strict=True))
        else:
            # Keywords must be the parameters, give or take default arguments.
            if kwargs.keys() != param_set and (
                not defaults or set(kwargs).symmetric_difference(param_set).difference(defaults)
            ):
                continue
            if defaults and any(
                key not in param_set and kwargs.get(key, value) != value
                for key, value in defaults.items()
            ):
                continue
            values = kwargs
        text = {}
        try:
            for key, value in values.items():
                converter = converters.get(key)
                text[key] = converter.to_url(value) if converter is not None else str(value)
        except ValueError:
            continue
        try:
            candidate = fmt % text
        except KeyError:
            # A parameter given only as a default argument: this shape cannot be filled.
            continue
        if possibility.regex.match(candidate) is not None:
            return candidate
    return None


def reverse_with_prefix(
    possibilities: list[Possibility], lookup_view: Any, prefix: str, args: tuple, kwargs: dict
) -> str:
    """The URL of the first possibility accepting args/kwargs, or raise NoReverseMatch."""
    if args and kwargs:
        raise ValueError("Don't mix *args and **kwargs in call to reverse()!")
    for possibility in possibilities:
        path = _fill(possibility, args, kwargs)
        if path is None:
            continue
        url = prefix + path
        if _NEEDS_QUOTING.search(url) is not None:
            url = quote(url, safe=_SAFE)
        # Never produce a scheme-relative URL ("//host/...").
        return escape_leading_slashes(url)
    raise NoReverseMatch(_message(possibilities, lookup_view, args, kwargs))


def _message(possibilities: list[Possibility], lookup_view: Any, args: tuple, kwargs: dict) -> str:
    module = getattr(lookup_view, "__module__", None)
    name = getattr(lookup_view, "__name__", None)
    view = f"{module}.{name}" if module is not None and name is not None else lookup_view
    patterns = [possibility.pattern for possibility in possibilities]
    if not patterns:
        return f"Reverse for '{view}' not found. '{view}' is not a valid view function or pattern name."
    if args:
        arguments = f"arguments '{args}'"
    elif kwargs:
        arguments = f"keyword arguments '{kwargs}'"
    else:
        arguments = "no arguments"
    return f"Reverse for '{view}' with {arguments} not found. {len(patterns)} pattern(s) tried: {patterns}"


def encode_query(query: Any) -> str:
    """A query string from a QueryDict, a mapping or a sequence of pairs (lists repeat keys)."""
    if isinstance(query, QueryDict):
        return query.urlencode()
    return urlencode(query, doseq=True)
