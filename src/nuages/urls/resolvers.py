"""URL entries and resolvers.

A URLPattern maps a pattern to a view; a URLResolver maps a pattern prefix to a list of
entries (an include(), or the root URLconf). Each resolver compiles its entries once
into a Matcher (see _matcher.py) for resolving, and prepares reverse() tables (names,
namespaces, application namespaces) once per language on first use.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from importlib import import_module
from typing import Any

from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured
from nuages.urls._checks import check_entry, check_error_handlers, check_url_pattern
from nuages.urls._matcher import Matcher
from nuages.urls._patterns import LocalePrefixPattern, RegexPattern, RoutePattern
from nuages.urls._resolver_match import ResolverMatch
from nuages.urls._reverse import Possibility, reverse_with_prefix
from nuages.urls.exceptions import Resolver404
from nuages.urls.utils import get_callable
from nuages.utils.functional import cached_property
from nuages.utils.translation import get_language

__all__ = [
    "LocalePrefixPattern",
    "RegexPattern",
    "ResolverMatch",
    "RoutePattern",
    "URLPattern",
    "URLResolver",
    "get_ns_resolver",
    "get_resolver",
]

# Error views used when the root URLconf defines no handler<code>; imported on first use
# (the views layer sits above this one).
_DEFAULT_HANDLERS = {
    400: "nuages.views.defaults.bad_request",
    403: "nuages.views.defaults.permission_denied",
    404: "nuages.views.defaults.page_not_found",
    500: "nuages.views.defaults.server_error",
}

# How a resolver treats each entry while resolving.
_PATTERN, _RESOLVER, _CUSTOM = 0, 1, 2


class URLPattern:
    """A pattern and the view it leads to (what path() and re_path() return for a view)."""

    def __init__(
        self,
        pattern: Any,
        callback: Callable,
        default_args: dict | None = None,
        name: str | None = None,
    ) -> None:
        self.pattern = pattern
        self.callback = callback
        self.default_args = default_args or {}
        self.name = name

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.pattern.describe()}>"

    def check(self) -> list:
        """System check messages for this entry (see nuages.core.checks)."""
        return check_url_pattern(self)

    def resolve(self, path: str) -> ResolverMatch | None:
        matched = self.pattern.match(path)
        if matched is None:
            return None
        _, args, captured = matched
        return ResolverMatch(
            self.callback,
            args,
            {**captured, **self.default_args},
            self.pattern.name,
            route=str(self.pattern),
            captured_kwargs=captured,
            extra_kwargs=self.default_args,
        )

    @cached_property
    def lookup_str(self) -> str:
        """The dotted path of the view (its class for class-based views)."""
        callback = self.callback
        if isinstance(callback, functools.partial):
            callback = callback.func
        if hasattr(callback, "view_class"):
            callback = callback.view_class
        elif not hasattr(callback, "__name__"):
            return f"{callback.__module__}.{type(callback).__name__}"
        return f"{callback.__module__}.{callback.__qualname__}"


class _ReverseDict(dict):
    """Name or view -> possibilities, read like Django's MultiValueDict."""

    def getlist(self, key: Any, default: list | None = None) -> list:
        return dict.get(self, key, [] if default is None else default)

    def __getitem__(self, key: Any) -> Any:
        return dict.__getitem__(self, key)[-1]


class _Tables:
    """What reverse() needs from one resolver, for one language."""

    __slots__ = (
        "apps",
        "callback_strs",
        "language_dependent",
        "namespaces",
        "ns_converters",
        "reverse",
    )

    def __init__(self) -> None:
        self.reverse = _ReverseDict()
        self.namespaces: dict[str, tuple[str, URLResolver]] = {}
        self.ns_converters: dict[str, dict] = {}
        self.apps: dict[str, list[str]] = {}
        self.callback_strs: set[str] = set()
        self.language_dependent = False


def _language_dependent(pattern: Any) -> bool:
    if isinstance(pattern, RoutePattern | RegexPattern):
        return pattern._lazy
    return True  # the locale prefix, and pattern classes we know nothing about


def _join_route(route1: str, route2: str) -> str:
    """Join two routes, dropping the second one's leading ^."""
    if not route1:
        return route2
    if route2.startswith("^"):
        route2 = route2[1:]
    return route1 + route2


