"""{% load cache %}: `{% cache timeout name [vary_on ...] [using="alias"] %}...{% endcache %}`.

The fragment is stored in the `template_fragments` cache when CACHES defines one, else in the
default cache (or the one named by using=). A timeout of None caches it forever.
"""

from __future__ import annotations

from typing import Any

from nuages.core.cache import InvalidCacheBackendError, caches
from nuages.core.cache.utils import make_template_fragment_key
from nuages.template.exceptions import TemplateSyntaxError
from nuages.template.library import Library
from nuages.template.nodes import Node, NodeList

__all__ = ["CacheNode", "do_cache", "register"]

register = Library()


class CacheNode(Node):
    def __init__(
        self,
        nodelist: NodeList,
        expire_time_var: Any,
        fragment_name: str,
        vary_on: list[Any],
        cache_name: Any,
    ) -> None:
        self.nodelist = nodelist
        self.expire_time_var = expire_time_var
        self.fragment_name = fragment_name
        self.vary_on = vary_on
        self.cache_name = cache_name

    def render(self, context: Any) -> str:
        try:
            expire_time = self.expire_time_var.resolve(context)
        except Exception as exc:
            raise TemplateSyntaxError(
                f'"cache" tag got an unknown variable: {self.expire_time_var.var!r}'
            ) from exc
        if expire_time is not None:
            try:
                expire_time = int(expire_time)
            except (ValueError, TypeError):
                raise TemplateSyntaxError(
                    f'"cache" tag got a non-integer timeout value: {expire_time!r}'
                )
        if self.cache_name:
            try:
                cache_name = self.cache_name.resolve(context)
            except Exception as exc:
                raise TemplateSyntaxError(
                    f'"cache" tag got an unknown variable: {self.cache_name.var!r}'
                ) from exc
            try:
                fragment_cache = caches[cache_name]
            except InvalidCacheBackendError:
                raise TemplateSyntaxError(
                    f"Invalid cache name specified for cache tag: {cache_name!r}"
                )
        else:
            try:
                fragment_cache = caches["template_fragments"]
            except InvalidCacheBackendError:
                fragment_cache = caches["default"]

        vary_on = [var.resolve(context) for var in self.vary_on]
        cache_key = make_template_fragment_key(self.fragment_name, vary_on)
        value = fragment_cache.get(cache_key)
        if value is None:
            value = self.nodelist.render(context)
            fragment_cache.set(cache_key, value, expire_time)
        return value


@register.tag("cache")
def do_cache(parser: Any, token: Any) -> CacheNode:
    """Cache the enclosed fragment for a while, keyed by its name and the vary-on values."""
    nodelist = parser.parse(("endcache",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 3:
        raise TemplateSyntaxError(f"'{tokens[0]}' tag requires at least 2 arguments.")
    if len(tokens) > 3 and tokens[-1].startswith("using="):
        cache_name = parser.compile_filter(tokens[-1][len("using=") :])
        tokens = tokens[:-1]
    else:
        cache_name = None
    return CacheNode(
        nodelist,
        parser.compile_filter(tokens[1]),
        tokens[2],  # the fragment name, never resolved
        [parser.compile_filter(token) for token in tokens[3:]],
        cache_name,
    )
