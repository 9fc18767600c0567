"""Middleware used by the chain tests; each records what it saw in `log`."""

from nuages.core.exceptions import MiddlewareNotUsed
from nuages.http import HttpResponse
from nuages.utils._async import is_async_callable, markcoroutinefunction
from nuages.utils.decorators import async_only_middleware, sync_and_async_middleware
from nuages.utils.deprecation import MiddlewareMixin

log = []


class SyncHeader:
    """Sync-only (the default): adds a header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        log.append("sync in")
        response = self.get_response(request)
        response["X-Sync"] = "yes"
        return response


@async_only_middleware
def async_header(get_response):
    async def middleware(request):
        log.append("async in")
        response = await get_response(request)
        response["X-Async"] = "yes"
        return response

    return middleware


@sync_and_async_middleware
def both_header(get_response):
    if is_async_callable(get_response):

        async def middleware(request):
            response = await get_response(request)
            response["X-Both"] = "async"
            return response

    else:

        def middleware(request):
            response = get_response(request)
            response["X-Both"] = "sync"
            return response

    return middleware


class Mixin(MiddlewareMixin):
    def process_request(self, request):
        log.append("mixin request")

    def process_response(self, request, response):
        response["X-Mixin"] = "yes"
        return response


class ShortCircuit(MiddlewareMixin):
    def process_request(self, request):
        if request.path == "/short/":
            return HttpResponse("short-circuited")
        return None


class NotUsed:
    def __init__(self, get_response):
        raise MiddlewareNotUsed


class NotUsedWithMessage:
    def __init__(self, get_response):
        raise MiddlewareNotUsed("spam eggs")


def returns_none_factory(get_response):
    return None


class Neither:
    sync_capable = False
    async_capable = False

    def __init__(self, get_response):
        pass


class ProcessView(MiddlewareMixin):
    def process_view(self, request, view_func, view_args, view_kwargs):
        log.append(f"view {view_func.__name__} {view_args} {view_kwargs}")
        if request.path == "/hello/" and request.GET.get("intercept"):
            return HttpResponse("intercepted")
        return None


class ProcessException(MiddlewareMixin):
    def process_exception(self, request, exception):
        log.append(f"exception {type(exception).__name__}")
        if isinstance(exception, ValueError):
            return HttpResponse("handled by middleware", status=299)
        return None


class TemplateResponseMW(MiddlewareMixin):
    def process_template_response(self, request, response):
        response.context_data = {"added": "by middleware"}
        return response


class BadTemplateResponseMW(MiddlewareMixin):
    def process_template_response(self, request, response):
        return None


class AsyncProcessView:
    async_capable = True
    sync_capable = False

    def __init__(self, get_response):
        self.get_response = get_response
        markcoroutinefunction(self)

    async def __call__(self, request):
        return await self.get_response(request)

    async def process_view(self, request, view_func, view_args, view_kwargs):
        log.append("async process_view")
        return None