class URLResolver:
    """A pattern prefix and the URL entries (an URLconf) below it."""

    def __init__(
        self,
        pattern: Any,
        urlconf_name: Any,
        default_kwargs: dict | None = None,
        app_name: str | None = None,
        namespace: str | None = None,
    ) -> None:
        self.pattern = pattern
        # A dotted module path, a module, or a list of entries.
        self.urlconf_name = urlconf_name
        self.callback = None
        self.default_kwargs = default_kwargs or {}
        self.namespace = namespace
        self.app_name = app_name
        self._lock = threading.RLock()
        self._compiled: tuple[Matcher, list] | None = None
        self._static_tables: _Tables | None = None
        self._language_tables: dict[str | None, _Tables] = {}
        # (namespace path, current_app) -> resolver, for language-independent URLconfs.
        self._namespace_cache: dict[tuple[str, str | None], URLResolver] = {}
        # The root URLconf's "^/" needs no regex.
        self._root = type(pattern) is RegexPattern and pattern._regex == "^/"

    def __repr__(self) -> str:
        if isinstance(self.urlconf_name, list) and self.urlconf_name:
            # The whole list can be huge.
            urlconf = f"<{type(self.urlconf_name[0]).__name__} list>"
        else:
            urlconf = repr(self.urlconf_name)
        return (
            f"<{type(self).__name__} {urlconf} ({self.app_name}:{self.namespace}) "
            f"{self.pattern.describe()}>"
        )

    @cached_property
    def urlconf_module(self) -> Any:
        if isinstance(self.urlconf_name, str):
            return import_module(self.urlconf_name)
        return self.urlconf_name

    @cached_property
    def url_patterns(self) -> Any:
        patterns = getattr(self.urlconf_module, "urlpatterns", self.urlconf_module)
        try:
            iter(patterns)
        except TypeError as err:
            raise ImproperlyConfigured(
                f"The included URLconf '{self.urlconf_name}' does not appear to have any patterns "
                "in it. If you see the 'urlpatterns' variable with valid patterns in the file "
                "then the issue is probably caused by a circular import."
            ) from err
        return patterns

    def check(self) -> list:
        """System check messages for the entries below, the error handlers and the prefix."""
        messages = []
        for entry in self.url_patterns:
            messages.extend(check_entry(entry))
        messages.extend(check_error_handlers(self))
        return messages or self.pattern.check()

    # -- resolving ---------------------------------------------------------------------

    def _compile(self) -> tuple[Matcher, list]:
        compiled = self._compiled
        if compiled is None:
            with self._lock:
                if self._compiled is None:
                    entries = []
                    patterns = []
                    for entry in self.url_patterns:
                        kind = _kind(entry)
                        pattern = None if kind == _CUSTOM else entry.pattern
                        # The route text, fixed unless the pattern is translatable.
                        route = None
                        if pattern is not None and not _language_dependent(pattern):
                            route = str(pattern)
                        entries.append((kind, entry, route))
                        patterns.append(pattern)
                    self._compiled = (Matcher(patterns), entries)
                compiled = self._compiled
        return compiled

    def _resolve_tail(self, path: str, own_args: tuple, own_kwargs: dict) -> tuple | None:
        """Resolve what is left of the path after this resolver's own pattern.

        Returns (func, args, kwargs, url_name, app_names, namespaces, route,
        captured_kwargs, extra_kwargs) or None. Arguments merge as Django defines it: the
        include's captured and default keyword arguments, overridden by the view's; the
        positional arguments only count when there are no keyword arguments at all.
        """
        matcher, entries = self._compiled or self._compile()
        defaults = self.default_kwargs
        start = 0
        while True:
            hit = matcher.find(path, start)
            if hit is None:
                return None
            index, rest, args, captured = hit
            kind, entry, route = entries[index]
            if kind == _PATTERN:
                func = entry.callback
                url_name = entry.pattern.name
                extra = entry.default_args
                if own_kwargs or defaults or extra:
                    kwargs = {**own_kwargs, **defaults, **captured, **extra}
                else:
                    kwargs = captured.copy()
                if defaults:
                    extra = {**defaults, **extra}
                app_names = [self.app_name] if self.app_name else []
                namespaces = [self.namespace] if self.namespace else []
                if route is None:
                    route = str(entry.pattern)
                if not kwargs:
                    args = own_args + args
                return func, args, kwargs, url_name, app_names, namespaces, route, captured, extra
            if kind == _RESOLVER:
                sub = entry._resolve_tail(rest, args, captured)
                if sub is None:
                    start = index + 1
                    continue
                if route is None:
                    route = str(entry.pattern)
                sub = (*sub[:6], _join_route(route, sub[6]), *sub[7:])
            else:
                sub = _custom_resolve(entry, path)
                if sub is None:
                    start = index + 1
                    continue
            return self._merge(sub, own_args, own_kwargs)

    def _merge(self, sub: tuple, own_args: tuple, own_kwargs: dict) -> tuple:
        func, args, kwargs, url_name, app_names, namespaces, route, captured, extra = sub
        defaults = self.default_kwargs
        if own_kwargs or defaults:
            kwargs = {**own_kwargs, **defaults, **kwargs}
        if not kwargs:
            args = own_args + args
        if self.app_name:
            app_names = [self.app_name, *app_names]
        if self.namespace:
            namespaces = [self.namespace, *namespaces]
        if defaults:
            extra = {**defaults, **extra}
        return func, args, kwargs, url_name, app_names, namespaces, route, captured, extra

    def _match_own(self, path: str) -> tuple[str, tuple, dict] | None:
        if self._root:
            return (path[1:], (), {}) if path.startswith("/") else None
        return self.pattern.match(path)

    def resolve(self, path: str) -> ResolverMatch:
        """The ResolverMatch for path, or Resolver404 listing the patterns tried."""
        if type(path) is not str:
            path = str(path)  # a lazy string
        if self._root and path[:1] == "/":
            rest, args, kwargs = path[1:], (), {}
        else:
            own = self._match_own(path)
            if own is None:
                raise Resolver404({"path": path})
            rest, args, kwargs = own
        sub = self._resolve_tail(rest, args, kwargs)
        if sub is None:
            raise Resolver404({"tried": self._trace(rest, failed=True)[0], "path": rest})
        func, args, kwargs, url_name, app_names, namespaces, route, captured, extra = sub
        return ResolverMatch._build(
            func,
            args,
            kwargs,
            url_name,
            app_names,
            namespaces,
            route,
            captured,
            extra,
            (self, rest),
        )

    def _trace(self, path: str, failed: bool = False) -> tuple[list, bool]:
        """Walk the entries one by one, as resolving is defined: (patterns tried, matched?).

        failed says resolving already found no match, so views need no second look.
        """
        tried: list = []
        for entry in self.url_patterns:
            kind = _kind(entry)
            if kind == _PATTERN:
                tried.append([entry])
                if not failed and entry.pattern.match(path) is not None:
                    return tried, True
            elif kind == _RESOLVER:
                own = entry._match_own(path)
                if own is None:
                    tried.append([entry])
                    continue
                sub_tried, matched = entry._trace(own[0], failed)
                tried.extend([entry, *item] for item in sub_tried)
                if matched:
                    return tried, True
            else:
                try:
                    found = entry.resolve(path)
                except Resolver404 as err:
                    sub_tried = err.args[0].get("tried")
                    if sub_tried is None:
                        tried.append([entry])
                    else:
                        tried.extend([entry, *item] for item in sub_tried)
                    continue
                sub_tried = getattr(found, "tried", None) if found else None
                if sub_tried is None:
                    tried.append([entry])
                else:
                    tried.extend([entry, *item] for item in sub_tried)
                if found:
                    return tried, True
        return tried, False

    def resolve_error_handler(self, view_type: int) -> Callable:
        """The view for an error status (400, 403, 404, 500): handler<code> of the URLconf."""
        callback = getattr(self.urlconf_module, f"handler{view_type}", None)
        if not callback:
            callback = _DEFAULT_HANDLERS[view_type]
        return get_callable(callback)

    # -- reversing ---------------------------------------------------------------------

    def _tables(self) -> _Tables:
        tables = self._static_tables
        if tables is not None:
            return tables
        language = get_language() if self._language_tables else None
        tables = self._language_tables.get(language) if self._language_tables else None
        if tables is None:
            with self._lock:
                tables = self._build_tables()
                if tables.language_dependent:
                    self._language_tables[get_language()] = tables
                else:
                    self._static_tables = tables
        return tables

    def _build_tables(self) -> _Tables:
        # Walk backwards: for a name defined twice, the last definition is tried first, and
        # the default instance of an application namespace is the last one deployed.
        tables = _Tables()
        lookups = tables.reverse
        own_converters = self.pattern.converters
        for entry in reversed(self.url_patterns):
            pattern = entry.pattern
            if _language_dependent(pattern):
                tables.language_dependent = True
            prefix = pattern.regex.pattern
            if prefix.startswith("^"):
                prefix = prefix[1:]
            if isinstance(entry, URLPattern):
                tables.callback_strs.add(entry.lookup_str)
                possibility = Possibility.from_pattern(
                    prefix, entry.default_args, pattern.converters
                )
                lookups.setdefault(entry.callback, []).append(possibility)
                if entry.name is not None:
                    lookups.setdefault(entry.name, []).append(possibility)
            elif entry.app_name:
                if entry._tables().language_dependent:
                    tables.language_dependent = True
                tables.apps.setdefault(entry.app_name, []).append(entry.namespace)
                tables.namespaces[entry.namespace] = (prefix, entry)
                tables.ns_converters[entry.namespace] = dict(pattern.converters)
            else:
                child = entry._tables()
                tables.language_dependent |= child.language_dependent
                converters = {**own_converters, **pattern.converters}
                for key, possibilities in child.reverse.items():
                    bucket = lookups.setdefault(key, [])
                    for possibility in possibilities:
                        bucket.append(
                            Possibility.from_pattern(
                                prefix + possibility.pattern,
                                {**possibility.defaults, **entry.default_kwargs},
                                {**converters, **possibility.converters},
                            )
                        )
                for namespace, (ns_prefix, resolver) in child.namespaces.items():
                    tables.namespaces[namespace] = (prefix + ns_prefix, resolver)
                    tables.ns_converters[namespace] = {
                        **child.ns_converters[namespace],
                        **pattern.converters,
                    }
                for app_name, namespaces in child.apps.items():
                    tables.apps.setdefault(app_name, []).extend(namespaces)
                tables.callback_strs.update(child.callback_strs)
        return tables

    @property
    def reverse_dict(self) -> _ReverseDict:
        return self._tables().reverse

    @property
    def namespace_dict(self) -> dict[str, tuple[str, URLResolver]]:
        return self._tables().namespaces

    @property
    def app_dict(self) -> dict[str, list[str]]:
        return self._tables().apps

    @property
    def _populated(self) -> bool:
        return self._static_tables is not None or bool(self._language_tables)

    def _populate(self) -> None:
        self._tables()

    @property
    def _callback_strs(self) -> set[str]:
        return self._tables().callback_strs

    def _is_callback(self, name: str) -> bool:
        return name in self._tables().callback_strs

    def reverse(self, lookup_view: Any, *args: Any, **kwargs: Any) -> str:
        return self._reverse_with_prefix(lookup_view, "", *args, **kwargs)

    def _reverse_with_prefix(
        self, lookup_view: Any, _prefix: str, *args: Any, **kwargs: Any
    ) -> str:
        return self._reverse(lookup_view, _prefix, args, kwargs)

    def _reverse(self, lookup_view: Any, prefix: str, args: tuple, kwargs: dict) -> str:
        tables = self._static_tables or self._tables()
        possibilities = dict.get(tables.reverse, lookup_view, ())
        return reverse_with_prefix(possibilities, lookup_view, prefix, args, kwargs)


