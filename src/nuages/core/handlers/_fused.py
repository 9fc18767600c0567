"""A run of MiddlewareMixin middleware called as one loop instead of nested calls.

Nested, each middleware costs two calls per request (its exception-converting wrapper and its
__call__), and under ASGI two coroutines. When consecutive middleware are plain MiddlewareMixin
subclasses (hooks only, no __call__ of their own) in the chain's mode, the chain builder runs
them as one loop with the same order and the same exception handling:

- process_request hooks run outermost first; the first one that returns a response stops the
  descent, and process_response runs from that middleware outwards;
- an exception in a hook becomes a response (as the wrapper around each middleware does), and
  process_response runs from the middleware outside the one that raised;
- otherwise the handler below the run is called (its exceptions become responses too: below
  the whole chain, the run calls get_response without a converting wrapper) and every
  process_response runs, innermost first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nuages.core.handlers.exception import _respond_in_context, response_for_exception
from nuages.utils._async import sync_to_async
from nuages.utils.deprecation import MiddlewareMixin

__all__ = ["fits", "fusable", "fuse"]


def fusable(middleware: Any) -> bool:
    """True for a MiddlewareMixin subclass that keeps the mixin's __call__ (hooks only)."""
    return (
        isinstance(middleware, type)
        and issubclass(middleware, MiddlewareMixin)
        and middleware.__call__ is MiddlewareMixin.__call__
        and middleware.__acall__ is MiddlewareMixin.__acall__
    )


def fits(instance: Any, is_async: bool) -> bool:
    """True if the instance of a fusable class was set up for the chain's mode."""
    if getattr(instance, "async_mode", None) is not is_async:
        return False
    return not is_async or all(
        hasattr(instance, name)
        for name in ("_req_hook", "_req_inline", "_resp_hook", "_resp_inline")
    )


def fuse(instances: list[Any], inner: Callable, is_async: bool) -> Callable:
    """One callable running `instances` (outermost first) around `inner`."""
    return _fuse_async(instances, inner) if is_async else _fuse_sync(instances, inner)


def _fuse_sync(instances: list[Any], inner: Callable) -> Callable:
    request_hooks = [getattr(mw, "process_request", None) for mw in instances]
    response_hooks = [getattr(mw, "process_response", None) for mw in instances]
    count = len(instances)

    def run_middleware(request: Any) -> Any:
        response = None
        top = count - 1  # the innermost middleware whose process_response runs
        for index in range(count):
            hook = request_hooks[index]
            if hook is None:
                continue
            try:
                response = hook(request)
            except Exception as exc:
                response = response_for_exception(request, exc)
                top = index - 1
                break
            if response:
                top = index
                break
        else:
            try:
                response = inner(request)
            except Exception as exc:  # when inner is the bare get_response
                response = response_for_exception(request, exc)
        for index in range(top, -1, -1):
            hook = response_hooks[index]
            if hook is not None:
                try:
                    response = hook(request, response)
                except Exception as exc:
                    response = response_for_exception(request, exc)
        return response

    return run_middleware


def _fuse_async(instances: list[Any], inner: Callable) -> Callable:
    # (hook, inline): inline hooks are pure CPU work, called without a thread (see
    # MiddlewareMixin); the others are awaited.
    request_hooks = [(mw._req_hook, mw._req_inline) for mw in instances]
    response_hooks = [(mw._resp_hook, mw._resp_inline) for mw in instances]
    count = len(instances)
    respond = sync_to_async(_respond_in_context)

    async def run_middleware(request: Any) -> Any:
        response = None
        top = count - 1
        for index in range(count):
            hook, inline = request_hooks[index]
            if hook is None:
                continue
            try:
                response = hook(request) if inline else await hook(request)
            except Exception as exc:
                # Error views and templates may block: run them in a thread, as the wrapper does.
                response = await respond(request, exc)
                top = index - 1
                break
            if response:
                top = index
                break
        else:
            try:
                response = await inner(request)
            except Exception as exc:  # when inner is the bare get_response
                response = await respond(request, exc)
        for index in range(top, -1, -1):
            hook, inline = response_hooks[index]
            if hook is not None:
                try:
                    response = hook(request, response) if inline else await hook(request, response)
                except Exception as exc:
                    response = await respond(request, exc)
        return response

    return run_middleware
