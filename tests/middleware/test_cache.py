"""Per-site caching (UpdateCache/FetchFromCache/CacheMiddleware) and cache_page, via the Client."""

import asyncio
import sys
import types
import uuid

import pytest

from nuages.core.cache import caches
from nuages.http import HttpResponse, StreamingHttpResponse
from nuages.middleware.cache import CacheMiddleware, FetchFromCacheMiddleware
from nuages.test import AsyncClient, Client, RequestFactory, override_settings
from nuages.urls import path
from nuages.utils.cache import get_cache_key, learn_cache_key, patch_cache_control
from nuages.views.decorators.cache import cache_control, cache_page, never_cache
from nuages.views.decorators.vary import vary_on_headers

LOCMEM = "nuages.core.cache.backends.locmem.LocMemCache"
SITE_MIDDLEWARE = [
    "nuages.middleware.cache.UpdateCacheMiddleware",
    "nuages.middleware.cache.FetchFromCacheMiddleware",
]
calls = {"n": 0}


def counted(body=b"page", **headers):
    calls["n"] += 1
    response = HttpResponse(body + str(calls["n"]).encode())
    for name, value in headers.items():
        response[name] = value
    return response


def plain(request):
    return counted()


def post_ok(request):
    return counted()


def private(request):
    response = counted()
    patch_cache_control(response, private=True)
    return response


@cache_control(no_store=True)
def no_store(request):
    return counted()


@never_cache
def never(request):
    return counted()


def max_age_zero(request):
    response = counted()
    patch_cache_control(response, max_age=0)
    return response


def not_found(request):
    calls["n"] += 1
    return HttpResponse(b"nope", status=404)


def streaming(request):
    calls["n"] += 1
    return StreamingHttpResponse(iter([b"a", b"b"]))


@vary_on_headers("Accept-Language-X")
def varies(request):
    return counted(request.META.get("HTTP_ACCEPT_LANGUAGE_X", "").encode())


def sets_cookie(request):
    response = counted()
    response.set_cookie("session", "secret")
    patch_vary = response.get("Vary")
    response["Vary"] = "Cookie" if not patch_vary else patch_vary + ", Cookie"
    return response


@cache_page(60)
def per_view(request):
    return counted()


@cache_page(60, key_prefix="other")
def per_view_prefixed(request):
    return counted()


@cache_page(60)
async def per_view_async(request):
    return counted()


@pytest.fixture
def site(request):
    """Fresh caches and a urlconf; returns the middleware list override to use."""
    name = f"cache_urls_{uuid.uuid4().hex[:8]}"
    module = types.ModuleType(name)
    module.urlpatterns = [
        path("plain/", plain),
        path("post/", post_ok),
        path("private/", private),
        path("no-store/", no_store),
        path("never/", never),
        path("max-age-zero/", max_age_zero),
        path("404/", not_found),
        path("stream/", streaming),
        path("varies/", varies),
        path("cookie/", sets_cookie),
        path("view/", per_view),
        path("view-prefixed/", per_view_prefixed),
        path("view-async/", per_view_async),
    ]
    sys.modules[name] = module
    caches_setting = {
        "default": {"BACKEND": LOCMEM, "LOCATION": name},
        "other": {"BACKEND": LOCMEM, "LOCATION": name + "-other"},
    }
    with override_settings(
        ROOT_URLCONF=name, CACHES=caches_setting, MIDDLEWARE=SITE_MIDDLEWARE, USE_I18N=False
    ):
        yield
    sys.modules.pop(name, None)


def test_get_is_cached_and_served_with_age(site):
    client = Client()
    first = client.get("/plain/")
    second = client.get("/plain/")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert "max-age=600" in first["Cache-Control"] and first.has_header("Expires")
    assert second["Age"] == "0"
    assert client.head("/plain/").status_code == 200


def test_query_string_is_part_of_the_key(site):
    client = Client()
    assert client.get("/plain/?a=1").content != client.get("/plain/?a=2").content


def test_post_is_never_served_from_cache(site):
    client = Client()
    client.get("/post/")
    assert client.post("/post/").content != client.post("/post/").content


@pytest.mark.parametrize(
    "url", ["/private/", "/no-store/", "/never/", "/max-age-zero/", "/stream/"]
)
def test_uncacheable_responses(site, url):
    client = Client()
    first = client.get(url)
    second = client.get(url)
    if url == "/stream/":
        assert b"".join(first.streaming_content) == b"ab"
    else:
        assert first.content != second.content
    assert not second.has_header("Age")


