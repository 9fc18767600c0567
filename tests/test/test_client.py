"""Client, AsyncClient and the request factories, through the real handlers and a small URLconf."""

import asyncio
import io
import sys
import types

import pytest

from nuages.http import (
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from nuages.template.base import Template
from nuages.template.context import Context
from nuages.template.engine import Engine
from nuages.test import AsyncClient, AsyncRequestFactory, Client, RequestFactory, SimpleTestCase
from nuages.test.client import RedirectCycleError, encode_multipart
from nuages.test.utils import override_settings
from nuages.urls import path

URLCONF = "nuages_tests_client_urls"


def index(request, **kwargs):
    return HttpResponse(f"index {request.method}")


def echo_get(request):
    return JsonResponse(dict(request.GET.lists()))


def echo_post(request):
    files = {name: [f.name, f.read().decode(), f.content_type] for name, f in request.FILES.items()}
    return JsonResponse(
        {"post": dict(request.POST.lists()), "files": files, "method": request.method}
    )


def echo_body(request):
    return JsonResponse(
        {
            "method": request.method,
            "body": request.body.decode(),
            "content_type": request.content_type,
            "query": request.META.get("QUERY_STRING", ""),
        }
    )


def meta(request):
    return JsonResponse(
        {
            "custom": request.headers.get("X-Custom"),
            "host": request.get_host(),
            "secure": request.is_secure(),
            "remote": request.META.get("REMOTE_ADDR"),
            "path": request.path,
            "extra": request.META.get("HTTP_X_EXTRA"),
        }
    )


def redirect_to(target, status=302):
    def view(request):
        response = HttpResponseRedirect(target)
        response.status_code = status
        return response

    return view


def set_cookie(request):
    response = HttpResponse("set")
    response.set_cookie("flavour", "chocolate")
    return response


def read_cookie(request):
    return HttpResponse(request.COOKIES.get("flavour", "none"))


def explode(request):
    raise ValueError("view exploded")


async def async_view(request):
    await asyncio.sleep(0)
    return HttpResponse(f"async {request.method}")


def streaming(request):
    return StreamingHttpResponse(iter([b"chunk1-", b"chunk2"]))


def templated(request):
    engine = Engine()
    inner = Template("[{{ y }}]", name="inner.html", engine=engine)
    outer = Template("{{ x }}", name="outer.html", engine=engine)
    body = outer.render(Context({"x": 1})) + inner.render(Context({"y": 2}))
    return HttpResponse(body)


def no_content(request):
    return HttpResponse("should vanish", status=204)


urlconf = types.ModuleType(URLCONF)
urlconf.urlpatterns = [
    path("", index, name="index"),
    path("get/", echo_get, name="echo-get"),
    path("post/", echo_post),
    path("body/", echo_body),
    path("meta/", meta),
    path("redirect/one/", redirect_to("/redirect/two/")),
    path("redirect/two/", redirect_to("/")),
    path("redirect/loop/", redirect_to("/redirect/loop/")),
    path("redirect/relative/", redirect_to("../../get/?x=1")),
    path("redirect/query/", redirect_to("/get/?a=1&a=2")),
    path("redirect/temp/", redirect_to("/body/", status=307)),
    path("redirect/external/", redirect_to("https://example.com/")),
    path("cookie/set/", set_cookie),
    path("cookie/read/", read_cookie),
    path("explode/", explode),
    path("async/", async_view),
    path("stream/", streaming),
    path("nocontent/", no_content),
    path("templated/", templated),
    path("items/<int:pk>/", index, name="item"),
]
# Own error views keep these tests about the client, not about the default error pages.
urlconf.handler404 = lambda request, exception: HttpResponse("not found here", status=404)
urlconf.handler500 = lambda request: HttpResponse("server error here", status=500)
sys.modules[URLCONF] = urlconf


@pytest.fixture
def test_environment():
    from nuages.test import _environment
    from nuages.test.utils import setup_test_environment, teardown_test_environment

    if _environment._State.saved is not None:
        yield
        return
    setup_test_environment()
    yield
    teardown_test_environment()


@pytest.fixture(autouse=True)
def _urls():
    with override_settings(ROOT_URLCONF=URLCONF):
        yield


def run(coro):
    return asyncio.run(coro)


# --- Client ---------------------------------------------------------------------------------


def test_get_and_query():
    client = Client()
    response = client.get("/")
    assert response.status_code == 200
    assert response.content == b"index GET"
    assert response.client is client
    assert response.request["PATH_INFO"] == "/"
    assert response.wsgi_request.path == "/"
    assert client.get("/get/", {"a": ["1", "2"], "b": "x"}).json() == {"a": ["1", "2"], "b": ["x"]}
    assert client.get("/get/?z=9").json() == {"z": ["9"]}
    assert client.get("/get/", query_params={"q": "hello world"}).json() == {"q": ["hello world"]}
    with pytest.raises(ValueError, match="query_params and data arguments are mutually exclusive."):
        client.get("/get/", {"a": 1}, query_params={"b": 2})


def test_post_multipart_lists_and_files():
    upload = io.BytesIO(b"file content")
    upload.name = "notes.txt"
    response = Client().post("/post/", {"name": "Ada", "tags": ["a", "b"], "doc": upload})
    data = response.json()
    assert data["post"] == {"name": ["Ada"], "tags": ["a", "b"]}
    assert data["files"] == {"doc": ["notes.txt", "file content", "text/plain"]}
    with pytest.raises(TypeError, match="Cannot encode None for key 'x' as POST data"):
        Client().post("/post/", {"x": None})


def test_post_query_params_and_raw_content_type():
    response = Client().post(
        "/body/", "raw text", content_type="text/plain", query_params={"p": "1"}
    )
    assert response.json() == {
        "method": "POST",
        "body": "raw text",
        "content_type": "text/plain",
        "query": "p=1",
    }


def test_json_bodies():
    client = Client()
    response = client.post("/body/", {"a": [1, 2]}, content_type="application/json")
    assert response.json()["body"] == '{"a": [1, 2]}'
    response = client.put("/body/", [1, "x"], content_type="application/vnd.api+json")
    assert response.json()["body"] == '[1, "x"]'
    response = client.patch("/body/", "a=1", content_type="application/x-www-form-urlencoded")
    assert response.json() == {
        "method": "PATCH",
        "body": "a=1",
        "content_type": "application/x-www-form-urlencoded",
        "query": "",
    }
    assert client.delete("/body/").json()["method"] == "DELETE"
    assert client.options("/body/").json()["method"] == "OPTIONS"


def test_response_json_requires_json_content_type():
    with pytest.raises(
        ValueError,
        match='Content-Type header is "text/html; charset=utf-8", not "application/json"',
    ):
        Client().get("/").json()


def test_head_and_no_content_bodies_are_removed():
    client = Client()
    assert client.head("/").content == b""
    assert client.get("/nocontent/").content == b""
    assert client.trace("/").content == b"index TRACE"


def test_headers_defaults_secure_and_extra():
    client = Client(headers={"X-Custom": "default"})
    data = client.get("/meta/").json()
    assert data == {
        "custom": "default",
        "host": "testserver",
        "secure": False,
        "remote": "127.0.0.1",
        "path": "/meta/",
        "extra": None,
    }
    data = client.get("/meta/", headers={"X-Custom": "call"}, secure=True, HTTP_X_EXTRA="e").json()
    assert data["custom"] == "call" and data["secure"] is True and data["extra"] == "e"
    assert Client(HTTP_X_EXTRA="d").get("/meta/").json()["extra"] == "d"
    assert Client(query_params={"k": "v"}).get("/get/").json() == {"k": ["v"]}


def test_follow_redirects():
    client = Client()
    response = client.get("/redirect/one/", follow=True)
    assert response.content == b"index GET"
    assert response.redirect_chain == [("/redirect/two/", 302), ("/", 302)]
    response = client.get("/redirect/relative/", follow=True)
    assert response.json() == {"x": ["1"]}
    response = client.get("/redirect/query/", follow=True)
    assert response.json() == {"a": ["1", "2"]}
    with pytest.raises(RedirectCycleError, match="Redirect loop detected.") as excinfo:
        client.get("/redirect/loop/", follow=True)
    assert excinfo.value.last_response.status_code == 302
    assert len(excinfo.value.redirect_chain) == 2
    assert not hasattr(client.get("/redirect/one/"), "redirect_chain")


def test_follow_307_keeps_method_and_body():
    response = Client().post("/redirect/temp/", "payload", content_type="text/plain", follow=True)
    assert response.json()["method"] == "POST"
    assert response.json()["body"] == "payload"
    assert response.redirect_chain == [("/body/", 307)]


def test_cookies_persist():
    client = Client()
    assert client.get("/cookie/read/").content == b"none"
    response = client.get("/cookie/set/")
    assert response.cookies["flavour"].value == "chocolate"
    assert client.cookies["flavour"].value == "chocolate"
    assert client.get("/cookie/read/").content == b"chocolate"
    client.cookies["flavour"] = "vanilla"
    assert client.get("/cookie/read/").content == b"vanilla"


def test_exceptions_raise_or_500():
    with pytest.raises(ValueError, match="view exploded"):
        Client().get("/explode/")
    response = Client(raise_request_exception=False).get("/explode/")
    assert response.status_code == 500
    assert response.content == b"server error here"
    # Like Django, the response keeps the exception the view raised.
    assert response.exc_info[0] is ValueError
    assert str(response.exc_info[1]) == "view exploded"
    assert Client().get("/get/").exc_info is None


def test_resolver_match_and_404():
    client = Client()
    match = client.get("/items/5/").resolver_match
    assert match.url_name == "item" and match.kwargs == {"pk": 5}
    response = client.get("/nowhere/")
    assert response.status_code == 404 and response.content == b"not found here"


def test_async_view_and_streaming_through_sync_client():
    client = Client()
    assert client.get("/async/").content == b"async GET"
    response = client.get("/stream/")
    assert response.streaming
    assert b"".join(response.streaming_content) == b"chunk1-chunk2"


def test_middleware_setting_changes_apply():
    calls = []

    def middleware(get_response):
        def handle(request):
            calls.append(request.path)
            return get_response(request)

        return handle

    module = types.ModuleType("nuages_tests_client_mw")
    module.middleware = middleware
    sys.modules["nuages_tests_client_mw"] = module
    client = Client()
    client.get("/")
    with override_settings(MIDDLEWARE=["nuages_tests_client_mw.middleware"]):
        client.get("/get/")
    client.get("/")
    assert calls == ["/get/"]


# --- AsyncClient ----------------------------------------------------------------------------


def test_async_client_basic():
    async def main():
        client = AsyncClient()
        response = await client.get("/")
        assert response.content == b"index GET"
        assert response.asgi_request.path == "/"
        assert (await client.get("/get/", {"a": "1"})).json() == {"a": ["1"]}
        assert (await client.get("/async/")).content == b"async GET"
        upload = io.BytesIO(b"xyz")
        upload.name = "a.bin"
        data = (await client.post("/post/", {"f": upload, "n": "1"})).json()
        assert data["post"] == {"n": ["1"]}
        assert data["files"] == {"f": ["a.bin", "xyz", "application/octet-stream"]}
        body = (await client.post("/body/", {"k": 1}, content_type="application/json")).json()
        assert body["body"] == '{"k": 1}'
        meta = (await client.get("/meta/", headers={"X-Custom": "yes"})).json()
        assert meta["custom"] == "yes" and meta["host"] == "testserver"
        assert meta["remote"] == "127.0.0.1"

    run(main())


def test_async_client_follow_cookies_and_errors():
    async def main():
        client = AsyncClient()
        response = await client.get("/redirect/one/", follow=True)
        assert response.redirect_chain == [("/redirect/two/", 302), ("/", 302)]
        assert response.content == b"index GET"
        await client.get("/cookie/set/")
        assert (await client.get("/cookie/read/")).content == b"chocolate"
        with pytest.raises(ValueError, match="view exploded"):
            await client.get("/explode/")
        assert (
            await AsyncClient(raise_request_exception=False).get("/explode/")
        ).status_code == 500
        assert (await client.get("/items/3/")).resolver_match.kwargs == {"pk": 3}
        assert (await client.get("/get/", query_params={"q": "1"})).json() == {"q": ["1"]}

    run(main())


# --- request factories ----------------------------------------------------------------------


def test_request_factory():
    rf = RequestFactory()
    request = rf.get("/hello/", {"a": "1"})
    assert request.method == "GET" and request.path == "/hello/"
    assert request.GET["a"] == "1"
    assert request.get_host() == "testserver"
    assert request.META["REMOTE_ADDR"] == "127.0.0.1"
    request = rf.post("/p/", {"x": "1"})
    assert request.POST["x"] == "1"
    request = rf.post("/p/", {"x": 1}, content_type="application/json")
    assert request.body == b'{"x": 1}'
    request = rf.put("/p/", "raw", headers={"X-Thing": "t"}, secure=True)
    assert request.body == b"raw" and request.headers["X-Thing"] == "t" and request.is_secure()
    assert rf.generic("REPORT", "/r/?q=1").GET["q"] == "1"
    assert index(rf.get("/")).content == b"index GET"


def test_async_request_factory():
    arf = AsyncRequestFactory()
    request = arf.get("/hello/", {"a": "1"}, headers={"X-Thing": "t"})
    assert request.method == "GET" and request.path == "/hello/"
    assert request.GET["a"] == "1"
    assert request.headers["X-Thing"] == "t"
    request = arf.post("/p/", {"x": "1"})
    assert request.POST["x"] == "1"
    # Django's scope always carries a cookie header, empty without cookies.
    assert request.META["HTTP_COOKIE"] == ""
    assert request.COOKIES == {}
    assert run(async_view(arf.get("/"))).content == b"async GET"


def test_encode_multipart_shape():
    body = encode_multipart("BND", {"a": "1"})
    assert body == b'--BND\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--BND--\r\n'


# --- SimpleTestCase with the client ---------------------------------------------------------


class _Case(SimpleTestCase):
    def runTest(self):
        pass


def test_assert_redirects_fetches_target():
    tc = _Case()
    tc._pre_setup()
    tc.assertRedirects(tc.client.get("/redirect/two/"), "/")
    tc.assertRedirects(tc.client.get("/redirect/one/", follow=True), "/")
    tc.assertRedirects(tc.client.get("/redirect/relative/"), "/get/?x=1")
    with pytest.raises(
        AssertionError,
        match="Couldn't retrieve redirection page '/redirect/two/': response code was 302 \\(expected 200\\)",
    ):
        tc.assertRedirects(tc.client.get("/redirect/one/"), "/redirect/two/")
    tc.assertRedirects(tc.client.get("/redirect/one/"), "/redirect/two/", target_status_code=302)
    with pytest.raises(ValueError, match="The test client is unable to fetch remote URLs"):
        tc.assertRedirects(tc.client.get("/redirect/external/"), "https://example.com/")
    tc.assertRedirects(
        tc.client.get("/redirect/external/"), "https://example.com/", fetch_redirect_response=False
    )
    with pytest.raises(
        AssertionError,
        match="Initial response didn't redirect as expected: Response code was 302 \\(expected 301\\)",
    ):
        tc.assertRedirects(tc.client.get("/redirect/one/", follow=True), "/", status_code=301)
    with pytest.raises(
        AssertionError,
        match="Response didn't redirect as expected: Response code was 200 \\(expected 302\\)",
    ):
        tc.assertRedirects(tc.client.get("/", follow=True), "/")


def test_assert_redirects_with_async_client():
    tc = _Case()
    tc._pre_setup()
    response = run(tc.async_client.get("/redirect/two/"))
    tc.assertRedirects(response, "/")


def test_assert_contains_with_client():
    tc = _Case()
    tc._pre_setup()
    tc.assertContains(tc.client.get("/"), "index")
    tc.assertNotContains(tc.client.get("/"), "nothing")


def test_templates_and_context(test_environment):
    response = Client().get("/templated/")
    assert response.content == b"1[2]"
    assert [t.name for t in response.templates] == ["outer.html", "inner.html"]
    assert response.context["x"] == 1 and response.context["y"] == 2
    tc = _Case()
    tc.assertTemplateUsed(response, "inner.html")
    tc.assertTemplateNotUsed(response, "other.html")
    with tc.assertTemplateUsed("outer.html"):
        Client().get("/templated/")
    assert Client().get("/").templates == []
    assert Client().get("/").context is None


def test_async_client_templates(test_environment):
    response = run(AsyncClient().get("/templated/"))
    assert [t.name for t in response.templates] == ["outer.html", "inner.html"]


def test_recording_lasts_for_the_request_only(test_environment):
    from nuages.test import _client_base

    client = Client(raise_request_exception=False)
    assert client.get("/explode/").status_code == 500
    assert client.exc_info is None  # stored during the request, consumed by check_exception
    assert _client_base._captures == []
    with pytest.raises(ValueError, match="view exploded"):
        Client().get("/explode/")
    assert _client_base._captures == []
    # A template rendered outside a request is recorded by no client.
    templated(None)
    assert [t.name for t in client.get("/templated/").templates] == ["outer.html", "inner.html"]


def test_a_request_made_during_a_request_is_recorded_by_both(test_environment):
    inner_client = Client()
    seen = {}

    def outer_view(request):
        seen["inner"] = inner_client.get("/templated/")
        return HttpResponse("outer")

    urlconf.urlpatterns.append(path("outer/", outer_view))
    try:
        response = Client().get("/outer/")
    finally:
        urlconf.urlpatterns.pop()
    names = ["outer.html", "inner.html"]
    assert [t.name for t in seen["inner"].templates] == names
    assert [t.name for t in response.templates] == names
