"""Per-site caching: UpdateCacheMiddleware, FetchFromCacheMiddleware and CacheMiddleware.

Put UpdateCacheMiddleware first and FetchFromCacheMiddleware last in MIDDLEWARE. Only GET and
HEAD requests are answered from the cache; only 200 responses are stored, unless they are
streaming, private/no-cache/no-store, have max-age=0, or set a cookie on a request that had
none while varying on Cookie. A cache server that fails is logged and treated as a miss.
Under ASGI the cache is reached through the backend's async methods (native on Redis).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from nuages.conf import settings
from nuages.core.cache import caches
from nuages.utils.cache import (
    _directive,
    _generate_cache_header_key,
    _generate_cache_key,
    _learned_headers,
    cc_delim_re,
    get_cache_key,
    get_max_age,
    has_vary_header,
    learn_cache_key,
    patch_response_headers,
)
from nuages.utils.deprecation import MiddlewareMixin
from nuages.utils.http import parse_http_date_safe

__all__ = ["CacheMiddleware", "FetchFromCacheMiddleware", "UpdateCacheMiddleware"]

logger = logging.getLogger("nuages.cache")

_UNCACHEABLE_DIRECTIVES = frozenset({"private", "no-cache", "no-store"})


def _store_timeout(request: Any, response: Any, page_timeout: Any, cache_timeout: Any) -> Any:
    """The timeout to store response for, or None when it must not be stored (patches headers)."""
    if not getattr(request, "_cache_update_cache", False):
        return None
    if response.streaming or response.status_code not in (200, 304):
        return None
    # A cookie set for a cookie-less visitor is personal when the page varies on Cookie.
    if not request.COOKIES and response.cookies and has_vary_header(response, "Cookie"):
        return None
    cache_control = response.get("Cache-Control")
    if cache_control:
        names = {_directive(field)[0] for field in cc_delim_re.split(cache_control)}
        if names & _UNCACHEABLE_DIRECTIVES:
            return None
    timeout = page_timeout
    if timeout is None:
        timeout = get_max_age(response)
        if timeout is None:
            timeout = cache_timeout
        elif timeout == 0:
            return None
    patch_response_headers(response, timeout)
    if not timeout or response.status_code != 200:
        return None
    return timeout


def _annotate_hit(response: Any) -> Any:
    # Age: how long the copy has been in the cache, from max-age and Expires.
    max_age = get_max_age(response)
    expires = parse_http_date_safe(response.get("Expires", ""))
    if max_age is not None and expires is not None:
        remaining = expires - int(time.time())
        response.headers["Age"] = str(max(0, max_age - remaining))
    return response


class UpdateCacheMiddleware(MiddlewareMixin):
    """Store cacheable responses (the response phase: list it first in MIDDLEWARE)."""

    def __init__(self, get_response: Any) -> None:
        super().__init__(get_response)
        self.cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
        self.page_timeout: Any = None
        self.key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
        self.cache_alias = settings.CACHE_MIDDLEWARE_ALIAS

    @property
    def cache(self) -> Any:
        return caches[self.cache_alias]

    def process_response(self, request: Any, response: Any) -> Any:
        timeout = _store_timeout(request, response, self.page_timeout, self.cache_timeout)
        if timeout is None:
            return response
        cache = self.cache
        try:
            cache_key = learn_cache_key(request, response, timeout, self.key_prefix, cache=cache)
        except Exception:
            logger.exception("Cache error while learning the key of %s", request.path)
            return response
        if callable(getattr(response, "render", None)):
            response.add_post_render_callback(
                lambda r: self._store(cache, cache_key, r, timeout, request)
            )
        else:
            self._store(cache, cache_key, response, timeout, request)
        return response

    @staticmethod
    def _store(cache: Any, key: str, response: Any, timeout: Any, request: Any) -> None:
        try:
            cache.set(key, response, timeout)
        except Exception:
            logger.exception("Cache error while storing %s", request.path)

    async def aprocess_response(self, request: Any, response: Any) -> Any:
        timeout = _store_timeout(request, response, self.page_timeout, self.cache_timeout)
        if timeout is None:
            return response
        cache = self.cache
        if callable(getattr(response, "render", None)):
            # Rendering (and so storing) happens later, synchronously.
            return self._defer(cache, request, response, timeout)
        try:
            header_key, headerlist, cache_key = _learned_headers(request, response, self.key_prefix)
            await cache.aset(header_key, headerlist, timeout)
            await cache.aset(cache_key, response, timeout)
        except Exception:
            logger.exception("Cache error while storing %s", request.path)
        return response

    def _defer(self, cache: Any, request: Any, response: Any, timeout: Any) -> Any:
        try:
            cache_key = learn_cache_key(request, response, timeout, self.key_prefix, cache=cache)
        except Exception:
            logger.exception("Cache error while learning the key of %s", request.path)
            return response
        response.add_post_render_callback(
            lambda r: self._store(cache, cache_key, r, timeout, request)
        )
        return response

    async def __acall__(self, request: Any) -> Any:
        response = await self.get_response(request)
        return await self.aprocess_response(request, response)


class FetchFromCacheMiddleware(MiddlewareMixin):
    """Answer GET/HEAD requests from the cache (the request phase: list it last)."""

    def __init__(self, get_response: Any) -> None:
        super().__init__(get_response)
        self.key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
        self.cache_alias = settings.CACHE_MIDDLEWARE_ALIAS

    @property
    def cache(self) -> Any:
        return caches[self.cache_alias]

    def process_request(self, request: Any) -> Any:
        if request.method not in ("GET", "HEAD"):
            request._cache_update_cache = False
            return None
        cache = self.cache
        try:
            cache_key = get_cache_key(request, self.key_prefix, "GET", cache=cache)
            if cache_key is None:
                request._cache_update_cache = True
                return None
            response = cache.get(cache_key)
            if response is None and request.method == "HEAD":
                cache_key = get_cache_key(request, self.key_prefix, "HEAD", cache=cache)
                response = cache.get(cache_key) if cache_key else None
        except Exception:
            # A cache that is down is a miss, not an error page; do not try to store either.
            logger.exception("Cache error while fetching %s", request.path)
            request._cache_update_cache = False
            return None
        if response is None:
            request._cache_update_cache = True
            return None
        request._cache_update_cache = False
        return _annotate_hit(response)

    async def aprocess_request(self, request: Any) -> Any:
        if request.method not in ("GET", "HEAD"):
            request._cache_update_cache = False
            return None
        cache = self.cache
        try:
            header_key = _generate_cache_header_key(self.key_prefix, request)
            headerlist = await cache.aget(header_key)
            if headerlist is None:
                request._cache_update_cache = True
                return None
            cache_key = _generate_cache_key(request, "GET", headerlist, self.key_prefix)
            response = await cache.aget(cache_key)
            if response is None and request.method == "HEAD":
                cache_key = _generate_cache_key(request, "HEAD", headerlist, self.key_prefix)
                response = await cache.aget(cache_key)
        except Exception:
            logger.exception("Cache error while fetching %s", request.path)
            request._cache_update_cache = False
            return None
        if response is None:
            request._cache_update_cache = True
            return None
        request._cache_update_cache = False
        return _annotate_hit(response)

    async def __acall__(self, request: Any) -> Any:
        response = await self.aprocess_request(request)
        return response or await self.get_response(request)


class CacheMiddleware(UpdateCacheMiddleware, FetchFromCacheMiddleware):
    """Fetch and update in one middleware; what cache_page applies to a single view.

    Arguments given here win over the CACHE_MIDDLEWARE_* settings; page_timeout, when given,
    wins over the response's max-age.
    """

    def __init__(
        self,
        get_response: Any,
        cache_timeout: Any = None,
        page_timeout: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(get_response)
        key_prefix = kwargs.get("key_prefix")
        if key_prefix is not None:
            self.key_prefix = key_prefix
        cache_alias = kwargs.get("cache_alias")
        if cache_alias is not None:
            self.cache_alias = cache_alias
        if cache_timeout is not None:
            self.cache_timeout = cache_timeout
        self.page_timeout = page_timeout

    async def __acall__(self, request: Any) -> Any:
        response = await self.aprocess_request(request)
        if response is None:
            response = await self.get_response(request)
        return await self.aprocess_response(request, response)
