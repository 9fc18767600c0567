"""Decorators adding headers to a response's Vary header."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from nuages.utils._async import is_async_callable
from nuages.utils.cache import patch_vary_headers

__all__ = ["vary_on_cookie", "vary_on_headers"]


def vary_on_headers(*headers: str) -> Callable:
    """Add the given headers to the response's Vary header."""

    def decorator(func: Callable) -> Callable:
        if is_async_callable(func):

            async def _view_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
                response = await func(request, *args, **kwargs)
                patch_vary_headers(response, headers)
                return response

        else:

            def _view_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
                response = func(request, *args, **kwargs)
                patch_vary_headers(response, headers)
                return response

        return wraps(func)(_view_wrapper)

    return decorator


vary_on_cookie = vary_on_headers("Cookie")
vary_on_cookie.__doc__ = "Add Cookie to the response's Vary header."
