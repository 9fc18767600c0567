"""SessionMiddleware through the test client: every engine, Client (sync views) and
AsyncClient (async views, the middleware's async path)."""

from __future__ import annotations

import sys
import types

import pytest
from tests.db.conftest import _loop

from nuages.core import signals
from nuages.db import close_old_connections
from nuages.http import HttpResponse
from nuages.test import AsyncClient, Client
from nuages.test.utils import override_settings
from nuages.urls import path

URLCONF = "nuages_tests_sessions_urls"


def set_view(request):
    for k, v in request.GET.items():
        request.session[k] = v
    return HttpResponse("ok")


async def aset_view(request):
    for k, v in request.GET.items():
        await request.session.aset(k, v)
    return HttpResponse("ok")


def get_view(request):
    return HttpResponse(str(request.session.get(request.GET["k"])))


async def aget_view(request):
    return HttpResponse(str(await request.session.aget(request.GET["k"])))


def plain_view(request):
    return HttpResponse("plain")


def flush_view(request):
    request.session.flush()
    return HttpResponse("flushed")


async def aflush_view(request):
    await request.session.aflush()
    return HttpResponse("flushed")


def expiry_view(request):
    request.session["x"] = 1
    request.session.set_expiry(int(request.GET["s"]))
    return HttpResponse("ok")


async def aexpiry_view(request):
    await request.session.aset("x", 1)
    await request.session.aset_expiry(int(request.GET["s"]))
    return HttpResponse("ok")


def error_view(request):
    request.session["x"] = 1
    return HttpResponse("boom", status=500)


async def aerror_view(request):
    await request.session.aset("x", 1)
    return HttpResponse("boom", status=500)


def cycle_view(request):
    request.session.cycle_key()
    return HttpResponse("cycled")


async def acycle_view(request):
    await request.session.acycle_key()
    return HttpResponse("cycled")


def delete_elsewhere_view(request):
    request.session["x"] = 2
    type(request.session)(request.session.session_key).delete()
    return HttpResponse("ok")


async def adelete_elsewhere_view(request):
    await request.session.aset("x", 2)
    await type(request.session)(request.session.session_key).adelete()
    return HttpResponse("ok")


_VIEWS = {
    "set": (set_view, aset_view),
    "get": (get_view, aget_view),
    "plain": (plain_view, plain_view),
    "flush": (flush_view, aflush_view),
    "expiry": (expiry_view, aexpiry_view),
    "error": (error_view, aerror_view),
    "cycle": (cycle_view, acycle_view),
    "delete-elsewhere": (delete_elsewhere_view, adelete_elsewhere_view),
}
urls = types.ModuleType(URLCONF)
urls.urlpatterns = [
    *(path(f"{name}/", views[0]) for name, views in _VIEWS.items()),
    *(path(f"a/{name}/", views[1]) for name, views in _VIEWS.items()),
]
sys.modules[URLCONF] = urls


class Browser:
    """Client or AsyncClient, called the same way; async mode uses the async views."""

    def __init__(self, h):
        self.h = h
        self.client = AsyncClient() if h.is_async else Client()

    def get(self, name, **params):
        url = f"/a/{name}/" if self.h.is_async else f"/{name}/"
        if self.h.is_async:
            return _loop().run_until_complete(self.client.get(url, params))
        return self.client.get(url, params)

    @property
    def cookie(self):
        return self.client.cookies.get("sessionid")


@pytest.fixture
def browser(h):
    # As TestCase does: requests must not close the test's connection (its transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        with override_settings(
            ROOT_URLCONF=URLCONF,
            MIDDLEWARE=["nuages.contrib.sessions.middleware.SessionMiddleware"],
        ):
            yield Browser(h)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_cookie_set_and_persisted(browser):
    response = browser.get("set", color="blue")
    morsel = response.cookies["sessionid"]
    assert morsel.value
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Lax"
    assert morsel["path"] == "/"
    assert int(morsel["max-age"]) == 1209600
    assert morsel["expires"]
    assert not morsel["secure"]
    assert "Cookie" in response["Vary"]
    assert browser.get("get", k="color").content == b"blue"
    browser.get("set", size="L")
    assert browser.get("get", k="color").content == b"blue"
    assert browser.get("get", k="size").content == b"L"


