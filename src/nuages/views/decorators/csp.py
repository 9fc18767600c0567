"""Per-view Content Security Policy: csp_override and csp_report_only_override."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from nuages.utils._async import is_async_callable

__all__ = ["csp_override", "csp_report_only_override"]


def _set_on_response(attr: str, config: dict) -> Callable[[Callable], Callable]:
    def decorator(view_func: Callable) -> Callable:
        if is_async_callable(view_func):

            async def _view_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
                response = await view_func(request, *args, **kwargs)
                setattr(response, attr, config)
                return response

        else:

            def _view_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
                response = view_func(request, *args, **kwargs)
                setattr(response, attr, config)
                return response

        return wraps(view_func)(_view_wrapper)

    return decorator


def csp_override(config: dict) -> Callable[[Callable], Callable]:
    """Use `config` instead of SECURE_CSP for this view's Content-Security-Policy header
    ({} sends none)."""
    return _set_on_response("_csp_config", config)


def csp_report_only_override(config: dict) -> Callable[[Callable], Callable]:
    """Use `config` instead of SECURE_CSP_REPORT_ONLY for this view's
    Content-Security-Policy-Report-Only header ({} sends none)."""
    return _set_on_response("_csp_ro_config", config)
