"""nuages.utils.decorators and MiddlewareMixin (nuages.utils.deprecation)."""

import asyncio
from functools import wraps

import pytest

from nuages.http import HttpRequest, HttpResponse
from nuages.utils._async import is_async_callable
from nuages.utils.decorators import (
    async_only_middleware,
    classonlymethod,
    decorator_from_middleware,
    decorator_from_middleware_with_args,
    method_decorator,
    sync_and_async_middleware,
    sync_only_middleware,
)
from nuages.utils.deprecation import MiddlewareMixin, nonblocking_hook


def simple_dec(func):
    @wraps(func)
    def wrapper(arg):
        return func("test:" + arg)

    return wrapper


def myattr_dec(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    wrapper.myattr = True
    return wrapper


def test_method_decorator_on_method():
    class Test:
        @method_decorator(simple_dec)
        def say(self, arg):
            return arg

    assert Test().say("hello") == "test:hello"
    assert Test.say.__name__ == "say"


def test_method_decorator_preserves_decorator_attributes():
    class Test:
        @method_decorator(myattr_dec)
        def method(self):
            return True

    assert Test.method.myattr is True
    assert Test().method() is True


def test_method_decorator_with_iterable_applies_in_order():
    calls = []

    def first(func):
        def wrapper(*a):
            calls.append("first")
            return func(*a)

        return wrapper

    def second(func):
        def wrapper(*a):
            calls.append("second")
            return func(*a)

        return wrapper

    class Test:
        @method_decorator((first, second))
        def method(self):
            return "done"

    assert Test().method() == "done"
    # Called in the order listed, like stacking @first over @second.
    assert calls == ["first", "second"]


def test_method_decorator_on_class_with_name():
    @method_decorator(simple_dec, name="say")
    class Test:
        def say(self, arg):
            return arg

    assert Test().say("x") == "test:x"


def test_method_decorator_bad_name():
    with pytest.raises(
        ValueError, match="The keyword argument `name` must be the name of a method"
    ):

        @method_decorator(simple_dec, name="missing")
        class Test:
            pass


def test_method_decorator_non_callable_attribute():
    with pytest.raises(TypeError, match="Cannot decorate 'attr' as it isn't a callable attribute"):

        @method_decorator(simple_dec, name="attr")
        class Test:
            attr = 3


def test_method_decorator_name():
    assert method_decorator(simple_dec).__name__ == "method_decorator(simple_dec)"


def test_method_decorator_keeps_async_methods_async():
    def passthrough(func):
        return func

    class Test:
        @method_decorator(passthrough)
        async def method(self):
            return 7

    assert is_async_callable(Test.method)
    assert asyncio.run(Test().method()) == 7


def test_classonlymethod():
    class Test:
        @classonlymethod
        def build(cls):
            return cls

    assert Test.build() is Test
    with pytest.raises(AttributeError, match="only on the class"):
        Test().build()


def test_capability_flags():
    def factory(get_response):
        return get_response

    assert sync_only_middleware(factory).sync_capable is True
    assert factory.async_capable is False
    assert async_only_middleware(factory).sync_capable is False
    assert factory.async_capable is True
    sync_and_async_middleware(factory)
    assert (factory.sync_capable, factory.async_capable) == (True, True)


class FullMiddleware:
    def __init__(self, get_response, tag="full"):
        self.get_response = get_response
        self.tag = tag
        self.calls = []

    def process_request(self, request):
        if request.GET.get("short"):
            return HttpResponse("short")
        return None

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.GET.get("view"):
            return HttpResponse(f"view {view_func.__name__} {view_args}")
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, KeyError):
            return HttpResponse("recovered", status=500)
        return None

    def process_response(self, request, response):
        response["X-Tag"] = self.tag
        return response


def _get(**query):
    request = HttpRequest()
    request.method = "GET"
    for key, value in query.items():
        request.GET._mutable = True
        request.GET[key] = value
    return request