def test_untouched_session_sets_no_cookie_and_no_vary(browser):
    response = browser.get("plain")
    assert "sessionid" not in response.cookies
    assert not response.has_header("Vary")


def test_read_only_access_varies_but_does_not_save(browser):
    response = browser.get("get", k="nothing")
    assert "sessionid" not in response.cookies
    assert "Cookie" in response["Vary"]


def test_flush_deletes_cookie(browser):
    browser.get("set", a="1")
    response = browser.get("flush")
    morsel = response.cookies["sessionid"]
    assert morsel.value == ""
    assert morsel["max-age"] == 0
    assert "Cookie" in response["Vary"]
    assert browser.get("get", k="a").content == b"None"


def test_expiry_sets_max_age(browser):
    response = browser.get("expiry", s="300")
    assert int(response.cookies["sessionid"]["max-age"]) == 300


def test_set_expiry_zero_is_browser_close(browser):
    response = browser.get("expiry", s="0")
    morsel = response.cookies["sessionid"]
    assert morsel.value
    assert not morsel["max-age"]
    assert not morsel["expires"]


def test_expire_at_browser_close_setting(browser):
    with override_settings(SESSION_EXPIRE_AT_BROWSER_CLOSE=True):
        response = browser.get("set", a="1")
    morsel = response.cookies["sessionid"]
    assert morsel.value and not morsel["max-age"] and not morsel["expires"]


def test_save_every_request(browser):
    browser.get("set", a="1")
    with override_settings(SESSION_SAVE_EVERY_REQUEST=True):
        response = browser.get("plain")
    assert response.cookies["sessionid"].value
    assert "sessionid" not in browser.get("plain").cookies


def test_cookie_settings(browser):
    with override_settings(
        SESSION_COOKIE_NAME="sid",
        SESSION_COOKIE_DOMAIN=".example.com",
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=False,
        SESSION_COOKIE_PATH="/app/",
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_AGE=60,
    ):
        response = browser.get("set", a="1")
    morsel = response.cookies["sid"]
    assert morsel["domain"] == ".example.com"
    assert morsel["secure"] is True
    assert not morsel["httponly"]
    assert morsel["path"] == "/app/"
    assert morsel["samesite"] == "Strict"
    assert int(morsel["max-age"]) == 60


def test_no_save_on_500(browser):
    response = browser.get("error")
    assert response.status_code == 500
    assert "sessionid" not in response.cookies


def test_forged_cookie_gives_new_session(browser):
    browser.client.cookies["sessionid"] = "x" * 32
    assert browser.get("get", k="a").content == b"None"
    response = browser.get("set", a="1")
    assert response.cookies["sessionid"].value != "x" * 32
    assert browser.get("get", k="a").content == b"1"


def test_tampered_cookie_gives_empty_session(browser):
    browser.get("set", a="1")
    value = browser.cookie.value
    browser.client.cookies["sessionid"] = value[:-3] + ("aaa" if value[-3:] != "aaa" else "bbb")
    assert browser.get("get", k="a").content == b"None"


def test_cycle_key_keeps_data_new_cookie(browser):
    browser.get("set", a="1")
    old = browser.cookie.value
    response = browser.get("cycle")
    if browser.h.stores_data:
        assert response.cookies["sessionid"].value != old
    assert browser.get("get", k="a").content == b"1"
    if browser.h.stores_data:
        # The key fixed before (say, before login) no longer carries the data.
        browser.client.cookies["sessionid"] = old
        assert browser.get("get", k="a").content == b"None"


def test_session_deleted_concurrently_is_400(browser):
    if not browser.h.stores_data:
        pytest.skip("signed cookies have no server-side state")
    browser.get("set", a="1")
    response = browser.get("delete-elsewhere")
    assert response.status_code == 400


def test_client_session_property(browser):
    if browser.h.is_async:
        session = _loop().run_until_complete(browser.client.asession())
        session["k"] = "from-test"
        _loop().run_until_complete(session.asave())
    else:
        session = browser.client.session
        session["k"] = "from-test"
        session.save()
    if not browser.h.stores_data:
        browser.client.cookies["sessionid"] = session.session_key
    assert browser.get("get", k="k").content == b"from-test"
    browser.get("set", v="from-view")
    again = browser.client.session
    assert again.get("v") == "from-view" if not browser.h.is_async else True
