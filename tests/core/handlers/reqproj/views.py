import asyncio
import threading

from nuages.core.exceptions import (
    BadRequest,
    DisallowedHost,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from nuages.http import Http404, HttpResponse, StreamingHttpResponse
from nuages.views.decorators.debug import sensitive_post_parameters, sensitive_variables

events = []


def hello(request):
    return HttpResponse("Hello World")


async def ahello(request):
    return HttpResponse(f"async {threading.current_thread() is threading.main_thread()}")


def thread_name(request):
    return HttpResponse(threading.current_thread().name)


async def athread_name(request):
    return HttpResponse(threading.current_thread().name)


def echo(request):
    return HttpResponse(
        f"{request.method}|{request.path}|{request.path_info}|{request.META.get('SCRIPT_NAME')}|"
        f"{request.GET.get('q', '')}|{request.body.decode()}"
    )


def meta(request, key):
    return HttpResponse(str(request.META.get(key)))


def item(request, pk):
    return HttpResponse(f"item {pk} {type(pk).__name__}")


def none_view(request):
    return None


async def async_none_view(request):
    return None


def coroutine_view(request):
    async def inner():
        return HttpResponse("never")

    return inner()


def raise_404(request):
    raise Http404("No item here")


def raise_403(request):
    raise PermissionDenied("go away")


def raise_400(request):
    raise BadRequest("bad bad")


def raise_suspicious(request):
    raise SuspiciousOperation("dubious")


def raise_disallowed(request):
    raise DisallowedHost("evil host")


def raise_too_big(request):
    raise RequestDataTooBig("too big")


@sensitive_variables("sauce")
def raise_500(request):
    sauce = "".join(["worcestershire", "-secret"])  # noqa: F841
    cooked_eggs = "scrambled"  # noqa: F841
    raise ValueError("Can't find my keys")


@sensitive_post_parameters("password")
def raise_500_post(request):
    request.POST  # noqa: B018
    raise ValueError("post failure")


def body_length(request):
    return HttpResponse(str(len(request.body)))


def streaming(request):
    return StreamingHttpResponse(iter([b"one,", b"two,", b"three"]))


def astreaming(request):
    async def gen():
        for part in (b"a1,", b"a2,", b"a3"):
            await asyncio.sleep(0)
            yield part

    return StreamingHttpResponse(gen())


def set_cookie(request):
    response = HttpResponse("cookie")
    response.set_cookie("flavour", "oatmeal", path="/")
    response.set_cookie("second", "x")
    return response


async def slow(request):
    events.append("slow started")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        events.append("slow cancelled")
        raise
    return HttpResponse("slow")


def big(request):
    return HttpResponse(b"x" * (2**16 * 2 + 10))


def closing(request):
    response = StreamingHttpResponse(iter([b"data"]))
    response._resource_closers.append(lambda: events.append("closed"))
    return response


def template_response(request):
    from nuages.template.response import TemplateResponse

    return TemplateResponse(request, "tr.html", {"added": "by view"})


def file_response(request):
    import os

    from nuages.http import FileResponse

    return FileResponse(open(os.path.join(os.path.dirname(__file__), "__init__.py"), "rb"))
