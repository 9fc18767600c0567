"""ConditionalGetMiddleware and the conditional_page decorator."""

from nuages.http import HttpResponse, StreamingHttpResponse
from nuages.middleware.http import ConditionalGetMiddleware
from nuages.test import RequestFactory
from nuages.utils.http import http_date
from nuages.views.decorators.http import conditional_page

rf = RequestFactory()
LAST_MODIFIED = "Sat, 12 Feb 2011 17:38:44 GMT"


def run(response, **headers):
    method = headers.pop("method", "get")
    request = getattr(rf, method)("/", **headers)
    return ConditionalGetMiddleware(lambda r: response)(request)


def test_etag_added_to_get():
    response = run(HttpResponse("content"))
    assert response.has_header("ETag")
    assert response.status_code == 200


def test_etag_not_added_for_no_store_streaming_or_empty():
    no_store = HttpResponse("content")
    no_store["Cache-Control"] = "No-Cache, No-Store, Max-age=0"
    assert not run(no_store).has_header("ETag")
    assert not run(StreamingHttpResponse([b"a"])).has_header("ETag")
    assert not run(HttpResponse("")).has_header("ETag")


def test_if_none_match_gives_304():
    etag = run(HttpResponse("content"))["ETag"]
    response = run(HttpResponse("content"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response.content == b""
    assert run(HttpResponse("content"), HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_if_modified_since():
    response = HttpResponse("content")
    response["Last-Modified"] = LAST_MODIFIED
    assert run(response, HTTP_IF_MODIFIED_SINCE=LAST_MODIFIED).status_code == 304
    fresh = HttpResponse("content")
    fresh["Last-Modified"] = http_date(1_500_000_000)
    assert run(fresh, HTTP_IF_MODIFIED_SINCE=LAST_MODIFIED).status_code == 200


def test_only_for_get_and_2xx():
    response = HttpResponse("content")
    response["ETag"] = '"spam"'
    assert run(response, method="head", HTTP_IF_NONE_MATCH='"spam"').status_code == 200
    assert run(response, method="post", HTTP_IF_NONE_MATCH='"spam"').status_code == 200
    not_found = HttpResponse("x", status=404)
    not_found["ETag"] = '"spam"'
    assert run(not_found, HTTP_IF_NONE_MATCH='"spam"').status_code == 404


def test_if_match_failure_is_412():
    response = HttpResponse("content")
    response["ETag"] = '"spam"'
    assert run(response, HTTP_IF_MATCH='"eggs"').status_code == 412


def test_conditional_page_decorator():
    @conditional_page
    def view(request):
        response = HttpResponse("content")
        response["ETag"] = '"spam"'
        return response

    assert view(rf.get("/", HTTP_IF_NONE_MATCH='"spam"')).status_code == 304
    assert view(rf.get("/")).status_code == 200
