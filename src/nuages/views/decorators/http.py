"""HTTP method and conditional-request decorators for views."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from nuages.http import HttpResponseNotAllowed
from nuages.middleware.http import ConditionalGetMiddleware
from nuages.utils import timezone
from nuages.utils._async import is_async_callable
from nuages.utils.cache import get_conditional_response
from nuages.utils.decorators import decorator_from_middleware
from nuages.utils.http import http_date, quote_etag
from nuages.utils.log import log_response

__all__ = [
    "condition",
    "conditional_page",
    "etag",
    "last_modified",
    "require_GET",
    "require_POST",
    "require_http_methods",
    "require_safe",
]

conditional_page = decorator_from_middleware(ConditionalGetMiddleware)


def require_http_methods(request_method_list: Any) -> Callable:
    """Answer 405 (with Allow) to requests whose method is not in the list."""

    def not_allowed(request: Any) -> Any:
        if request.method in request_method_list:
            return None
        response = HttpResponseNotAllowed(request_method_list)
        log_response(
            "Method Not Allowed (%s): %s",
            request.method,
            request.path,
            response=response,
            request=request,
        )
        return response

    def decorator(func: Callable) -> Callable:
        if is_async_callable(func):

            async def inner(request: Any, *args: Any, **kwargs: Any) -> Any:
                refused = not_allowed(request)
                if refused is not None:
                    return refused
                return await func(request, *args, **kwargs)

        else:

            def inner(request: Any, *args: Any, **kwargs: Any) -> Any:
                refused = not_allowed(request)
                if refused is not None:
                    return refused
                return func(request, *args, **kwargs)

        return wraps(func)(inner)

    return decorator


require_GET = require_http_methods(["GET"])
require_GET.__doc__ = "Only allow GET requests."

require_POST = require_http_methods(["POST"])
require_POST.__doc__ = "Only allow POST requests."

require_safe = require_http_methods(["GET", "HEAD"])
require_safe.__doc__ = "Only allow GET and HEAD requests."


def condition(
    etag_func: Callable | None = None, last_modified_func: Callable | None = None
) -> Callable:
    """Answer conditional requests (If-None-Match, If-Modified-Since, If-Match,
    If-Unmodified-Since) from an ETag and/or a last-modified time computed before the view runs.

    Both functions take the view's arguments; either may return None. On GET/HEAD responses the
    ETag and Last-Modified headers are set unless the view set them.
    """

    def before(request: Any, args: tuple, kwargs: dict) -> tuple[Any, str | None, int | None]:
        res_etag = etag_func(request, *args, **kwargs) if etag_func else None
        res_etag = quote_etag(res_etag) if res_etag is not None else None
        res_last_modified = None
        if last_modified_func:
            dt = last_modified_func(request, *args, **kwargs)
            if dt:
                if not timezone.is_aware(dt):
                    dt = timezone.make_aware(dt, datetime.UTC)
                res_last_modified = int(dt.timestamp())
        response = get_conditional_response(request, etag=res_etag, last_modified=res_last_modified)
        return response, res_etag, res_last_modified

    def after(
        request: Any, response: Any, res_etag: str | None, res_last_modified: int | None
    ) -> Any:
        # Only safe methods get validators: they describe the representation just sent.
        if request.method in ("GET", "HEAD"):
            if res_last_modified and not response.has_header("Last-Modified"):
                response.headers["Last-Modified"] = http_date(res_last_modified)
            if res_etag:
                response.headers.setdefault("ETag", res_etag)
        return response

    def decorator(func: Callable) -> Callable:
        if is_async_callable(func):

            async def inner(request: Any, *args: Any, **kwargs: Any) -> Any:
                response, res_etag, res_last_modified = before(request, args, kwargs)
                if response is None:
                    response = await func(request, *args, **kwargs)
                return after(request, response, res_etag, res_last_modified)

        else:

            def inner(request: Any, *args: Any, **kwargs: Any) -> Any:
                response, res_etag, res_last_modified = before(request, args, kwargs)
                if response is None:
                    response = func(request, *args, **kwargs)
                return after(request, response, res_etag, res_last_modified)

        return wraps(func)(inner)

    return decorator


def etag(etag_func: Callable) -> Callable:
    """condition() with only an ETag function."""
    return condition(etag_func=etag_func)


def last_modified(last_modified_func: Callable) -> Callable:
    """condition() with only a last-modified function."""
    return condition(last_modified_func=last_modified_func)
