"""XFrameOptionsMiddleware and the xframe_options_* decorators."""

import asyncio

from nuages.http import HttpResponse
from nuages.middleware.clickjacking import XFrameOptionsMiddleware
from nuages.test import RequestFactory, override_settings
from nuages.views.decorators.clickjacking import (
    xframe_options_deny,
    xframe_options_exempt,
    xframe_options_sameorigin,
)

rf = RequestFactory()


def run(get_response=lambda r: HttpResponse()):
    return XFrameOptionsMiddleware(get_response)(rf.get("/"))


def test_default_deny():
    assert run()["X-Frame-Options"] == "DENY"


def test_setting_values_uppercased():
    with override_settings(X_FRAME_OPTIONS="sameorigin"):
        assert run()["X-Frame-Options"] == "SAMEORIGIN"
    with override_settings(X_FRAME_OPTIONS="DENY"):
        assert run()["X-Frame-Options"] == "DENY"


def test_existing_header_kept():
    def get_response(request):
        response = HttpResponse()
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    assert run(get_response)["X-Frame-Options"] == "SAMEORIGIN"


def test_exempt_decorator():
    @xframe_options_exempt
    def view(request):
        return HttpResponse()

    response = run(view)
    assert response.get("X-Frame-Options") is None
    assert response.xframe_options_exempt is True


def test_deny_and_sameorigin_decorators():
    @xframe_options_deny
    def deny(request):
        return HttpResponse()

    @xframe_options_sameorigin
    def same(request):
        return HttpResponse()

    assert deny(rf.get("/"))["X-Frame-Options"] == "DENY"
    assert same(rf.get("/"))["X-Frame-Options"] == "SAMEORIGIN"
    with override_settings(X_FRAME_OPTIONS="DENY"):
        assert run(same)["X-Frame-Options"] == "SAMEORIGIN"


def test_decorator_does_not_override_existing_header():
    @xframe_options_deny
    def view(request):
        response = HttpResponse()
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    assert view(rf.get("/"))["X-Frame-Options"] == "SAMEORIGIN"


def test_decorators_on_async_views():
    @xframe_options_sameorigin
    async def same(request):
        return HttpResponse()

    @xframe_options_exempt
    async def exempt(request):
        return HttpResponse()

    assert asyncio.run(same(rf.get("/")))["X-Frame-Options"] == "SAMEORIGIN"
    assert asyncio.run(exempt(rf.get("/"))).xframe_options_exempt is True


def test_get_xframe_options_value_override():
    class Custom(XFrameOptionsMiddleware):
        def get_xframe_options_value(self, request, response):
            return "SAMEORIGIN"

    assert Custom(lambda r: HttpResponse())(rf.get("/"))["X-Frame-Options"] == "SAMEORIGIN"
