"""CommonMiddleware: APPEND_SLASH, PREPEND_WWW, DISALLOWED_USER_AGENTS, Content-Length."""

import re
from urllib.parse import quote

import pytest

from nuages.core.exceptions import PermissionDenied
from nuages.http import (
    HttpResponse,
    HttpResponseNotFound,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from nuages.middleware.common import CommonMiddleware
from nuages.test import Client, RequestFactory, override_settings

rf = RequestFactory()


@pytest.fixture(autouse=True)
def urlconf():
    with override_settings(
        ROOT_URLCONF="reqproj.urls_common", APPEND_SLASH=True, PREPEND_WWW=False
    ):
        yield


def not_found(request):
    return HttpResponseNotFound()


def ok(request):
    return HttpResponse("content")


def test_append_slash_redirect():
    response = CommonMiddleware(not_found)(rf.get("/slash"))
    assert response.status_code == 301
    assert response.url == "/slash/"


def test_append_slash_keeps_query_string():
    response = CommonMiddleware(not_found)(rf.get("/slash?test=1"))
    assert response.url == "/slash/?test=1"


def test_append_slash_not_when_path_resolves_or_has_slash():
    assert CommonMiddleware(not_found)(rf.get("/noslash")).status_code == 404
    assert CommonMiddleware(not_found)(rf.get("/slash/")).status_code == 404
    assert CommonMiddleware(not_found)(rf.get("/unknown")).status_code == 404


def test_append_slash_only_on_404():
    response = CommonMiddleware(ok)(rf.get("/slash"))
    assert response.status_code == 200


def test_append_slash_disabled():
    with override_settings(APPEND_SLASH=False):
        assert CommonMiddleware(not_found)(rf.get("/slash")).status_code == 404


def test_no_append_slash_decorator():
    assert CommonMiddleware(not_found)(rf.get("/sensitive_fbv")).status_code == 404


def test_append_slash_leading_slashes_escaped():
    # Four slashes: the request factory reads two as an empty host.
    response = CommonMiddleware(not_found)(rf.get("////evil.com/security"))
    assert response.status_code == 301
    assert response.url == "/%2Fevil.com/security/"


def test_append_slash_post_in_debug_raises():
    with override_settings(DEBUG=True):
        for method in ("post", "put", "patch"):
            request = getattr(rf, method)("/slash")
            with pytest.raises(
                RuntimeError,
                match=f"maintaining {method.upper()} data. Change your form to point to testserver/slash/",
            ):
                CommonMiddleware(not_found)(request)


def test_append_slash_post_without_debug_redirects():
    response = CommonMiddleware(not_found)(rf.post("/slash"))
    assert response.status_code == 301


def test_append_slash_with_quoted_path():
    response = CommonMiddleware(not_found)(rf.get(quote("/needsquoting#")))
    assert response.status_code == 301
    assert response.url == "/needsquoting%23/"


def test_prepend_www():
    with override_settings(PREPEND_WWW=True):
        response = CommonMiddleware(ok)(rf.get("/path/"))
        assert response.status_code == 301
        assert response.url == "http://www.testserver/path/"
        # Combined with APPEND_SLASH in a single redirect.
        response = CommonMiddleware(ok)(rf.get("/slash"))
        assert response.url == "http://www.testserver/slash/"
        # Already www.
        request = rf.get("/path/", HTTP_HOST="www.testserver")
        with override_settings(ALLOWED_HOSTS=["www.testserver"]):
            assert CommonMiddleware(ok)(request).status_code == 200


def test_disallowed_user_agents():
    with override_settings(DISALLOWED_USER_AGENTS=[re.compile(r"foo")]):
        with pytest.raises(PermissionDenied, match="Forbidden user agent"):
            CommonMiddleware(ok)(rf.get("/", HTTP_USER_AGENT="foobar"))
        assert CommonMiddleware(ok)(rf.get("/", HTTP_USER_AGENT="bar")).status_code == 200


def test_disallowed_user_agent_through_client_is_403():
    with override_settings(
        DISALLOWED_USER_AGENTS=[re.compile(r"foo")],
        MIDDLEWARE=["nuages.middleware.common.CommonMiddleware"],
    ):
        response = Client(HTTP_USER_AGENT="foo").get("/slash/")
    assert response.status_code == 403


def test_disallowed_host_is_checked_on_every_request():
    # Django's CommonMiddleware calls get_host() even without PREPEND_WWW: a bad host is a 400.
    with override_settings(
        ALLOWED_HOSTS=["testserver"], MIDDLEWARE=["nuages.middleware.common.CommonMiddleware"]
    ):
        assert Client().get("/slash/", headers={"host": "evil.com"}).status_code == 400
        assert Client().get("/slash/").status_code == 200


def test_content_length():
    response = CommonMiddleware(ok)(rf.get("/"))
    assert response["Content-Length"] == "7"

    def already(request):
        response = HttpResponse("abc")
        response["Content-Length"] = "99"
        return response

    assert CommonMiddleware(already)(rf.get("/"))["Content-Length"] == "99"
    streaming = CommonMiddleware(lambda r: StreamingHttpResponse([b"x"]))(rf.get("/"))
    assert not streaming.has_header("Content-Length")


def test_through_client_redirects():
    with override_settings(MIDDLEWARE=["nuages.middleware.common.CommonMiddleware"]):
        response = Client().get("/slash")
    assert response.status_code == 301
    assert response["Location"] == "/slash/"


def test_response_redirect_class():
    class Temporary(CommonMiddleware):
        response_redirect_class = HttpResponseRedirect

    response = Temporary(not_found)(rf.get("/slash"))
    assert response.status_code == 302
