"""Decorator helpers: method_decorator, middleware-as-decorator, middleware capability flags."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, update_wrapper, wraps
from typing import Any

from nuages.utils._async import is_async_callable, markcoroutinefunction

__all__ = [
    "async_only_middleware",
    "classonlymethod",
    "decorator_from_middleware",
    "decorator_from_middleware_with_args",
    "make_middleware_decorator",
    "method_decorator",
    "sync_and_async_middleware",
    "sync_only_middleware",
]


class classonlymethod(classmethod):
    """A classmethod that refuses to be called on an instance."""

    def __get__(self, instance: Any, cls: type | None = None) -> Any:
        if instance is not None:
            raise AttributeError("This method is available only on the class, not on instances.")
        return super().__get__(instance, cls)


def _update_method_wrapper(wrapper: Callable, decorator: Callable) -> None:
    # Copy whatever attributes the decorator sets on a function (e.g. csrf_exempt) to wrapper.
    @decorator
    def dummy(*args: Any, **kwargs: Any) -> None:
        pass

    update_wrapper(wrapper, dummy)


def _multi_decorate(decorators: Any, method: Callable) -> Callable:
    """Decorate `method` with one or several function decorators, binding self per call."""
    if hasattr(decorators, "__iter__"):
        # Applied innermost-last so that they run in the order they are listed.
        decorators = list(decorators)[::-1]
    else:
        decorators = [decorators]

    def _wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        # Bind first so the decorators see a plain function of (request, ...), not of self.
        bound_method = wraps(method)(partial(method.__get__(self, type(self))))
        for dec in decorators:
            bound_method = dec(bound_method)
        return bound_method(*args, **kwargs)

    for dec in decorators:
        _update_method_wrapper(_wrapper, dec)
    update_wrapper(_wrapper, method)
    if is_async_callable(method):
        markcoroutinefunction(_wrapper)
    return _wrapper


def method_decorator(decorator: Any, name: str = "") -> Callable:
    """Turn a function decorator into a method decorator (or a class decorator with `name`)."""

    def _dec(obj: Any) -> Any:
        if not isinstance(obj, type):
            return _multi_decorate(decorator, obj)
        if not (name and hasattr(obj, name)):
            raise ValueError(
                "The keyword argument `name` must be the name of a method of the decorated "
                f"class: {obj}. Got '{name}' instead."
            )
        method = getattr(obj, name)
        if not callable(method):
            raise TypeError(
                f"Cannot decorate '{name}' as it isn't a callable attribute of {obj} ({method})."
            )
        setattr(obj, name, _multi_decorate(decorator, method))
        return obj

    if not hasattr(decorator, "__iter__"):
        update_wrapper(_dec, decorator)
    obj = decorator if hasattr(decorator, "__name__") else decorator.__class__
    _dec.__name__ = f"method_decorator({obj.__name__})"
    return _dec


def decorator_from_middleware_with_args(middleware_class: type) -> Callable:
    """A decorator factory: `cache_page = decorator_from_middleware_with_args(CacheMiddleware)`."""
    return make_middleware_decorator(middleware_class)


def decorator_from_middleware(middleware_class: type) -> Callable:
    """A view decorator that applies a middleware (built without arguments) to one view."""
    return make_middleware_decorator(middleware_class)()


def make_middleware_decorator(middleware_class: type) -> Callable:
    def _make_decorator(*m_args: Any, **m_kwargs: Any) -> Callable:
        def _decorator(view_func: Callable) -> Callable:
            middleware = middleware_class(view_func, *m_args, **m_kwargs)
            process_request = getattr(middleware, "process_request", None)
            process_view = getattr(middleware, "process_view", None)
            process_exception = getattr(middleware, "process_exception", None)
            process_template_response = getattr(middleware, "process_template_response", None)
            process_response = getattr(middleware, "process_response", None)

            def before(request: Any, args: tuple, kwargs: dict) -> Any:
                if process_request is not None:
                    result = process_request(request)
                    if result is not None:
                        return result
                if process_view is not None:
                    return process_view(request, view_func, args, kwargs)
                return None

            def on_exception(request: Any, exc: Exception) -> Any:
                if process_exception is not None:
                    return process_exception(request, exc)
                return None

            def after(request: Any, response: Any) -> Any:
                if callable(getattr(response, "render", None)):
                    if process_template_response is not None:
                        response = process_template_response(request, response)
                    if process_response is not None:
                        # process_response must see the rendered content: run it after rendering.
                        response.add_post_render_callback(
                            lambda rendered: process_response(request, rendered)
                        )
                    return response
                if process_response is not None:
                    return process_response(request, response)
                return response

            if is_async_callable(view_func):

                async def _view_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
                    result = before(request, args, kwargs)
                    if result is not None:
                        return result
                    try:
                        response = await view_func(request, *args, **kwargs)
                    except Exception as exc:
                        result = on_exception(request, exc)
                        if result is not None:
                            return result
                        raise
                    return after(request, response)

            else:

                def _view_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
                    result = before(request, args, kwargs)
                    if result is not None:
                        return result
                    try:
                        response = view_func(request, *args, **kwargs)
                    except Exception as exc:
                        result = on_exception(request, exc)
                        if result is not None:
                            return result
                        raise
                    return after(request, response)

            return wraps(view_func)(_view_wrapper)

        return _decorator

    return _make_decorator


def sync_and_async_middleware(func: Callable) -> Callable:
    """Mark a middleware factory as usable with both sync and async get_response."""
    func.sync_capable = True
    func.async_capable = True
    return func


def sync_only_middleware(func: Callable) -> Callable:
    """Mark a middleware factory as sync only (the default)."""
    func.sync_capable = True
    func.async_capable = False
    return func


def async_only_middleware(func: Callable) -> Callable:
    """Mark a middleware factory as async only."""
    func.sync_capable = False
    func.async_capable = True
    return func
