"""require_http_methods & co, condition/etag/last_modified, on sync and async views."""

import asyncio
import datetime
import logging

import pytest

from nuages.http import HttpResponse
from nuages.test import RequestFactory
from nuages.utils.http import http_date
from nuages.views.decorators.http import (
    condition,
    etag,
    last_modified,
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

rf = RequestFactory()


def call(view, request):
    result = view(request)
    return asyncio.run(result) if asyncio.iscoroutine(result) else result


def make_view(is_async, body="ok"):
    if is_async:

        async def view(request):
            return HttpResponse(body)

    else:

        def view(request):
            return HttpResponse(body)

    return view


@pytest.mark.parametrize("is_async", [False, True])
def test_require_http_methods(is_async, caplog):
    view = require_http_methods(["GET", "PUT"])(make_view(is_async))
    assert call(view, rf.get("/")).status_code == 200
    assert call(view, rf.put("/")).status_code == 200
    with caplog.at_level(logging.WARNING, "nuages.request"):
        response = call(view, rf.post("/path/"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, PUT"
    assert "Method Not Allowed (POST): /path/" in [r.getMessage() for r in caplog.records]


@pytest.mark.parametrize("is_async", [False, True])
def test_require_shortcuts(is_async):
    assert call(require_GET(make_view(is_async)), rf.post("/")).status_code == 405
    assert call(require_POST(make_view(is_async)), rf.post("/")).status_code == 200
    assert call(require_POST(make_view(is_async)), rf.get("/")).status_code == 405
    safe = require_safe(make_view(is_async))
    assert call(safe, rf.head("/")).status_code == 200
    assert call(safe, rf.delete("/")).status_code == 405


def test_decorators_preserve_names():
    def my_view(request):
        """Docs."""
        return HttpResponse()

    for decorator in (require_GET, require_POST, require_safe, require_http_methods(["GET"])):
        decorated = decorator(my_view)
        assert decorated.__name__ == "my_view"
        assert decorated.__doc__ == "Docs."


LAST = datetime.datetime(2007, 10, 21, 23, 21, 47)
LAST_STR = "Sun, 21 Oct 2007 23:21:47 GMT"
EXPIRED_LAST = "Sat, 20 Oct 2007 23:21:47 GMT"
ETAG = '"b4246ffc4f62314ca13147c9d4f76974"'


def latest_entry(request):
    return LAST


def entry_etag(request):
    return "b4246ffc4f62314ca13147c9d4f76974"


@pytest.mark.parametrize("is_async", [False, True])
def test_condition_sets_headers(is_async):
    view = condition(etag_func=entry_etag, last_modified_func=latest_entry)(
        make_view(is_async, "entry")
    )
    response = call(view, rf.get("/"))
    assert response.status_code == 200
    assert response["ETag"] == ETAG
    assert response["Last-Modified"] == LAST_STR


@pytest.mark.parametrize("is_async", [False, True])
def test_condition_304_skips_view(is_async):
    ran = []

    if is_async:

        async def view(request):
            ran.append(True)
            return HttpResponse("entry")

    else:

        def view(request):
            ran.append(True)
            return HttpResponse("entry")

    decorated = condition(etag_func=entry_etag, last_modified_func=latest_entry)(view)
    response = call(decorated, rf.get("/", HTTP_IF_NONE_MATCH=ETAG))
    assert response.status_code == 304
    assert response["ETag"] == ETAG
    response = call(decorated, rf.get("/", HTTP_IF_MODIFIED_SINCE=LAST_STR))
    assert response.status_code == 304
    assert ran == []
    assert call(decorated, rf.get("/", HTTP_IF_MODIFIED_SINCE=EXPIRED_LAST)).status_code == 200
    assert ran == [True]


def test_etag_and_last_modified_shortcuts():
    view = etag(entry_etag)(make_view(False))
    assert call(view, rf.get("/", HTTP_IF_NONE_MATCH=ETAG)).status_code == 304
    assert call(view, rf.put("/", HTTP_IF_MATCH='"other"')).status_code == 412
    assert call(view, rf.put("/", HTTP_IF_MATCH=ETAG)).status_code == 200
    view = last_modified(latest_entry)(make_view(False))
    assert call(view, rf.get("/", HTTP_IF_MODIFIED_SINCE=LAST_STR)).status_code == 304
    assert call(view, rf.get("/", HTTP_IF_UNMODIFIED_SINCE=EXPIRED_LAST)).status_code == 412


def test_condition_headers_only_on_safe_methods():
    view = condition(etag_func=entry_etag, last_modified_func=latest_entry)(make_view(False))
    response = call(view, rf.post("/"))
    assert not response.has_header("ETag")
    assert not response.has_header("Last-Modified")


def test_condition_does_not_override_view_headers():
    def view(request):
        response = HttpResponse()
        response["ETag"] = '"from-view"'
        response["Last-Modified"] = http_date(0)
        return response

    response = call(
        condition(etag_func=entry_etag, last_modified_func=latest_entry)(view), rf.get("/")
    )
    assert response["ETag"] == '"from-view"'
    assert response["Last-Modified"] == http_date(0)


def test_condition_funcs_returning_none():
    view = condition(etag_func=lambda r: None, last_modified_func=lambda r: None)(make_view(False))
    response = call(view, rf.get("/", HTTP_IF_NONE_MATCH="*"))
    assert response.status_code == 200
    assert not response.has_header("ETag")


def test_condition_aware_datetime():
    aware = datetime.datetime(
        2007, 10, 21, 23, 21, 47, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
    )
    view = last_modified(lambda r: aware)(make_view(False))
    assert call(view, rf.get("/"))["Last-Modified"] == "Sun, 21 Oct 2007 22:21:47 GMT"


def test_etag_quoting():
    view = etag(lambda r: "unquoted")(make_view(False))
    assert call(view, rf.get("/"))["ETag"] == '"unquoted"'
