"""CsrfViewMiddleware through the test client and RequestFactory."""

import asyncio
import logging
import sys
import types

import pytest

from nuages.core.exceptions import ImproperlyConfigured
from nuages.http import HttpResponse, UnreadablePostError
from nuages.middleware import csrf
from nuages.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CsrfViewMiddleware,
    _mask_cipher_secret,
    _unmask_cipher_token,
    get_token,
    rotate_token,
)
from nuages.template import Engine, RequestContext
from nuages.test import AsyncClient, Client, RequestFactory, override_settings
from nuages.urls import path
from nuages.views.decorators.csrf import (
    csrf_exempt,
    csrf_protect,
    ensure_csrf_cookie,
    requires_csrf_token,
)

rf = RequestFactory()
SECRET = "a" * 16 + "B" * 8 + "0123456Z"
URLCONF = "w8_csrf_urls"
MIDDLEWARE = ["nuages.middleware.csrf.CsrfViewMiddleware"]


def token_view(request):
    return HttpResponse(get_token(request))


def post_view(request):
    return HttpResponse("ok")


@csrf_exempt
def exempt_view(request):
    return HttpResponse("exempt")


async def async_post_view(request):
    return HttpResponse("async ok")


def form_view(request):
    template = Engine().from_string("<form>{% csrf_token %}</form>")
    return HttpResponse(template.render(RequestContext(request)))


@pytest.fixture(autouse=True)
def urls():
    module = types.ModuleType(URLCONF)
    module.urlpatterns = [
        path("token/", token_view),
        path("post/", post_view),
        path("exempt/", exempt_view),
        path("async/", async_post_view),
        path("form/", form_view),
    ]
    sys.modules[URLCONF] = module
    with override_settings(ROOT_URLCONF=URLCONF, MIDDLEWARE=MIDDLEWARE):
        yield
    sys.modules.pop(URLCONF, None)


def csrf_client(**kwargs):
    return Client(enforce_csrf_checks=True, **kwargs)


def with_cookie(client, value=SECRET):
    client.cookies["csrftoken"] = value
    return client


# -- token format -------------------------------------------------------------------------


def test_mask_roundtrip_and_format():
    token = _mask_cipher_secret(SECRET)
    assert len(token) == 64
    assert set(token) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == SECRET
    # Masked again: a different token, same secret.
    assert _mask_cipher_secret(SECRET) != token


def test_known_masked_token_matches_django_format():
    # mask 'b'*32 shifts each character by one place in [a-zA-Z0-9] ('z' -> 'A', '9' -> 'a').
    secret = "az9" + "a" * 29
    token = "b" * 32 + "bAa" + "b" * 29
    assert _unmask_cipher_token(token) == secret


# -- GET sets the cookie when the token is used --------------------------------------------


def test_get_sets_cookie_when_token_used():
    response = csrf_client().get("/token/")
    assert response.status_code == 200
    cookie = response.cookies["csrftoken"]
    assert len(cookie.value) == 32
    assert _unmask_cipher_token(response.content.decode()) == cookie.value
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert int(cookie["max-age"]) == 60 * 60 * 24 * 7 * 52
    assert "Cookie" in response["Vary"]


def test_get_without_token_use_sets_no_cookie():
    response = csrf_client().get("/post/")
    assert "csrftoken" not in response.cookies
    assert not response.has_header("Vary")


def test_existing_cookie_secret_is_reused():
    response = with_cookie(csrf_client()).get("/token/")
    assert _unmask_cipher_token(response.content.decode()) == SECRET
    assert response.cookies["csrftoken"].value == SECRET


def test_bad_cookie_is_replaced_on_get():
    response = with_cookie(csrf_client(), "bad!").get("/token/")
    assert response.cookies["csrftoken"].value != "bad!"
    assert len(response.cookies["csrftoken"].value) == 32


def test_masked_legacy_cookie_is_unmasked():
    request = rf.get("/")
    request.COOKIES["csrftoken"] = _mask_cipher_secret(SECRET)
    mw = CsrfViewMiddleware(lambda r: HttpResponse())
    response = mw(request)
    assert request.META["CSRF_COOKIE"] == SECRET
    assert response.cookies["csrftoken"].value == SECRET


