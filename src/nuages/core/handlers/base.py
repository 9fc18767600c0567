"""BaseHandler: builds the middleware chain once and runs a request through it.

The chain is built for one mode (sync for WSGI, async for ASGI). Each middleware is adapted to
the mode of the handler it wraps when the chain is built, so a request crosses between sync and
async only where a sync-only piece sits in an async chain (or the reverse), never more.
"""

from __future__ import annotations

import asyncio
import logging
import types
import weakref
from collections.abc import Callable
from typing import Any

from nuages.conf import settings
from nuages.core._cached_settings import get_setting
from nuages.core.exceptions import ImproperlyConfigured, MiddlewareNotUsed
from nuages.core.handlers._fused import fits, fusable, fuse
from nuages.core.handlers.exception import convert_exception_to_response
from nuages.core.signals import request_finished, setting_changed
from nuages.urls import get_resolver, set_urlconf
from nuages.utils._async import async_to_sync, is_async_callable, sync_to_async
from nuages.utils.log import log_response
from nuages.utils.module_loading import import_string

__all__ = ["BaseHandler", "reset_urlconf"]

logger = logging.getLogger("nuages.request")

# Handlers whose chain must be rebuilt when MIDDLEWARE or ROOT_URLCONF changes
# (override_settings in tests); each rebuilds lazily on its next request.
_live_handlers: weakref.WeakSet = weakref.WeakSet()

_VIEW_CACHE_LIMIT = 4096


def _inline_coroutine(method: Callable) -> Callable:
    """An async callable that runs a sync, CPU-only method on the event loop itself."""

    async def inline(*args: Any, **kwargs: Any) -> Any:
        return method(*args, **kwargs)

    return inline


