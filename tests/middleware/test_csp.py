"""ContentSecurityPolicyMiddleware, nuages.utils.csp, the csp decorators and context processor."""

import asyncio
import sys
import types

import pytest

from nuages.core.checks.security.csp import check_csp_settings
from nuages.http import HttpResponse
from nuages.middleware.csp import ContentSecurityPolicyMiddleware, get_nonce
from nuages.template import Engine, RequestContext
from nuages.template.context_processors import csp as csp_processor
from nuages.test import AsyncClient, Client, RequestFactory, override_settings
from nuages.urls import path
from nuages.utils.csp import CSP, LazyNonce, build_policy
from nuages.views.decorators.csp import csp_override, csp_report_only_override

rf = RequestFactory()
URLCONF = "w8_csp_urls"
POLICY = {"default-src": [CSP.SELF], "script-src": [CSP.SELF, CSP.NONCE]}


def plain_view(request):
    return HttpResponse("plain")


def nonce_view(request):
    engine = Engine(context_processors=["nuages.template.context_processors.csp"])
    template = engine.from_string('<script nonce="{{ csp_nonce }}">go()</script>')
    return HttpResponse(template.render(RequestContext(request)))


@csp_override({"default-src": [CSP.NONE]})
def override_view(request):
    return HttpResponse()


@csp_override({})
def disabled_view(request):
    return HttpResponse()


@csp_report_only_override({"img-src": ["https:"]})
async def async_ro_view(request):
    return HttpResponse()


def own_header_view(request):
    response = HttpResponse()
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


@pytest.fixture(autouse=True)
def urls():
    module = types.ModuleType(URLCONF)
    module.urlpatterns = [
        path("plain/", plain_view),
        path("nonce/", nonce_view),
        path("override/", override_view),
        path("disabled/", disabled_view),
        path("ro/", async_ro_view),
        path("own/", own_header_view),
    ]
    sys.modules[URLCONF] = module
    with override_settings(
        ROOT_URLCONF=URLCONF,
        MIDDLEWARE=["nuages.middleware.csp.ContentSecurityPolicyMiddleware"],
        SECURE_CSP=POLICY,
        SECURE_CSP_REPORT_ONLY={},
    ):
        yield
    sys.modules.pop(URLCONF, None)


# -- build_policy ---------------------------------------------------------------------------


def test_build_policy_values():
    config = {
        "default-src": [CSP.SELF, "https://cdn.example"],
        "img-src": {"https:", "data:"},
        "frame-ancestors": CSP.NONE,
        "upgrade-insecure-requests": True,
        "block-all-mixed-content": False,
        "sandbox": None,
        "style-src": (CSP.SELF, CSP.UNSAFE_INLINE),
    }
    assert build_policy(config) == (
        "default-src 'self' https://cdn.example; img-src data: https:; "
        "frame-ancestors 'none'; upgrade-insecure-requests; style-src 'self' 'unsafe-inline'"
    )


def test_build_policy_nonce():
    assert build_policy(POLICY, "abc") == "default-src 'self'; script-src 'self' 'nonce-abc'"
    assert build_policy(POLICY) == "default-src 'self'; script-src 'self'"
    # A directive left empty once the sentinel is removed is dropped.
    assert build_policy({"script-src": [CSP.NONCE]}) == ""


def test_csp_constants():
    assert CSP.SELF == "'self'"
    assert CSP.NONE == "'none'"
    assert CSP.STRICT_DYNAMIC == "'strict-dynamic'"
    assert CSP.UNSAFE_EVAL == "'unsafe-eval'"
    assert CSP.WASM_UNSAFE_EVAL == "'wasm-unsafe-eval'"
    assert CSP.HEADER_ENFORCE == "Content-Security-Policy"
    assert CSP.HEADER_REPORT_ONLY == "Content-Security-Policy-Report-Only"


def test_lazy_nonce():
    nonce = LazyNonce()
    assert not nonce
    value = str(nonce)
    assert nonce
    assert len(value) >= 22
    assert str(nonce) == value
    assert str(LazyNonce()) != value


# -- middleware -----------------------------------------------------------------------------


def test_headers_from_settings():
    with override_settings(SECURE_CSP_REPORT_ONLY={"default-src": [CSP.NONE]}):
        response = Client().get("/plain/")
    assert response["Content-Security-Policy"] == "default-src 'self'; script-src 'self'"
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'none'"


def test_no_header_for_empty_policy():
    with override_settings(SECURE_CSP={}):
        response = Client().get("/plain/")
    assert "Content-Security-Policy" not in response
    assert "Content-Security-Policy-Report-Only" not in response


def test_nonce_in_template_and_header():
    response = Client().get("/nonce/")
    nonce = response.content.decode().split('nonce="')[1].split('"')[0]
    assert len(nonce) >= 22
    assert response["Content-Security-Policy"] == (
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}'"
    )
    # A new nonce per request.
    assert nonce not in Client().get("/nonce/").content.decode()


def test_existing_header_kept():
    assert Client().get("/own/")["Content-Security-Policy"] == "default-src 'none'"


def test_overrides():
    client = Client()
    assert client.get("/override/")["Content-Security-Policy"] == "default-src 'none'"
    assert "Content-Security-Policy" not in client.get("/disabled/")


def test_report_only_override_async():
    async def main():
        return await AsyncClient().get("/ro/")

    response = asyncio.run(main())
    assert response["Content-Security-Policy-Report-Only"] == "img-src https:"
    assert response["Content-Security-Policy"] == "default-src 'self'; script-src 'self'"


def test_context_processor_and_get_nonce():
    request = rf.get("/")
    assert csp_processor(request) == {"csp_nonce": None}
    assert get_nonce(request) is None
    middleware = ContentSecurityPolicyMiddleware(plain_view)
    middleware.process_request(request)
    assert csp_processor(request)["csp_nonce"] is request._csp_nonce
    assert not request._csp_nonce  # not generated until used


def test_hooks_inline_under_asgi():
    async def view(request):
        return HttpResponse()

    middleware = ContentSecurityPolicyMiddleware(view)
    assert middleware._req_inline and middleware._resp_inline


# -- checks -----------------------------------------------------------------------------------


def test_check_csp_settings_types():
    assert check_csp_settings(None) == []
    with override_settings(SECURE_CSP="default-src 'self'", SECURE_CSP_REPORT_ONLY=[]):
        errors = check_csp_settings(None)
    assert [e.id for e in errors] == ["security.E026", "security.E026"]
    assert errors[0].msg == (
        "The SECURE_CSP setting must be a dict (got \"default-src 'self'\" instead)."
    )
