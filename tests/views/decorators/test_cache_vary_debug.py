"""cache_control, never_cache, vary_on_*, no_append_slash, sensitive_* decorators."""

import asyncio

import pytest

from nuages.http import HttpRequest, HttpResponse
from nuages.test import RequestFactory
from nuages.utils.cache import cc_delim_re
from nuages.utils.decorators import method_decorator
from nuages.views.decorators.cache import cache_control, never_cache
from nuages.views.decorators.common import no_append_slash
from nuages.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from nuages.views.decorators.vary import vary_on_cookie, vary_on_headers

rf = RequestFactory()


def call(view, request):
    result = view(request)
    return asyncio.run(result) if asyncio.iscoroutine(result) else result


def directives(response):
    return set(cc_delim_re.split(response["Cache-Control"]))


@pytest.mark.parametrize("is_async", [False, True])
def test_cache_control(is_async):
    if is_async:

        @cache_control(private=True, max_age=60, no_cache="Set-Cookie")
        async def view(request):
            return HttpResponse()

    else:

        @cache_control(private=True, max_age=60, no_cache="Set-Cookie")
        def view(request):
            return HttpResponse()

    assert directives(call(view, rf.get("/"))) == {"private", "max-age=60", "no-cache=Set-Cookie"}


@pytest.mark.parametrize("is_async", [False, True])
def test_never_cache(is_async):
    if is_async:

        @never_cache
        async def view(request):
            return HttpResponse()

    else:

        @never_cache
        def view(request):
            return HttpResponse()

    response = call(view, rf.get("/"))
    assert directives(response) == {
        "max-age=0",
        "no-cache",
        "no-store",
        "must-revalidate",
        "private",
    }
    assert response.has_header("Expires")


def test_cache_decorators_on_methods_need_method_decorator():
    class View:
        @never_cache
        def get(self, request):
            return HttpResponse()

        @cache_control(private=True)
        def post(self, request):
            return HttpResponse()

    with pytest.raises(
        TypeError,
        match="never_cache didn't receive an HttpRequest. If you are decorating a classmethod, be sure to use @method_decorator.",
    ):
        View().get(rf.get("/"))
    with pytest.raises(TypeError, match="cache_control didn't receive an HttpRequest"):
        View().post(rf.get("/"))

    class Fixed:
        @method_decorator(never_cache)
        def get(self, request):
            return HttpResponse()

    assert "no-store" in Fixed().get(rf.get("/"))["Cache-Control"]


@pytest.mark.parametrize("is_async", [False, True])
def test_vary(is_async):
    if is_async:

        @vary_on_headers("Accept-language", "X-Custom")
        async def view(request):
            return HttpResponse()

        @vary_on_cookie
        async def cookie_view(request):
            return HttpResponse()

    else:

        @vary_on_headers("Accept-language", "X-Custom")
        def view(request):
            return HttpResponse()

        @vary_on_cookie
        def cookie_view(request):
            return HttpResponse()

    assert call(view, rf.get("/"))["Vary"] == "Accept-language, X-Custom"
    assert call(cookie_view, rf.get("/"))["Vary"] == "Cookie"


def test_no_append_slash():
    def view(request):
        return HttpResponse()

    decorated = no_append_slash(view)
    assert decorated.should_append_slash is False
    assert getattr(view, "should_append_slash", True) is True
    assert decorated(rf.get("/")).status_code == 200

    async def aview(request):
        return HttpResponse()

    adecorated = no_append_slash(aview)
    assert adecorated.should_append_slash is False
    assert asyncio.iscoroutinefunction(adecorated)


def test_sensitive_decorators_require_call():
    with pytest.raises(
        TypeError, match=r"sensitive_variables\(\) must be called to use it as a decorator"
    ):

        @sensitive_variables
        def f(password):
            pass

    with pytest.raises(TypeError, match=r"sensitive_post_parameters\(\) must be called"):

        @sensitive_post_parameters
        def g(request):
            pass


def test_sensitive_post_parameters_marks_request():
    @sensitive_post_parameters("password", "secret")
    def view(request):
        return HttpResponse()

    @sensitive_post_parameters()
    async def aview(request):
        return HttpResponse()

    request = rf.post("/", {"password": "x"})
    view(request)
    assert request.sensitive_post_parameters == ("password", "secret")
    request = rf.post("/")
    asyncio.run(aview(request))
    assert request.sensitive_post_parameters == "__ALL__"


def test_sensitive_post_parameters_rejects_non_request():
    class View:
        @sensitive_post_parameters("password")
        def post(self, request):
            return HttpResponse()

    with pytest.raises(
        TypeError, match="sensitive_post_parameters didn't receive an HttpRequest object"
    ):
        View().post(HttpRequest())


def test_sensitive_variables_wraps_and_records():
    @sensitive_variables("password")
    def login(user, password):
        return user

    @sensitive_variables()
    async def alogin(user):
        return user

    assert login("u", "p") == "u"
    assert login.__name__ == "login"
    assert login.sensitive_variables == ("password",)
    assert asyncio.run(alogin("v")) == "v"
    assert alogin.sensitive_variables == "__ALL__"