def test_decorator_from_middleware_hooks():
    decorator = decorator_from_middleware(FullMiddleware)

    @decorator
    def view(request, *args):
        if request.GET.get("boom"):
            raise KeyError("x")
        if request.GET.get("other"):
            raise ValueError("y")
        return HttpResponse("view ran")

    response = view(_get())
    assert response.content == b"view ran"
    assert response["X-Tag"] == "full"
    assert view(_get(short="1")).content == b"short"
    assert view(_get(view="1"), 5).content == b"view view (5,)"
    assert view(_get(boom="1")).content == b"recovered"
    with pytest.raises(ValueError):
        view(_get(other="1"))
    assert view.__name__ == "view"


def test_decorator_from_middleware_with_args():
    decorator = decorator_from_middleware_with_args(FullMiddleware)

    @decorator(tag="custom")
    def view(request):
        return HttpResponse("ok")

    assert view(_get())["X-Tag"] == "custom"


def test_decorator_from_middleware_async_view():
    @decorator_from_middleware(FullMiddleware)
    async def view(request):
        return HttpResponse("async ok")

    assert is_async_callable(view)
    response = asyncio.run(view(_get()))
    assert response.content == b"async ok"
    assert response["X-Tag"] == "full"


class LazyResponse(HttpResponse):
    """A response with deferred rendering, like TemplateResponse."""

    def __init__(self):
        super().__init__("unrendered")
        self.callbacks = []
        self.rendered = False

    def add_post_render_callback(self, callback):
        self.callbacks.append(callback)

    def render(self):
        self.content = b"rendered"
        self.rendered = True
        for callback in self.callbacks:
            callback(self)
        return self


def test_decorator_from_middleware_defers_process_response_until_render():
    seen = []

    class MW:
        def __init__(self, get_response):
            pass

        def process_template_response(self, request, response):
            seen.append("template")
            return response

        def process_response(self, request, response):
            seen.append(response.content)
            return response

    @decorator_from_middleware(MW)
    def view(request):
        return LazyResponse()

    response = view(_get())
    assert seen == ["template"]
    response.render()
    assert seen == ["template", b"rendered"]


class Recorder(MiddlewareMixin):
    def process_request(self, request):
        request.seen = "request"

    def process_response(self, request, response):
        response["X-Recorded"] = request.seen
        return response


def test_middleware_mixin_sync():
    mw = Recorder(lambda request: HttpResponse("inner"))
    assert mw.async_mode is False
    response = mw(_get())
    assert response["X-Recorded"] == "request"
    assert repr(mw).startswith("<Recorder get_response=")


def test_middleware_mixin_async_mode():
    async def get_response(request):
        return HttpResponse("inner")

    mw = Recorder(get_response)
    assert mw.async_mode is True
    assert is_async_callable(mw)
    response = asyncio.run(mw(_get()))
    assert response["X-Recorded"] == "request"


def test_middleware_mixin_requires_get_response():
    with pytest.raises(ValueError, match="get_response must be provided."):
        Recorder(None)


def test_nonblocking_hook_runs_inline_in_async_mode():
    import threading

    threads = {}

    class Inline(MiddlewareMixin):
        @nonblocking_hook
        def process_request(self, request):
            threads["inline"] = threading.current_thread()

        def process_response(self, request, response):
            threads["threaded"] = threading.current_thread()
            return response

    async def get_response(request):
        return HttpResponse()

    async def main():
        await Inline(get_response)(_get())
        return threading.current_thread()

    loop_thread = asyncio.run(main())
    assert threads["inline"] is loop_thread
    assert threads["threaded"] is not loop_thread


def test_overriding_nonblocking_hook_loses_the_mark():
    class Base(MiddlewareMixin):
        @nonblocking_hook
        def process_request(self, request):
            return None

    class Child(Base):
        def process_request(self, request):
            return None

    async def get_response(request):
        return HttpResponse()

    assert Base(get_response)._req_inline is True
    assert Child(get_response)._req_inline is False
