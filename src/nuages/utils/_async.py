"""Crossing between sync and async code, done once per callable, not per call site.

`run_sync` runs blocking code from async code in a worker thread (context variables copied);
`run_async` runs a coroutine to completion from sync code, on the caller thread's own loop when
no loop is running there, or on a helper thread when one is.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import inspect
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

__all__ = [
    "async_to_sync",
    "is_async_callable",
    "markcoroutinefunction",
    "run_async",
    "sync_to_async",
]

T = TypeVar("T")

_local = threading.local()
_inspect_mark = getattr(inspect, "markcoroutinefunction", None)
_COROUTINE_MARK = getattr(asyncio.coroutines, "_is_coroutine", object())
_helper_pool = ThreadPoolExecutor(thread_name_prefix="nuages-async-bridge")


def is_async_callable(func: Any) -> bool:
    """True for coroutine functions, callables marked as such, and async __call__ objects."""
    while isinstance(func, functools.partial):
        func = func.func
    if inspect.iscoroutinefunction(func) or getattr(func, "_is_coroutine", None) is _COROUTINE_MARK:
        return True
    call = getattr(func, "__call__", None)  # noqa: B004
    return call is not None and not inspect.isfunction(func) and inspect.iscoroutinefunction(call)


def markcoroutinefunction(func: Callable) -> Callable:
    """Mark a sync-looking callable (e.g. a middleware instance's method) as a coroutine function."""
    if _inspect_mark is not None:
        return _inspect_mark(func)
    # Python 3.11 has no inspect.markcoroutinefunction: use the marker asyncio checks.
    func._is_coroutine = _COROUTINE_MARK
    return func


def _thread_loop() -> asyncio.AbstractEventLoop:
    loop = getattr(_local, "loop", None)
    if loop is None or loop.is_closed():
        loop = _local.loop = asyncio.new_event_loop()
    return loop


def run_async(awaitable_factory: Callable[[], Awaitable[T]]) -> T:
    """Run the coroutine made by awaitable_factory to completion from sync code."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        loop = _thread_loop()
        return loop.run_until_complete(awaitable_factory())
    # A loop runs in this thread already: finish the coroutine on a helper thread's loop.
    ctx = contextvars.copy_context()
    future = _helper_pool.submit(
        ctx.run, lambda: _thread_loop().run_until_complete(awaitable_factory())
    )
    return future.result()


def async_to_sync(func: Callable[..., Awaitable[T]]) -> Callable[..., T]:
    """A sync callable that runs the async func to completion."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        return run_async(lambda: func(*args, **kwargs))

    return wrapper


def sync_to_async(func: Callable[..., T]) -> Callable[..., Awaitable[T]]:
    """An async callable that runs the blocking func in a worker thread."""

    @functools.wraps(func)
    async def wrapper(*args: Any, **kwargs: Any) -> T:
        return await asyncio.to_thread(func, *args, **kwargs)

    return wrapper