def _kind(entry: Any) -> int:
    """How resolving treats entry: by its pattern, or through its own resolve() override."""
    kind = type(entry)
    if isinstance(entry, URLPattern) and kind.resolve is URLPattern.resolve:
        return _PATTERN
    if isinstance(entry, URLResolver) and kind.resolve is URLResolver.resolve:
        return _RESOLVER
    return _CUSTOM


def _custom_resolve(entry: Any, path: str) -> tuple | None:
    """Resolve through an entry's own resolve() (subclasses, foreign entry types)."""
    try:
        found = entry.resolve(path)
    except Resolver404:
        return None
    if not found:
        return None
    route = found.route or ""
    if not isinstance(entry, URLPattern):
        route = _join_route(str(entry.pattern), route)
    return (
        found.func,
        found.args,
        found.kwargs,
        found.url_name,
        found.app_names,
        found.namespaces,
        route,
        found.captured_kwargs,
        found.extra_kwargs or {},
    )


_resolvers: dict[Any, URLResolver] = {}


def get_resolver(urlconf: Any = None) -> URLResolver:
    """The (cached) root resolver of urlconf, by default settings.ROOT_URLCONF."""
    if urlconf is None:
        urlconf = settings.ROOT_URLCONF
    try:
        resolver = _resolvers.get(urlconf)
    except TypeError:
        # An unhashable URLconf (a bare list of patterns) cannot be cached.
        return URLResolver(RegexPattern(r"^/"), urlconf)
    if resolver is None:
        resolver = _resolvers.setdefault(urlconf, URLResolver(RegexPattern(r"^/"), urlconf))
    return resolver


@functools.cache
def get_ns_resolver(ns_pattern: str, resolver: URLResolver, converters: tuple) -> URLResolver:
    """A root resolver for the entries of a namespaced resolver, reached through ns_pattern."""
    ns_resolver = URLResolver(RegexPattern(ns_pattern), resolver.url_patterns)
    ns_resolver.pattern.converters = dict(converters)
    return URLResolver(RegexPattern(r"^/"), [ns_resolver])


def _clear_caches() -> None:
    _resolvers.clear()
    get_ns_resolver.cache_clear()
