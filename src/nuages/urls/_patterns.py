"""Patterns: the part of a URL entry that decides whether a path matches.

RoutePattern reads path() syntax (``articles/<int:year>/``), RegexPattern wraps a regular
expression (re_path()), LocalePrefixPattern matches the active language's prefix
(i18n_patterns()). Each has ``match(path) -> (remaining_path, args, kwargs) | None``.
Patterns given as lazy (translatable) strings are compiled once per language.
"""

from __future__ import annotations

import functools
import re
import string
from typing import Any

from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured
from nuages.urls import converters as _converters
from nuages.urls._checks import check_regex_pattern, check_route_pattern
from nuages.utils.functional import Promise
from nuages.utils.translation import get_language

__all__ = ["LocalePrefixPattern", "RegexPattern", "RoutePattern"]

# <converter:name> or <name>; the converter defaults to "str".
_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
_WHITESPACE = frozenset(string.whitespace)


@functools.cache
def _parse_route(route: str, is_endpoint: bool) -> tuple[str, dict[str, Any], tuple]:
    """(regex source, converters by parameter, parts) of a path() route.

    parts alternates literal text and (parameter, converter) pairs; the matcher builds its
    combined regex from them.
    """
    all_converters = _converters.get_converters()
    regex = ["^"]
    converters: dict[str, Any] = {}
    parts: list[Any] = []
    end = 0
    for found in _PARAMETER.finditer(route):
        if not _WHITESPACE.isdisjoint(found.group()):
            raise ImproperlyConfigured(
                f"URL route '{route}' cannot contain whitespace in angle brackets <…>."
            )
        raw_converter = found.group("converter") or "str"
        parameter = found.group("parameter")
        if not parameter.isidentifier():
            raise ImproperlyConfigured(
                f"URL route '{route}' uses parameter name {parameter!r} which isn't a valid "
                "Python identifier."
            )
        try:
            converter = all_converters[raw_converter]
        except KeyError:
            raise ImproperlyConfigured(
                f"URL route '{route}' uses invalid converter {raw_converter!r}."
            ) from None
        literal = route[end : found.start()]
        end = found.end()
        converters[parameter] = converter
        regex.append(re.escape(literal))
        regex.append(f"(?P<{parameter}>{converter.regex})")
        if literal:
            parts.append(literal)
        parts.append((parameter, converter))
    if route[end:]:
        parts.append(route[end:])
    regex.append(re.escape(route[end:]))
    if is_endpoint:
        regex.append(r"\Z")
    return "".join(regex), converters, tuple(parts)


_converters._change_hooks.append(_parse_route.cache_clear)


def _compile(regex: str) -> re.Pattern:
    try:
        return re.compile(regex)
    except re.error as err:
        raise ImproperlyConfigured(f'"{regex}" is not a valid regular expression: {err}') from err


class _PatternBase:
    """What RoutePattern and RegexPattern share: a name and a regex compiled once per language."""

    _source: Any
    name: str | None

    def _regex_source(self) -> str:
        raise NotImplementedError

    @property
    def regex(self) -> re.Pattern:
        if self._lazy:
            key = get_language()
            compiled = self._by_language.get(key)
            if compiled is None:
                compiled = self._by_language[key] = _compile(self._regex_source())
            return compiled
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = _compile(self._regex_source())
        return compiled

    def describe(self) -> str:
        """The pattern as shown in messages: quoted, with its name if it has one."""
        description = f"'{self}'"
        if self.name:
            description += f" [name='{self.name}']"
        return description

    def __str__(self) -> str:
        return str(self._source)


class RegexPattern(_PatternBase):
    """A regular expression pattern (re_path()); named groups become keyword arguments."""

    def __init__(self, regex: str, name: str | None = None, is_endpoint: bool = False) -> None:
        self._regex = self._source = regex
        self._is_endpoint = is_endpoint
        self._lazy = isinstance(regex, Promise)
        self._by_language: dict[str | None, re.Pattern] = {}
        self._compiled: re.Pattern | None = None
        self.name = name
        self.converters: dict[str, Any] = {}

    def _regex_source(self) -> str:
        return str(self._regex)

    def match(self, path: str) -> tuple[str, tuple, dict] | None:
        regex = self.regex
        # "$" also matches before a final newline: an endpoint must match the whole path.
        if self._is_endpoint and regex.pattern.endswith("$"):
            found = regex.fullmatch(path)
        else:
            found = regex.search(path)
        if found is None:
            return None
        named = found.groupdict()
        # Named groups win: positional groups are only passed when there are no named ones.
        args = () if named else found.groups()
        kwargs = {key: value for key, value in named.items() if value is not None}
        return path[found.end() :], args, kwargs

    def check(self) -> list:
        return check_regex_pattern(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._regex!r}>"


class RoutePattern(_PatternBase):
    """A path() route such as ``articles/<int:year>/``."""

    def __init__(self, route: str, name: str | None = None, is_endpoint: bool = False) -> None:
        self._route = self._source = route
        self._is_endpoint = is_endpoint
        self._lazy = isinstance(route, Promise)
        self._by_language: dict[str | None, re.Pattern] = {}
        self._compiled: re.Pattern | None = None
        self.name = name
        _, converters, self._parts = _parse_route(str(route), is_endpoint)
        self.converters: dict[str, Any] = dict(converters)

    def _regex_source(self) -> str:
        return _parse_route(str(self._route), self._is_endpoint)[0]

    def match(self, path: str) -> tuple[str, tuple, dict] | None:
        if not self.converters:
            # A literal route needs no regex.
            route = str(self._route)
            if self._is_endpoint:
                return ("", (), {}) if path == route else None
            if path.startswith(route):
                return path[len(route) :], (), {}
            return None
        found = self.regex.search(path)
        if found is None:
            return None
        kwargs = {}
        # Only the route's parameters: a converter's regex may hold groups of its own.
        for key, converter in self.converters.items():
            try:
                kwargs[key] = converter.to_python(found[key])
            except ValueError:
                return None
        return path[found.end() :], (), kwargs

    def check(self) -> list:
        return check_route_pattern(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._route!r}>"


class LocalePrefixPattern:
    """Matches the active language's code followed by a slash (see i18n_patterns())."""

    def __init__(self, prefix_default_language: bool = True) -> None:
        self.prefix_default_language = prefix_default_language
        self.converters: dict[str, Any] = {}
        self.name: str | None = None

    @property
    def regex(self) -> re.Pattern:
        return re.compile(re.escape(self.language_prefix))

    @property
    def language_prefix(self) -> str:
        """'<language code>/' or '' for the default language when it is not prefixed."""
        language_code = get_language() or settings.LANGUAGE_CODE
        if language_code == settings.LANGUAGE_CODE and not self.prefix_default_language:
            return ""
        return f"{language_code}/"

    def match(self, path: str) -> tuple[str, tuple, dict] | None:
        prefix = self.language_prefix
        if path.startswith(prefix):
            return path[len(prefix) :], (), {}
        return None

    def check(self) -> list:
        return []

    def describe(self) -> str:
        return f"'{self}'"

    def __str__(self) -> str:
        return self.language_prefix