class BaseHandler:
    _view_middleware: list[Callable] | None = None
    _template_response_middleware: list[Callable] | None = None
    _exception_middleware: list[Callable] | None = None
    _middleware_chain: Callable | None = None

    def load_middleware(self, is_async: bool = False) -> None:
        """Build the chain from settings.MIDDLEWARE for a sync or an async entry point."""
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._is_async = is_async
        self._adapted_views: dict[Any, Callable] = {}
        # Read once per chain; a change of ROOT_URLCONF rebuilds the chain (see below).
        self._root_urlconf = getattr(settings, "ROOT_URLCONF", None)
        debug = settings.DEBUG

        get_response = self._get_response_async if is_async else self._get_response
        handler = innermost = convert_exception_to_response(get_response)
        handler_is_async = is_async
        # Consecutive hook-only MiddlewareMixin middleware (innermost last) and the handler
        # below them: they run as one loop (see _fused), not as nested calls.
        run: list[Any] = []
        run_inner: Callable = handler
        for middleware_path in reversed(settings.MIDDLEWARE):
            middleware = import_string(middleware_path)
            can_sync = getattr(middleware, "sync_capable", True)
            can_async = getattr(middleware, "async_capable", False)
            if not can_sync and not can_async:
                raise RuntimeError(
                    f"Middleware {middleware_path} must have at least one of "
                    "sync_capable/async_capable set to True."
                )
            # Keep the current mode when the middleware supports it; switch only if forced.
            if not handler_is_async and can_sync:
                middleware_is_async = False
            else:
                middleware_is_async = can_async
            fuse_this = fusable(middleware) and middleware_is_async == handler_is_async
            if run and not fuse_this:
                handler = fuse(run, _raw(run_inner, innermost, get_response), handler_is_async)
                run = []
            try:
                adapted_handler = self.adapt_method_mode(
                    middleware_is_async,
                    handler,
                    handler_is_async,
                    debug=debug,
                    name=f"middleware {middleware_path}",
                )
                mw_instance = middleware(adapted_handler)
            except MiddlewareNotUsed as exc:
                if debug:
                    if str(exc):
                        logger.debug("MiddlewareNotUsed(%r): %s", middleware_path, exc)
                    else:
                        logger.debug("MiddlewareNotUsed: %r", middleware_path)
                continue
            handler = adapted_handler

            if mw_instance is None:
                raise ImproperlyConfigured(f"Middleware factory {middleware_path} returned None.")
            if fuse_this and fits(mw_instance, middleware_is_async):
                if not run:
                    run_inner = handler
                run.insert(0, mw_instance)
            else:
                run = []  # left nested below this one: correct, only not fused

            if hasattr(mw_instance, "process_view"):
                self._view_middleware.insert(
                    0, self.adapt_method_mode(is_async, mw_instance.process_view)
                )
            if hasattr(mw_instance, "process_template_response"):
                self._template_response_middleware.append(
                    self.adapt_method_mode(is_async, mw_instance.process_template_response)
                )
            if hasattr(mw_instance, "process_exception"):
                # Called from the view runner, so in the entry point's mode.
                self._exception_middleware.append(
                    self.adapt_method_mode(is_async, mw_instance.process_exception)
                )

            handler = convert_exception_to_response(mw_instance)
            handler_is_async = middleware_is_async

        if run:
            handler = fuse(run, _raw(run_inner, innermost, get_response), handler_is_async)
        handler = self.adapt_method_mode(is_async, handler, handler_is_async)
        self._middleware_chain = handler
        _live_handlers.add(self)

    def adapt_method_mode(
        self,
        is_async: bool,
        method: Callable,
        method_is_async: bool | None = None,
        debug: bool = False,
        name: str | None = None,
    ) -> Callable:
        """Return `method` made callable in the requested mode (sync or async)."""
        if method_is_async is None:
            method_is_async = is_async_callable(method)
        if debug and not name:
            name = f"method {method.__qualname__}()"
        if is_async:
            if not method_is_async:
                if getattr(method, "_nuages_nonblocking", False):
                    # A hook marked nonblocking_hook (pure CPU): called inline, no thread hop.
                    return _inline_coroutine(method)
                if debug:
                    logger.debug("Synchronous handler adapted for %s.", name)
                return sync_to_async(method)
        elif method_is_async:
            if debug:
                logger.debug("Asynchronous handler adapted for %s.", name)
            return async_to_sync(method)
        return method

    # -- entry points --------------------------------------------------------------------

    def get_response(self, request: Any) -> Any:
        """Return a response for the request (sync chain)."""
        set_urlconf(self._root_urlconf)
        response = self._middleware_chain(request)
        response._resource_closers.append(request.close)
        if response.status_code >= 400:
            log_response(
                "%s: %s", response.reason_phrase, request.path, response=response, request=request
            )
        return response

    async def get_response_async(self, request: Any) -> Any:
        """Return a response for the request (async chain)."""
        set_urlconf(self._root_urlconf)
        response = await self._middleware_chain(request)
        response._resource_closers.append(request.close)
        if response.status_code >= 400:
            # Logging may block on a handler's I/O: keep it off the event loop.
            await sync_to_async(log_response)(
                "%s: %s", response.reason_phrase, request.path, response=response, request=request
            )
        return response

    # -- the innermost handler: resolve, view middleware, view, template responses ----

    def _get_response(self, request: Any) -> Any:
        response = None
        callback, callback_args, callback_kwargs = _unpack(self.resolve_request(request))

        for middleware_method in self._view_middleware:
            response = middleware_method(request, callback, callback_args, callback_kwargs)
            if response:
                break

        if response is None:
            wrapped_callback = self._sync_view(callback)
            try:
                response = wrapped_callback(request, *callback_args, **callback_kwargs)
            except Exception as exc:
                response = self.process_exception_by_middleware(exc, request)
                if response is None:
                    raise

        if type(response) not in _NOT_COROUTINE_TYPES:  # else a known response type: fine
            self.check_response(response, callback)

        if callable(getattr(response, "render", None)):
            for middleware_method in self._template_response_middleware:
                response = middleware_method(request, response)
                self.check_response(
                    response,
                    middleware_method,
                    name=f"{_owner_name(middleware_method)}.process_template_response",
                )
            try:
                response = response.render()
            except Exception as exc:
                response = self.process_exception_by_middleware(exc, request)
                if response is None:
                    raise
        return response

    async def _get_response_async(self, request: Any) -> Any:
        response = None
        callback, callback_args, callback_kwargs = _unpack(self.resolve_request(request))

        for middleware_method in self._view_middleware:
            response = await middleware_method(request, callback, callback_args, callback_kwargs)
            if response:
                break

        if response is None:
            wrapped_callback = self._async_view(callback)
            try:
                response = await wrapped_callback(request, *callback_args, **callback_kwargs)
            except Exception as exc:
                response = await self.aprocess_exception_by_middleware(exc, request)
                if response is None:
                    raise

        if type(response) not in _NOT_COROUTINE_TYPES:  # else a known response type: fine
            self.check_response(response, callback)

        if callable(getattr(response, "render", None)):
            for middleware_method in self._template_response_middleware:
                response = await middleware_method(request, response)
                self.check_response(
                    response,
                    middleware_method,
                    name=f"{_owner_name(middleware_method)}.process_template_response",
                )
            try:
                if is_async_callable(response.render):
                    response = await response.render()
                else:
                    # Rendering may evaluate lazy database queries: run it off the loop.
                    response = await sync_to_async(response.render)()
            except Exception as exc:
                response = await self.aprocess_exception_by_middleware(exc, request)
                if response is None:
                    raise

        if type(response) not in _NOT_COROUTINE_TYPES and _is_coroutine(response):
            raise RuntimeError("Response is still a coroutine.")
        return response

    def _sync_view(self, callback: Callable) -> Callable:
        adapted = self._adapted_views.get(callback)
        if adapted is None:
            adapted = self.make_view_atomic(callback)
            if is_async_callable(adapted):
                adapted = async_to_sync(adapted)
            self._remember_view(callback, adapted)
        return adapted

    def _async_view(self, callback: Callable) -> Callable:
        adapted = self._adapted_views.get(callback)
        if adapted is None:
            adapted = self.make_view_atomic(callback)
            if not is_async_callable(adapted):
                adapted = sync_to_async(adapted)
            self._remember_view(callback, adapted)
        return adapted

    def _remember_view(self, callback: Callable, adapted: Callable) -> None:
        # Views are few and long-lived; the bound only protects against views built per request.
        if len(self._adapted_views) >= _VIEW_CACHE_LIMIT:
            self._adapted_views.clear()
        try:
            self._adapted_views[callback] = adapted
        except TypeError:  # unhashable callable
            pass

    def resolve_request(self, request: Any) -> Any:
        """Resolve request.path_info (with request.urlconf if set); set request.resolver_match."""
        urlconf = getattr(request, "urlconf", None)
        if urlconf is not None:
            set_urlconf(urlconf)
            resolver = get_resolver(urlconf)
        else:
            resolver = get_resolver(get_setting("ROOT_URLCONF"))
        resolver_match = resolver.resolve(request.path_info)
        request.resolver_match = resolver_match
        return resolver_match

    def check_response(self, response: Any, callback: Any, name: str | None = None) -> None:
        """Raise ValueError if a view (or middleware) returned None or an unawaited coroutine."""
        if not (response is None or _is_coroutine(response)):
            return
        if not name:
            if isinstance(callback, types.FunctionType):
                name = f"The view {callback.__module__}.{callback.__name__}"
            else:
                name = f"The view {callback.__module__}.{callback.__class__.__name__}.__call__"
        if response is None:
            raise ValueError(
                f"{name} didn't return an HttpResponse object. It returned None instead."
            )
        response.close()  # silence "coroutine was never awaited"
        raise ValueError(
            f"{name} didn't return an HttpResponse object. It returned an unawaited coroutine "
            "instead. You may need to add an 'await' into your view."
        )

    def make_view_atomic(self, view: Callable) -> Callable:
        """ATOMIC_REQUESTS: wrap the view in transaction.atomic for each such database.

        Views marked with transaction.non_atomic_requests(using=...) are left alone for that
        alias; async views get ``async with atomic()`` (Atomic decorates both kinds).
        """
        if not getattr(settings, "DATABASES", None):
            return view
        from nuages.db import connections, transaction

        non_atomic = getattr(view, "_non_atomic_requests", set())
        for alias, settings_dict in connections.settings.items():
            if settings_dict.get("ATOMIC_REQUESTS") and alias not in non_atomic:
                view = transaction.atomic(using=alias)(view)
        return view

    def process_exception_by_middleware(self, exception: Exception, request: Any) -> Any:
        """Give each process_exception a chance; return the first response, or None."""
        for middleware_method in self._exception_middleware:
            response = middleware_method(request, exception)
            if response:
                return response
        return None

    async def aprocess_exception_by_middleware(self, exception: Exception, request: Any) -> Any:
        for middleware_method in self._exception_middleware:
            response = await middleware_method(request, exception)
            if response:
                return response
        return None