def test_cookie_settings():
    with override_settings(
        CSRF_COOKIE_NAME="xsrf",
        CSRF_COOKIE_DOMAIN=".example.com",
        CSRF_COOKIE_PATH="/app/",
        CSRF_COOKIE_SECURE=True,
        CSRF_COOKIE_HTTPONLY=True,
        CSRF_COOKIE_SAMESITE="Strict",
        CSRF_COOKIE_AGE=100,
    ):
        cookie = csrf_client().get("/token/").cookies["xsrf"]
    assert cookie["domain"] == ".example.com"
    assert cookie["path"] == "/app/"
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["max-age"] == 100


# -- POST checks --------------------------------------------------------------------------


def test_post_without_cookie_refused():
    response = csrf_client().post("/post/", {})
    assert response.status_code == 403
    assert b"CSRF verification failed" in response.content


def test_post_reasons_are_logged(caplog):
    client = with_cookie(csrf_client())
    cases = [
        ({}, {}, "CSRF token missing."),
        ({"csrfmiddlewaretoken": "x" * 64}, {}, "CSRF token from POST incorrect."),
        ({"csrfmiddlewaretoken": "short"}, {}, "CSRF token from POST has incorrect length."),
        (
            {"csrfmiddlewaretoken": "!" * 32},
            {},
            "CSRF token from POST has invalid characters.",
        ),
        (
            {},
            {"HTTP_X_CSRFTOKEN": "x" * 32},
            "CSRF token from the 'X-Csrftoken' HTTP header incorrect.",
        ),
        (
            {},
            {"HTTP_X_CSRFTOKEN": "x"},
            "CSRF token from the 'X-Csrftoken' HTTP header has incorrect length.",
        ),
    ]
    for data, extra, reason in cases:
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="nuages.security.csrf"):
            response = client.post("/post/", data, **extra)
        assert response.status_code == 403, reason
        assert caplog.records[0].getMessage() == f"Forbidden ({reason}): /post/"
        assert caplog.records[0].name == "nuages.security.csrf"


def test_no_cookie_and_bad_cookie_reasons(caplog):
    with caplog.at_level(logging.WARNING, logger="nuages.security.csrf"):
        csrf_client().post("/post/", {"csrfmiddlewaretoken": SECRET})
        with_cookie(csrf_client(), "x" * 10).post("/post/", {"csrfmiddlewaretoken": SECRET})
        with_cookie(csrf_client(), "?" * 32).post("/post/", {"csrfmiddlewaretoken": SECRET})
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        "Forbidden (CSRF cookie not set.): /post/",
        "Forbidden (CSRF cookie has incorrect length.): /post/",
        "Forbidden (CSRF cookie has invalid characters.): /post/",
    ]


def test_post_with_right_token_accepted():
    client = with_cookie(csrf_client())
    masked = _mask_cipher_secret(SECRET)
    assert client.post("/post/", {"csrfmiddlewaretoken": masked}).status_code == 200
    # The unmasked secret (as read from the cookie by a script) is accepted too.
    assert client.post("/post/", {"csrfmiddlewaretoken": SECRET}).status_code == 200
    assert client.post("/post/", {}, HTTP_X_CSRFTOKEN=masked).status_code == 200
    assert client.put("/post/", b"", HTTP_X_CSRFTOKEN=SECRET).status_code == 200
    assert client.delete("/post/", HTTP_X_CSRFTOKEN=masked).status_code == 200


def test_custom_header_name():
    client = with_cookie(csrf_client())
    with override_settings(CSRF_HEADER_NAME="HTTP_X_XSRF_TOKEN"):
        assert client.post("/post/", {}, HTTP_X_XSRF_TOKEN=SECRET).status_code == 200
        assert client.post("/post/", {}, HTTP_X_CSRFTOKEN=SECRET).status_code == 403


def test_token_from_form_page_roundtrip():
    client = csrf_client()
    page = client.get("/form/").content.decode()
    assert page.startswith('<form><input type="hidden" name="csrfmiddlewaretoken" value="')
    token = page.split('value="')[1].split('"')[0]
    assert len(token) == 64
    assert client.post("/post/", {"csrfmiddlewaretoken": token}).status_code == 200


