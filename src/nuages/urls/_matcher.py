"""The compiled matcher of one resolver level: which entry matches a path first.

Consecutive plain path() routes are compiled into one alternation regex, one capturing
group per route, and the route that matched is read from ``match.lastindex``: one regex call
replaces a Python loop over the patterns. List order still decides: an alternation tries
its branches left to right, and when a route matches but a converter rejects the value (or
an include finds nothing further down), the search resumes at the next entry with a regex
of the remaining routes. Other patterns (re_path(), translated routes, the locale prefix,
custom classes) are tried one by one where they stand. Literal endpoint routes that no
earlier entry can shadow are also found by a plain dict lookup.
"""

from __future__ import annotations

import re
from typing import Any

from nuages.core.exceptions import ImproperlyConfigured
from nuages.urls._patterns import RegexPattern, RoutePattern

__all__ = ["Matcher"]

Hit = tuple[int, Any, Any, Any]


def _combinable(pattern: Any) -> bool:
    return type(pattern) is RoutePattern and not pattern._lazy


class _Block:
    """Consecutive combinable routes (entry indices start..stop-1) as one regex."""

    __slots__ = ("_tails", "entries", "regex", "start", "stop", "table")

    def __init__(self, entries: list[tuple[int, RoutePattern]]) -> None:
        self.entries = entries
        self.start = entries[0][0]
        self.stop = entries[-1][0] + 1
        self.regex, self.table = self._compile(entries)
        self._tails: dict[int, tuple[re.Pattern, dict]] = {}

    @staticmethod
    def _compile(entries: list[tuple[int, RoutePattern]]) -> tuple[re.Pattern, dict]:
        branches = []
        table: dict[int, tuple[int, tuple]] = {}
        group = 1
        for index, pattern in entries:
            source = []
            params = []
            inner = group + 1
            for part in pattern._parts:
                if isinstance(part, str):
                    source.append(re.escape(part))
                    continue
                name, converter = part
                source.append(f"({converter.regex})")
                params.append((name, inner, converter))
                inner += 1 + re.compile(converter.regex).groups
            if pattern._is_endpoint:
                source.append(r"\Z")
            branches.append(f"({''.join(source)})")
            table[group] = (index, tuple(params))
            group = inner
        return re.compile("|".join(branches)), table

    def tail(self, start: int) -> tuple[re.Pattern, dict]:
        """The regex and table of the routes from entry index start on."""
        cached = self._tails.get(start)
        if cached is None:
            cached = self._tails[start] = self._compile([e for e in self.entries if e[0] >= start])
        return cached

    def first(self, path: str, start: int) -> Hit | None:
        """The first route at or after start that matches path, converters included."""
        regex, table = (self.regex, self.table) if start <= self.start else self.tail(start)
        while True:
            found = regex.match(path)
            if found is None:
                return None
            index, params = table[found.lastindex]
            kwargs = {}
            try:
                for name, group, converter in params:
                    kwargs[name] = converter.to_python(found[group])
            except ValueError:
                if index + 1 >= self.stop:
                    return None
                regex, table = self.tail(index + 1)
                continue
            return index, path[found.end() :], (), kwargs


class Matcher:
    """Finds, for a path, the first entry (in list order, from a start index) that matches."""

    __slots__ = ("_segments", "_static")

    def __init__(self, patterns: list[Any]) -> None:
        """patterns[i] is entry i's pattern, or None for an entry that resolves itself."""
        segments: list[Any] = []
        run: list[tuple[int, RoutePattern]] = []
        for index, pattern in enumerate(patterns):
            if _combinable(pattern):
                run.append((index, pattern))
                continue
            if run:
                segments.append(self._block(run))
                run = []
            segments.append((index, pattern))
        if run:
            segments.append(self._block(run))
        self._segments = segments
        self._static = self._static_routes(segments)

    @staticmethod
    def _block(run: list[tuple[int, RoutePattern]]) -> Any:
        try:
            return _Block(run)
        except re.error:
            # A custom converter regex that cannot be combined (e.g. named groups):
            # fall back to trying these routes one by one.
            return [(index, pattern) for index, pattern in run]

    @staticmethod
    def _static_routes(segments: list[Any]) -> dict[str, int]:
        """Literal endpoint routes that no earlier entry could match first."""
        static: dict[str, int] = {}
        for position, segment in enumerate(segments):
            if not isinstance(segment, _Block):
                continue
            for index, pattern in segment.entries:
                if pattern.converters or not pattern._is_endpoint:
                    continue
                route = pattern._route
                if route in static or not _unshadowed(route, index, segments[: position + 1]):
                    continue
                static[route] = index
        return static

    def find(self, path: str, start: int = 0) -> Hit | None:
        """(index, remaining path, args, kwargs) of the first match at or after start.

        For an entry whose pattern is None the last three are None: the caller resolves it.
        """
        if not start:
            index = self._static.get(path)
            if index is not None:
                return index, "", (), {}
        for segment in self._segments:
            if type(segment) is _Block:
                if segment.stop <= start:
                    continue
                hit = segment.first(path, start)
                if hit is not None:
                    return hit
                continue
            for index, pattern in segment if isinstance(segment, list) else (segment,):
                if index < start:
                    continue
                if pattern is None:
                    return index, None, None, None
                matched = pattern.match(path)
                if matched is not None:
                    return index, *matched
        return None


def _unshadowed(route: str, index: int, segments: list[Any]) -> bool:
    """True when no entry before index can match the literal path route."""
    for segment in segments:
        if isinstance(segment, _Block):
            found = segment.regex.match(route)
            if found is not None and segment.table[found.lastindex][0] < index:
                return False
        elif isinstance(segment, list):
            return False
        else:
            _, pattern = segment
            # An earlier regex that cannot match is harmless; anything else may shadow.
            if type(pattern) is not RegexPattern or pattern._lazy:
                return False
            try:
                regex = pattern.regex
            except ImproperlyConfigured:
                return False  # reported when resolving reaches it, as in Django
            if regex.search(route) is not None:
                return False
    return True