def test_404_is_not_cached(site):
    client = Client()
    before = calls["n"]
    client.get("/404/")
    client.get("/404/")
    assert calls["n"] == before + 2


def test_vary_headers_make_separate_entries(site):
    client = Client()
    en = client.get("/varies/", HTTP_ACCEPT_LANGUAGE_X="en")
    fr = client.get("/varies/", HTTP_ACCEPT_LANGUAGE_X="fr")
    assert en.content != fr.content
    assert client.get("/varies/", HTTP_ACCEPT_LANGUAGE_X="en").content == en.content
    assert client.get("/varies/", HTTP_ACCEPT_LANGUAGE_X="fr").content == fr.content


def test_cookie_set_for_cookieless_request_is_not_cached(site):
    client = Client()
    first = client.get("/cookie/")
    assert "session" in first.cookies
    client.cookies.clear()
    second = client.get("/cookie/")
    assert first.content != second.content


def test_key_prefix_and_alias_settings(site):
    with override_settings(CACHE_MIDDLEWARE_KEY_PREFIX="p1", CACHE_MIDDLEWARE_SECONDS=5):
        client = Client()
        first = client.get("/plain/")
        assert "max-age=5" in first["Cache-Control"]
        assert client.get("/plain/").content == first.content
    with override_settings(CACHE_MIDDLEWARE_KEY_PREFIX="p2"):
        assert Client().get("/plain/").content != first.content
    with override_settings(CACHE_MIDDLEWARE_ALIAS="other"):
        Client().get("/plain/")
        request = RequestFactory().get("/plain/")
        assert get_cache_key(request, "", cache=caches["other"]) is not None


def test_cache_page_sync_and_async(site):
    with override_settings(MIDDLEWARE=[]):
        client = Client()
        assert client.get("/view/").content == client.get("/view/").content
        assert client.get("/view-prefixed/").content == client.get("/view-prefixed/").content
        assert client.get("/view-async/").content == client.get("/view-async/").content

        async def scenario():
            aclient = AsyncClient()
            first = await aclient.get("/view-async/")
            second = await aclient.get("/view-async/")
            return first, second

        first, second = asyncio.run(scenario())
        assert first.content == second.content


def test_async_site_cache(site):
    async def scenario():
        aclient = AsyncClient()
        return [await aclient.get("/plain/") for _ in range(2)]

    first, second = asyncio.run(scenario())
    assert first.content == second.content and second["Age"] == "0"


def test_learn_and_get_cache_key():
    rf = RequestFactory()
    request = rf.get("/page/?x=1")
    cache = caches["default"]
    assert get_cache_key(request, "kp", cache=cache) is None
    response = HttpResponse()
    response["Vary"] = "Accept-Encoding, Cookie"
    key = learn_cache_key(request, response, 30, "kp", cache=cache)
    assert key.startswith("views.decorators.cache.cache_page.kp.GET.")
    assert get_cache_key(request, "kp", cache=cache) == key
    other = rf.get("/page/?x=1", HTTP_ACCEPT_ENCODING="gzip")
    assert get_cache_key(other, "kp", cache=cache) != key


@pytest.mark.parametrize("use_async", [False, True])
def test_cache_server_down_is_a_miss_not_a_500(site, use_async):
    redis_down = {
        "default": {
            "BACKEND": "nuages.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    with override_settings(CACHES=redis_down):
        if use_async:

            async def scenario():
                return await AsyncClient().get("/plain/")

            response = asyncio.run(scenario())
        else:
            response = Client().get("/plain/")
    assert response.status_code == 200
    assert response.content.startswith(b"page")


def test_middleware_direct_use_and_head():
    rf = RequestFactory()
    with override_settings(
        CACHES={"default": {"BACKEND": LOCMEM, "LOCATION": "direct"}}, USE_I18N=False
    ):
        mw = CacheMiddleware(lambda r: HttpResponse(b"body"), page_timeout=3)
        response = mw(rf.get("/direct/"))
        assert "max-age=3" in response["Cache-Control"]
        fetch = FetchFromCacheMiddleware(lambda r: HttpResponse(b"other"))
        assert fetch(rf.get("/direct/")).content == b"body"
        assert fetch(rf.head("/direct/")).content == b"body"
        assert fetch(rf.post("/direct/")).content == b"other"
