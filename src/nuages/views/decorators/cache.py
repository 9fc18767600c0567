"""Cache decorators: cache_control, never_cache and cache_page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from nuages.middleware.cache import CacheMiddleware
from nuages.utils._async import is_async_callable
from nuages.utils.cache import add_never_cache_headers, patch_cache_control
from nuages.utils.decorators import decorator_from_middleware_with_args

__all__ = ["cache_control", "cache_page", "never_cache"]


def _check_request(request: Any, decorator_name: str) -> None:
    # A plain decorator on a method receives `self` first: point at method_decorator.
    if not hasattr(request, "META"):
        raise TypeError(
            f"{decorator_name} didn't receive an HttpRequest. If you are decorating a "
            "classmethod, be sure to use @method_decorator."
        )


def _patching(view_func: Callable, name: str, patch: Callable[[Any], None]) -> Callable:
    if is_async_callable(view_func):

        async def _view_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            _check_request(request, name)
            response = await view_func(request, *args, **kwargs)
            patch(response)
            return response

    else:

        def _view_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            _check_request(request, name)
            response = view_func(request, *args, **kwargs)
            patch(response)
            return response

    return wraps(view_func)(_view_wrapper)


def cache_control(**kwargs: Any) -> Callable:
    """Patch the response's Cache-Control header with the given directives."""

    def patch(response: Any) -> None:
        patch_cache_control(response, **kwargs)

    def _cache_controller(viewfunc: Callable) -> Callable:
        return _patching(viewfunc, "cache_control", patch)

    return _cache_controller


def never_cache(view_func: Callable) -> Callable:
    """Add headers so that the response is never cached."""
    return _patching(view_func, "never_cache", add_never_cache_headers)


def cache_page(
    timeout: float | None, *, cache: str | None = None, key_prefix: str | None = None
) -> Callable:
    """Cache the view's response for `timeout` seconds (per-view caching, Django's cache_page).

    `cache` names the CACHES alias, `key_prefix` overrides CACHE_MIDDLEWARE_KEY_PREFIX. An async
    view reaches the cache through the backend's async methods.
    """

    def decorator(view_func: Callable) -> Callable:
        if not is_async_callable(view_func):
            return decorator_from_middleware_with_args(CacheMiddleware)(
                page_timeout=timeout, cache_alias=cache, key_prefix=key_prefix
            )(view_func)
        middleware = CacheMiddleware(
            view_func, page_timeout=timeout, cache_alias=cache, key_prefix=key_prefix
        )

        async def _view_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            response = await middleware.aprocess_request(request)
            if response is not None:
                return response
            response = await view_func(request, *args, **kwargs)
            return await middleware.aprocess_response(request, response)

        return wraps(view_func)(_view_wrapper)

    return decorator