def test_safe_methods_and_default_client_skip_checks():
    client = csrf_client()
    for method in ("get", "head", "options", "trace"):
        assert getattr(client, method)("/post/").status_code == 200
    # Django's test client skips the check unless enforce_csrf_checks=True.
    assert Client().post("/post/", {}).status_code == 200


def test_csrf_exempt():
    assert csrf_client().post("/exempt/", {}).status_code == 200
    assert exempt_view.csrf_exempt is True


def test_unreadable_post_falls_back_to_header():
    request = rf.post("/post/", {"a": "b"})
    request.COOKIES["csrftoken"] = SECRET

    def boom(*args, **kwargs):
        raise UnreadablePostError("connection reset")

    request._load_post_and_files = boom
    mw = CsrfViewMiddleware(post_view)
    mw.process_request(request)
    response = mw.process_view(request, post_view, (), {})
    assert response.status_code == 403
    request.META["HTTP_X_CSRFTOKEN"] = SECRET
    assert mw.process_view(request, post_view, (), {}) is None


def test_processing_done_skips_second_check():
    request = rf.post("/post/", {})
    request.csrf_processing_done = True
    assert CsrfViewMiddleware(post_view).process_view(request, post_view, (), {}) is None


# -- Origin and Referer -------------------------------------------------------------------


