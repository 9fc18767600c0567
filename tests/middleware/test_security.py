"""SecurityMiddleware."""

import asyncio

import pytest

from nuages.http import HttpResponse
from nuages.middleware.security import SecurityMiddleware
from nuages.test import RequestFactory, override_settings

rf = RequestFactory()


def respond(request):
    return HttpResponse("ok")


def process(request, response=None, **settings):
    with override_settings(**settings):
        middleware = SecurityMiddleware(lambda r: response if response is not None else respond(r))
        return middleware(request)


def secure_get(path="/some/url", **extra):
    return rf.get(path, secure=True, **extra)


def test_hsts_on_https():
    response = process(secure_get(), SECURE_HSTS_SECONDS=3600)
    assert response.headers["Strict-Transport-Security"] == "max-age=3600"


def test_hsts_subdomains_and_preload():
    response = process(
        secure_get(),
        SECURE_HSTS_SECONDS=600,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
        SECURE_HSTS_PRELOAD=True,
    )
    assert (
        response.headers["Strict-Transport-Security"] == "max-age=600; includeSubDomains; preload"
    )


def test_hsts_not_on_http_nor_when_zero_nor_overriding():
    assert "Strict-Transport-Security" not in process(rf.get("/"), SECURE_HSTS_SECONDS=3600)
    assert "Strict-Transport-Security" not in process(secure_get(), SECURE_HSTS_SECONDS=0)
    existing = HttpResponse()
    existing.headers["Strict-Transport-Security"] = "max-age=7200"
    response = process(secure_get(), existing, SECURE_HSTS_SECONDS=3600)
    assert response.headers["Strict-Transport-Security"] == "max-age=7200"


def test_content_type_nosniff():
    assert (
        process(rf.get("/"), SECURE_CONTENT_TYPE_NOSNIFF=True).headers["X-Content-Type-Options"]
        == "nosniff"
    )
    assert "X-Content-Type-Options" not in process(rf.get("/"), SECURE_CONTENT_TYPE_NOSNIFF=False)
    existing = HttpResponse()
    existing.headers["X-Content-Type-Options"] = "foo"
    assert process(rf.get("/"), existing).headers["X-Content-Type-Options"] == "foo"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("strict-origin", "strict-origin"),
        ("strict-origin,origin", "strict-origin,origin"),
        ("strict-origin, origin", "strict-origin,origin"),
        (["strict-origin", "origin"], "strict-origin,origin"),
        (("no-referrer", "same-origin"), "no-referrer,same-origin"),
    ],
)
def test_referrer_policy(value, expected):
    assert process(rf.get("/"), SECURE_REFERRER_POLICY=value).headers["Referrer-Policy"] == expected


def test_referrer_policy_off_and_not_overridden():
    assert "Referrer-Policy" not in process(rf.get("/"), SECURE_REFERRER_POLICY=None)
    existing = HttpResponse()
    existing.headers["Referrer-Policy"] = "unsafe-url"
    assert (
        process(rf.get("/"), existing, SECURE_REFERRER_POLICY="strict-origin").headers[
            "Referrer-Policy"
        ]
        == "unsafe-url"
    )


def test_cross_origin_opener_policy():
    assert process(rf.get("/")).headers["Cross-Origin-Opener-Policy"] == "same-origin"
    response = process(rf.get("/"), SECURE_CROSS_ORIGIN_OPENER_POLICY="same-origin-allow-popups")
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin-allow-popups"
    assert "Cross-Origin-Opener-Policy" not in process(
        rf.get("/"), SECURE_CROSS_ORIGIN_OPENER_POLICY=None
    )


def test_ssl_redirect():
    response = process(rf.get("/some/url?query=string"), SECURE_SSL_REDIRECT=True)
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/some/url?query=string"


def test_no_redirect_when_secure_or_off():
    assert process(secure_get(), SECURE_SSL_REDIRECT=True).status_code == 200
    assert process(rf.get("/"), SECURE_SSL_REDIRECT=False).status_code == 200


def test_redirect_exempt():
    response = process(
        rf.get("/extra/url"), SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=["^extra/"]
    )
    assert response.status_code == 200
    response = process(
        rf.get("/other/url"), SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=["^extra/"]
    )
    assert response.status_code == 301


def test_redirect_ssl_host():
    response = process(
        rf.get("/some/url"), SECURE_SSL_REDIRECT=True, SECURE_SSL_HOST="secure.example.com"
    )
    assert response["Location"] == "https://secure.example.com/some/url"


def test_async_mode():
    async def get_response(request):
        return HttpResponse()

    with override_settings(SECURE_HSTS_SECONDS=10):
        middleware = SecurityMiddleware(get_response)
    response = asyncio.run(middleware(secure_get()))
    assert response.headers["Strict-Transport-Security"] == "max-age=10"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
