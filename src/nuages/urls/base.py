"""resolve(), reverse() and the per-request URLconf."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from nuages.urls._resolver_match import ResolverMatch
from nuages.urls._reverse import encode_query
from nuages.urls.exceptions import NoReverseMatch, Resolver404
from nuages.urls.resolvers import _clear_caches, get_ns_resolver, get_resolver
from nuages.urls.utils import get_callable
from nuages.utils._script_prefix import clear_script_prefix, get_script_prefix, set_script_prefix
from nuages.utils.functional import lazy
from nuages.utils.translation import override

__all__ = [
    "clear_script_prefix",
    "clear_url_caches",
    "get_script_prefix",
    "get_urlconf",
    "is_valid_path",
    "resolve",
    "reverse",
    "reverse_lazy",
    "set_script_prefix",
    "set_urlconf",
    "translate_url",
]

# The URLconf of the current request (per thread and per async task); None means
# settings.ROOT_URLCONF.
_urlconf: ContextVar[Any] = ContextVar("nuages_urlconf", default=None)


def resolve(path: str, urlconf: Any = None) -> ResolverMatch:
    """The ResolverMatch of path (which starts with '/'), or raise Resolver404."""
    if urlconf is None:
        urlconf = _urlconf.get()
    return get_resolver(urlconf).resolve(path)


def reverse(
    viewname: Any,
    urlconf: Any = None,
    args: Any = None,
    kwargs: dict | None = None,
    current_app: str | None = None,
    *,
    query: Any = None,
    fragment: str | None = None,
) -> str:
    """The URL path of a named URL pattern ('ns:name') or of a view, with its arguments."""
    if urlconf is None:
        urlconf = _urlconf.get()
    resolver = get_resolver(urlconf)
    prefix = get_script_prefix()
    view = viewname
    if isinstance(viewname, str) and ":" in viewname:
        namespaces, _, view = viewname.rpartition(":")
        key = (namespaces, current_app)
        target = resolver._namespace_cache.get(key)
        if target is None:
            target = _namespace_resolver(resolver, namespaces.split(":"), current_app)
            if resolver._static_tables is not None:
                resolver._namespace_cache[key] = target
        resolver = target
    url = resolver._reverse(view, prefix, tuple(args) if args else (), kwargs or {})
    if query is not None:
        query_string = encode_query(query)
        if query_string:
            url += "?" + query_string
    if fragment is not None:
        url += "#" + fragment
    return url


def _namespace_resolver(resolver: Any, path: list[str], current_app: str | None) -> Any:
    """The resolver that reverses names inside the namespace path ['ns', 'inner', ...].

    Each part may be an application namespace: it then means the current application's
    instance when current_app names one, else the instance named like the application,
    else the last deployed instance.
    """
    current_path = current_app.split(":")[::-1] if current_app else None
    resolved: list[str] = []
    ns_pattern = ""
    ns_converters: dict = {}
    for ns in path:
        current_ns = current_path.pop() if current_path else None
        tables = resolver._tables()
        instances = tables.apps.get(ns)
        if instances is not None:
            if current_ns and current_ns in instances:
                ns = current_ns
            elif ns not in instances:
                ns = instances[0]
        if ns != current_ns:
            current_path = None
        try:
            extra, resolver = tables.namespaces[ns]
        except KeyError:
            if resolved:
                raise NoReverseMatch(
                    f"'{ns}' is not a registered namespace inside '{':'.join(resolved)}'"
                ) from None
            raise NoReverseMatch(f"'{ns}' is not a registered namespace") from None
        resolved.append(ns)
        ns_pattern += extra
        ns_converters.update(tables.ns_converters[ns])
    if ns_pattern:
        resolver = get_ns_resolver(ns_pattern, resolver, tuple(ns_converters.items()))
    return resolver


reverse_lazy = lazy(reverse, str)


def clear_url_caches() -> None:
    """Forget every compiled resolver and imported view (after changing URLconfs)."""
    get_callable.cache_clear()
    _clear_caches()


def set_urlconf(urlconf_name: Any) -> None:
    """Use urlconf_name for this thread or task; None restores settings.ROOT_URLCONF."""
    _urlconf.set(urlconf_name or None)


def get_urlconf(default: Any = None) -> Any:
    """The URLconf set by set_urlconf() for this thread or task, else default."""
    urlconf = _urlconf.get()
    return default if urlconf is None else urlconf


def is_valid_path(path: str, urlconf: Any = None) -> ResolverMatch | bool:
    """The ResolverMatch of path if it resolves, else False."""
    try:
        return resolve(path, urlconf)
    except Resolver404:
        return False


def translate_url(url: str, lang_code: str) -> str:
    """url as it reads in the language lang_code, or url unchanged if it cannot be."""
    parsed = urlsplit(url)
    try:
        # The path may be percent-encoded.
        match = resolve(unquote(parsed.path))
    except Resolver404:
        return url
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(lang_code):
        try:
            path = reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return url
    return urlunsplit((parsed.scheme, parsed.netloc, path, parsed.query, parsed.fragment))