def test_origin_checks(caplog):
    client = with_cookie(csrf_client())
    data = {"csrfmiddlewaretoken": SECRET}
    assert client.post("/post/", data, HTTP_ORIGIN="http://testserver").status_code == 200
    with caplog.at_level(logging.WARNING, logger="nuages.security.csrf"):
        response = client.post("/post/", data, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert caplog.records[0].getMessage() == (
        "Forbidden (Origin checking failed - https://evil.example does not match any trusted "
        "origins.): /post/"
    )
    # Same host, other scheme: refused.
    assert client.post("/post/", data, HTTP_ORIGIN="https://testserver").status_code == 403
    assert (
        client.post("/post/", data, secure=True, HTTP_ORIGIN="https://testserver").status_code
        == 200
    )


def test_origin_trusted_exact_and_wildcard():
    client = with_cookie(csrf_client())
    data = {"csrfmiddlewaretoken": SECRET}
    with override_settings(
        CSRF_TRUSTED_ORIGINS=["https://app.example.org", "https://*.example.com"]
    ):
        ok = ["https://app.example.org", "https://a.example.com", "https://a.b.example.com"]
        for origin in ok:
            assert client.post("/post/", data, HTTP_ORIGIN=origin).status_code == 200, origin
        bad = ["http://a.example.com", "https://example.com.evil", "https://other.example.org"]
        for origin in bad:
            assert client.post("/post/", data, HTTP_ORIGIN=origin).status_code == 403, origin


def test_origin_wrong_and_token_checked_after():
    client = csrf_client()
    response = client.post("/post/", {}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 403  # origin fine, cookie missing


def referer_reason(caplog, referer=None, **settings):
    client = with_cookie(csrf_client())
    extra = {} if referer is None else {"HTTP_REFERER": referer}
    caplog.clear()
    with override_settings(**settings), caplog.at_level(logging.WARNING, "nuages.security.csrf"):
        response = client.post("/post/", {"csrfmiddlewaretoken": SECRET}, secure=True, **extra)
    if response.status_code == 200:
        return None
    return caplog.records[0].getMessage().removeprefix("Forbidden (").removesuffix("): /post/")


def test_https_referer_rules(caplog):
    assert referer_reason(caplog) == "Referer checking failed - no Referer."
    assert referer_reason(caplog, "not a url") == (
        "Referer checking failed - Referer is malformed."
    )
    assert referer_reason(caplog, "http://testserver/") == (
        "Referer checking failed - Referer is insecure while host is secure."
    )
    assert referer_reason(caplog, "https://evil.example/form/") == (
        "Referer checking failed - https://evil.example/form/ does not match any trusted origins."
    )
    assert referer_reason(caplog, "https://testserver/form/") is None
    # Trusted origins (wildcards included) are good referers.
    assert (
        referer_reason(
            caplog, "https://a.example.com/", CSRF_TRUSTED_ORIGINS=["https://*.example.com"]
        )
        is None
    )
    # With CSRF_COOKIE_DOMAIN, any host that can read the cookie is a good referer.
    assert (
        referer_reason(
            caplog,
            "https://www.example.com/",
            CSRF_COOKIE_DOMAIN=".example.com",
            ALLOWED_HOSTS=["testserver", "www.example.com"],
        )
        is None
    )


def test_plain_http_needs_no_referer():
    client = with_cookie(csrf_client())
    assert client.post("/post/", {"csrfmiddlewaretoken": SECRET}).status_code == 200


# -- get_token / rotate_token ---------------------------------------------------------------


def test_rotate_token():
    request = rf.get("/")
    request.META["CSRF_COOKIE"] = SECRET
    rotate_token(request)
    assert request.META["CSRF_COOKIE"] != SECRET
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    response = CsrfViewMiddleware(lambda r: HttpResponse()).process_response(
        request, HttpResponse()
    )
    assert response.cookies["csrftoken"].value == request.META["CSRF_COOKIE"]


def test_get_token_new_secret_without_cookie():
    request = rf.get("/")
    token = get_token(request)
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    assert _unmask_cipher_token(get_token(request)) == request.META["CSRF_COOKIE"]


def test_use_sessions_is_not_available_yet():
    with override_settings(CSRF_USE_SESSIONS=True):
        with pytest.raises(ImproperlyConfigured, match="CSRF_USE_SESSIONS"):
            CsrfViewMiddleware(post_view)(rf.get("/"))


# -- decorators ----------------------------------------------------------------------------


def test_csrf_protect_without_middleware():
    view = csrf_protect(post_view)
    request = rf.post("/post/", {})
    assert view(request).status_code == 403
    request = rf.post("/post/", {"csrfmiddlewaretoken": SECRET})
    request.COOKIES["csrftoken"] = SECRET
    assert view(request).status_code == 200


def test_requires_csrf_token_never_refuses_but_provides_token():
    view = requires_csrf_token(token_view)
    response = view(rf.post("/post/", {}))
    assert response.status_code == 200
    assert len(response.content) == 64
    assert "csrftoken" in response.cookies


def test_ensure_csrf_cookie():
    view = ensure_csrf_cookie(post_view)
    response = view(rf.get("/"))
    assert len(response.cookies["csrftoken"].value) == 32
    with override_settings(MIDDLEWARE=[]):
        response = Client().get("/post/")
    assert "csrftoken" not in response.cookies


def test_ensure_csrf_cookie_async_view():
    view = ensure_csrf_cookie(async_post_view)
    response = asyncio.run(view(rf.get("/")))
    assert "csrftoken" in response.cookies


def test_csrf_exempt_async_view():
    view = csrf_exempt(async_post_view)
    assert asyncio.iscoroutinefunction(view)
    assert view.csrf_exempt is True


# -- failure view -------------------------------------------------------------------------


def custom_failure(request, reason=""):
    return HttpResponse(f"custom: {reason}", status=403)


def test_custom_failure_view():
    with override_settings(CSRF_FAILURE_VIEW=f"{__name__}.custom_failure"):
        response = csrf_client().post("/post/", {})
    assert response.status_code == 403
    assert response.content == b"custom: CSRF cookie not set."


# -- async ---------------------------------------------------------------------------------


def test_async_client():
    async def main():
        client = AsyncClient(enforce_csrf_checks=True)
        refused = await client.post("/async/", {})
        client.cookies["csrftoken"] = SECRET
        accepted = await client.post("/async/", {"csrfmiddlewaretoken": SECRET})
        token_response = await client.get("/token/")
        return refused, accepted, token_response

    refused, accepted, token_response = asyncio.run(main())
    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert accepted.content == b"async ok"
    assert _unmask_cipher_token(token_response.content.decode()) == SECRET


def test_hooks_run_inline_under_asgi():
    mw = CsrfViewMiddleware(async_post_view)
    assert mw._req_inline and mw._resp_inline
    assert csrf.CsrfViewMiddleware.process_view._nuages_nonblocking is True
