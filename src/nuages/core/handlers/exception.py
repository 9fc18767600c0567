"""Turn exceptions raised while handling a request into responses (404, 403, 400, 500)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

from nuages.conf import settings
from nuages.core import signals
from nuages.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from nuages.http import Http404
from nuages.http.multipartparser import MultiPartParserError
from nuages.urls import get_resolver, get_urlconf
from nuages.utils._async import is_async_callable, run_async, sync_to_async
from nuages.utils.log import log_response
from nuages.views import debug

__all__ = [
    "convert_exception_to_response",
    "get_exception_response",
    "handle_uncaught_exception",
    "response_for_exception",
]


def convert_exception_to_response(get_response: Callable) -> Callable:
    """Wrap get_response so that any exception it raises becomes a response.

    Every layer of the middleware chain is wrapped, so a middleware always sees a response
    from the layer below it, never an exception.
    """
    if is_async_callable(get_response):

        @wraps(get_response)
        async def inner(request: Any) -> Any:
            try:
                return await get_response(request)
            except Exception as exc:
                # Error views and templates may block (database, files): run them in a thread.
                return await sync_to_async(_respond_in_context)(request, exc)

        return inner

    @wraps(get_response)
    def inner(request: Any) -> Any:
        try:
            return get_response(request)
        except Exception as exc:
            return response_for_exception(request, exc)

    return inner


def _respond_in_context(request: Any, exc: Exception) -> Any:
    # In a worker thread no exception is being handled; re-enter one so that receivers of
    # got_request_exception can read sys.exc_info(), keeping the original traceback.
    tb = exc.__traceback__
    try:
        raise exc
    except Exception:
        exc.__traceback__ = tb
        return response_for_exception(request, exc)


def _exc_info(exc: BaseException) -> tuple:
    return type(exc), exc, exc.__traceback__


def response_for_exception(request: Any, exc: Exception) -> Any:
    """The response for an exception raised by a view or middleware."""
    if isinstance(exc, Http404):
        if settings.DEBUG:
            response = debug.technical_404_response(request, exc)
        else:
            response = get_exception_response(request, get_resolver(get_urlconf()), 404, exc)

    elif isinstance(exc, PermissionDenied):
        response = get_exception_response(request, get_resolver(get_urlconf()), 403, exc)
        log_response(
            "Forbidden (Permission denied): %s",
            request.path,
            response=response,
            request=request,
            exception=exc,
        )

    elif isinstance(exc, MultiPartParserError):
        response = get_exception_response(request, get_resolver(get_urlconf()), 400, exc)
        log_response(
            "Bad request (Unable to parse request body): %s",
            request.path,
            response=response,
            request=request,
            exception=exc,
        )

    elif isinstance(exc, BadRequest):
        if settings.DEBUG:
            response = debug.technical_500_response(request, *_exc_info(exc), status_code=400)
        else:
            response = get_exception_response(request, get_resolver(get_urlconf()), 400, exc)
        log_response(
            "%s: %s", str(exc), request.path, response=response, request=request, exception=exc
        )

    elif isinstance(exc, SuspiciousOperation):
        if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
            # The body was not (fully) read: POST must not be parsed again by an error view.
            mark = getattr(request, "_mark_post_parse_error", None)
            if mark is not None:
                mark()
        if settings.DEBUG:
            response = debug.technical_500_response(request, *_exc_info(exc), status_code=400)
        else:
            response = get_exception_response(request, get_resolver(get_urlconf()), 400, exc)
        # Logged once, to the security logger only: the response is marked as logged, so the
        # request logger does not add a second "Bad Request" record.
        security_logger = logging.getLogger(f"nuages.security.{exc.__class__.__name__}")
        log_response(
            str(exc),
            exception=exc,
            request=request,
            response=response,
            level="error",
            logger=security_logger,
        )

    else:
        signals.got_request_exception.send(sender=None, request=request)
        response = handle_uncaught_exception(request, get_resolver(get_urlconf()), _exc_info(exc))
        log_response(
            "%s: %s",
            response.reason_phrase,
            request.path,
            response=response,
            request=request,
            exception=exc,
        )

    # An error view may return a lazy (template) response: render it now, nothing else will.
    if not getattr(response, "is_rendered", True) and callable(getattr(response, "render", None)):
        response = response.render()
    return response


def get_exception_response(
    request: Any, resolver: Any, status_code: int, exception: Exception
) -> Any:
    """Call the URLconf's handler<status_code> view; a failure there becomes a 500."""
    try:
        callback = resolver.resolve_error_handler(status_code)
        response = _call_error_view(callback, request, exception=exception)
    except Exception:
        signals.got_request_exception.send(sender=None, request=request)
        response = handle_uncaught_exception(request, resolver, sys.exc_info())
    return response


def handle_uncaught_exception(request: Any, resolver: Any, exc_info: tuple) -> Any:
    """The 500 response: technical page under DEBUG, else the URLconf's handler500."""
    if settings.DEBUG_PROPAGATE_EXCEPTIONS:
        raise exc_info[1]
    if settings.DEBUG:
        return debug.technical_500_response(request, *exc_info)
    callback = resolver.resolve_error_handler(500)
    return _call_error_view(callback, request)


def _call_error_view(callback: Callable, request: Any, **kwargs: Any) -> Any:
    # Error handlers may be async views; this code runs in sync context (a worker thread
    # under ASGI), so finish the coroutine here.
    if is_async_callable(callback):
        return run_async(lambda: callback(request, **kwargs))
    return callback(request, **kwargs)
