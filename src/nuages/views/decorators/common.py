"""no_append_slash: exempt a view from CommonMiddleware's APPEND_SLASH redirect."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from nuages.utils._async import is_async_callable

__all__ = ["no_append_slash"]


def no_append_slash(view_func: Callable) -> Callable:
    """Mark a view so that CommonMiddleware never redirects to it with a slash appended."""
    if is_async_callable(view_func):

        async def _view_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            return await view_func(request, *args, **kwargs)

    else:

        def _view_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            return view_func(request, *args, **kwargs)

    wrapper = wraps(view_func)(_view_wrapper)
    wrapper.should_append_slash = False
    return wrapper
