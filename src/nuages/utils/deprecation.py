"""MiddlewareMixin (old-style hooks as a new-style middleware) and deprecation warning classes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nuages.utils._async import is_async_callable, markcoroutinefunction, sync_to_async

__all__ = [
    "MiddlewareMixin",
    "RemovedAfterNextVersionWarning",
    "RemovedInNextVersionWarning",
    "nonblocking_hook",
]


class RemovedInNextVersionWarning(DeprecationWarning):
    pass


class RemovedAfterNextVersionWarning(PendingDeprecationWarning):
    pass


def nonblocking_hook(func: Callable) -> Callable:
    """Mark a process_request/process_response method as pure CPU work (no I/O, no DB).

    Under ASGI, MiddlewareMixin then calls it inline instead of hopping to a worker thread.
    A subclass that overrides the method loses the mark, so its override runs in a thread.
    """
    func._nuages_nonblocking = True
    return func


class MiddlewareMixin:
    """Build a middleware from process_request()/process_response() hooks.

    Works with a sync or an async get_response; in async mode the sync hooks run in a worker
    thread unless marked with `nonblocking_hook`.
    """

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable) -> None:
        if get_response is None:
            raise ValueError("get_response must be provided.")
        self.get_response = get_response
        self.async_mode = is_async_callable(get_response)
        if self.async_mode:
            # The handler then awaits us directly: no thread held for the whole request.
            markcoroutinefunction(self)
            self._req_hook, self._req_inline = self._async_hook("process_request")
            self._resp_hook, self._resp_inline = self._async_hook("process_response")
        super().__init__()

    def _async_hook(self, name: str) -> tuple[Callable | None, bool]:
        # Decided once here: (callable, called inline) - never re-wrapped per request.
        hook = getattr(self, name, None)
        if hook is None:
            return None, False
        if getattr(hook, "_nuages_nonblocking", False):
            return hook, True
        if is_async_callable(hook):
            return hook, False
        return sync_to_async(hook), False

    def __repr__(self) -> str:
        get_response = self.get_response
        name = getattr(get_response, "__qualname__", get_response.__class__.__name__)
        return f"<{self.__class__.__qualname__} get_response={name}>"

    def __call__(self, request: Any) -> Any:
        if self.async_mode:
            return self.__acall__(request)
        response = None
        if hasattr(self, "process_request"):
            response = self.process_request(request)
        response = response or self.get_response(request)
        if hasattr(self, "process_response"):
            response = self.process_response(request, response)
        return response

    async def __acall__(self, request: Any) -> Any:
        response = None
        hook = self._req_hook
        if hook is not None:
            response = hook(request) if self._req_inline else await hook(request)
        response = response or await self.get_response(request)
        hook = self._resp_hook
        if hook is not None:
            response = (
                hook(request, response) if self._resp_inline else await hook(request, response)
            )
        return response
