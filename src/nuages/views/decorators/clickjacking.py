"""Per-view control of the X-Frame-Options header set by XFrameOptionsMiddleware."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from nuages.utils._async import is_async_callable

__all__ = ["xframe_options_deny", "xframe_options_exempt", "xframe_options_sameorigin"]


def _on_response(view_func: Callable, patch: Callable[[Any], None]) -> Callable:
    if is_async_callable(view_func):

        async def _view_wrapper(*args: Any, **kwargs: Any) -> Any:
            response = await view_func(*args, **kwargs)
            patch(response)
            return response

    else:

        def _view_wrapper(*args: Any, **kwargs: Any) -> Any:
            response = view_func(*args, **kwargs)
            patch(response)
            return response

    return wraps(view_func)(_view_wrapper)


def _set_if_missing(value: str) -> Callable[[Any], None]:
    def patch(response: Any) -> None:
        if response.get("X-Frame-Options") is None:
            response["X-Frame-Options"] = value

    return patch


def xframe_options_deny(view_func: Callable) -> Callable:
    """Set X-Frame-Options: DENY unless the response already has the header."""
    return _on_response(view_func, _set_if_missing("DENY"))


def xframe_options_sameorigin(view_func: Callable) -> Callable:
    """Set X-Frame-Options: SAMEORIGIN unless the response already has the header."""
    return _on_response(view_func, _set_if_missing("SAMEORIGIN"))


def _exempt(response: Any) -> None:
    response.xframe_options_exempt = True


def xframe_options_exempt(view_func: Callable) -> Callable:
    """Keep XFrameOptionsMiddleware from setting the header on this view's responses."""
    return _on_response(view_func, _exempt)
