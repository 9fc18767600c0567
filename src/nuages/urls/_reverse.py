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
from urllib.parse import urlencode as _stdlib_urlencode

from nuages.http import QueryDict
from nuages.urls.exceptions import NoReverseMatch
from nuages.utils.http import escape_leading_slashes
from nuages.utils.regex_helper import normalize

__all__ = ["Possibility", "encode_query", "reverse_with_prefix"]

# RFC 3986 sub-delims plus the other pchar characters that may stay unquoted in a path.
_SAFE = "!$&'()*+,;=/~:@"
_NEEDS_QUOTING = re.compile(r"[^A-Za-z0-9_.\-~!$&'()*+,;=/:@]")


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


class Possibility:
    """One way to reverse a name: (bits, pattern, defaults, converters), unpackable as such.

    Each shape is prepared once as (format, params, param set, positional format,
    converters in parameter order); the positional format fills parameters from a tuple
    without building a dict, and is None when a parameter appears twice (backreferences).
    """

    __slots__ = ("_regex", "bits", "converters", "defaults", "pattern", "shapes")

    def __init__(self, bits: list, pattern: str, defaults: dict, converters: dict) -> None:
        self.bits = bits
        self.pattern = pattern
        self.defaults = defaults
        self.converters = converters
        self.shapes = [self._prepare(fmt, params) for fmt, params in bits]
        self._regex: re.Pattern | None = None

    def _prepare(self, fmt: str, params: list[str]) -> tuple:
        placeholders = _PLACEHOLDER.findall(fmt)
        positional = None
        if placeholders == params and len(set(params)) == len(params):
            positional = _PLACEHOLDER.sub("%s", fmt)
        converters = tuple(self.converters.get(name) for name in params)
        return fmt, tuple(params), frozenset(params), positional, converters

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


def _fill_by_name(possibility: Possibility, fmt: str, values: dict) -> str | None:
    """The general case: fill fmt from a dict of parameter values (None: a value refused)."""
    converters = possibility.converters
    text = {}
    try:
        for key, value in values.items():
            converter = converters.get(key)
            text[key] = converter.to_url(value) if converter is not None else str(value)
    except ValueError:
        return None
    try:
        return fmt % text
    except KeyError:
        # A parameter given only as a default argument: this shape cannot be filled.
        return None


def _defaults_allow(possibility: Possibility, param_set: frozenset, kwargs: dict) -> bool:
    """Extra keywords must be default arguments of the pattern, with the same values."""
    defaults = possibility.defaults
    if not defaults or set(kwargs).symmetric_difference(param_set).difference(defaults):
        return False
    return all(
        key in param_set or kwargs.get(key, value) == value for key, value in defaults.items()
    )


def reverse_with_prefix(
    possibilities: list[Possibility], lookup_view: Any, prefix: str, args: tuple, kwargs: dict
) -> str:
    """The URL of the first possibility accepting args/kwargs, or raise NoReverseMatch."""
    if args and kwargs:
        raise ValueError("Don't mix *args and **kwargs in call to reverse()!")
    for possibility in possibilities:
        for fmt, params, param_set, positional, converters in possibility.shapes:
            if args:
                if len(args) != len(params):
                    continue
                if positional is None:
                    path = _fill_by_name(possibility, fmt, dict(zip(params, args, strict=True)))
                    if path is None:
                        continue
                else:
                    try:
                        path = positional % tuple(
                            [
                                str(value) if converter is None else converter.to_url(value)
                                for converter, value in zip(converters, args, strict=True)
                            ]
                        )
                    except ValueError:
                        continue
            elif kwargs.keys() == param_set and positional is not None and not possibility.defaults:
                try:
                    path = positional % tuple(
                        [
                            str(kwargs[name])
                            if converter is None
                            else converter.to_url(kwargs[name])
                            for name, converter in zip(params, converters, strict=True)
                        ]
                    )
                except ValueError:
                    continue
            else:
                if kwargs.keys() != param_set and not _defaults_allow(
                    possibility, param_set, kwargs
                ):
                    continue
                path = _fill_by_name(possibility, fmt, kwargs)
                if path is None:
                    continue
            # The filled path must still match the pattern: this refuses "abc" for <int:pk>.
            regex = possibility._regex or possibility.regex
            if regex.match(path) is None:
                continue
            url = prefix + path
            if _NEEDS_QUOTING.search(url) is not None:
                url = quote(url, safe=_SAFE)
            if url.startswith("//"):
                # Never produce a scheme-relative URL ("//host/...").
                url = escape_leading_slashes(url)
            return url
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
    # Django's reverse() uses the standard library's urlencode here (so None becomes "None"),
    # not django.utils.http.urlencode.
    return _stdlib_urlencode(query, doseq=True)