def _raw(inner: Callable, innermost: Callable, get_response: Callable) -> Callable:
    # A fused run converts the exceptions of the handler it wraps itself: below the whole
    # chain, it can call get_response without its converting wrapper (one call less).
    return get_response if inner is innermost else inner


def _unpack(match: Any) -> tuple[Callable, tuple, dict]:
    # ResolverMatch unpacks through __getitem__ (four calls); its attributes are direct. A
    # resolve_request() override may return a plain (func, args, kwargs) tuple.
    try:
        return match.func, match.args, match.kwargs
    except AttributeError:
        return tuple(match)


# Types seen not to be coroutines (responses): asyncio.iscoroutine() checks an ABC for them
# on every call, which a per-request check can do without.
_NOT_COROUTINE_TYPES: set[type] = set()


def _is_coroutine(obj: Any) -> bool:
    cls = type(obj)
    if cls in _NOT_COROUTINE_TYPES:
        return False
    if asyncio.iscoroutine(obj):
        return True
    if obj is not None and len(_NOT_COROUTINE_TYPES) < _VIEW_CACHE_LIMIT:
        _NOT_COROUTINE_TYPES.add(cls)  # never None: check_response must still see it
    return False


def _owner_name(method: Any) -> str:
    owner = getattr(method, "__self__", None)
    if owner is None:
        owner = getattr(getattr(method, "__wrapped__", None), "__self__", None)
    return owner.__class__.__name__ if owner is not None else getattr(method, "__qualname__", "?")


def reset_urlconf(sender: Any, **kwargs: Any) -> None:
    """Reset the URLconf after each request is finished."""
    set_urlconf(None)


reset_urlconf._nuages_nonblocking = True  # the ASGI handler may call it on the event loop


def _rebuild_chains(*, setting: str, **kwargs: Any) -> None:
    if setting in ("MIDDLEWARE", "ROOT_URLCONF"):
        for handler in list(_live_handlers):
            handler._middleware_chain = None


RESET_URLCONF_UID = "nuages.core.handlers.base.reset_urlconf"
request_finished.connect(reset_urlconf, dispatch_uid=RESET_URLCONF_UID)
setting_changed.connect(_rebuild_chains, dispatch_uid="nuages.core.handlers.base.rebuild")
