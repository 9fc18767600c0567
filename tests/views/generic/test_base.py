"""View, TemplateView, RedirectView."""

import asyncio
import logging

import pytest

from nuages.core.exceptions import ImproperlyConfigured
from nuages.http import HttpResponse
from nuages.test import Client, RequestFactory, override_settings
from nuages.utils._async import is_async_callable
from nuages.utils.decorators import method_decorator
from nuages.views import View
from nuages.views.decorators.cache import never_cache
from nuages.views.generic import RedirectView, TemplateView

rf = RequestFactory()


class SimpleView(View):
    """A simple view with a docstring."""

    def get(self, request):
        return HttpResponse("This is a simple view")


class SimplePostView(SimpleView):
    post = SimpleView.get


class CustomizableView(SimpleView):
    parameter = {}


class AsyncView(View):
    async def get(self, request):
        return HttpResponse("async")


class MixedView(View):
    def get(self, request):
        return HttpResponse()

    async def post(self, request):
        return HttpResponse()


def test_get_only():
    view = SimpleView.as_view()
    assert view(rf.get("/")).content == b"This is a simple view"
    assert view(rf.head("/")).status_code == 200  # HEAD falls back to GET
    response = view(rf.post("/"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_get_and_post():
    view = SimplePostView.as_view()
    assert view(rf.post("/")).status_code == 200
    assert view(rf.put("/")).status_code == 405


def test_unknown_method_is_405(caplog):
    request = rf.get("/path/")
    request.method = "BREW"
    with caplog.at_level(logging.WARNING, "nuages.request"):
        response = SimpleView.as_view()(request)
    assert response.status_code == 405
    assert "Method Not Allowed (BREW): /path/" in [r.getMessage() for r in caplog.records]


def test_options():
    response = SimpleView.as_view()(rf.options("/"))
    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Content-Length"] == "0"


def test_head_not_added_when_defined():
    class HeadView(SimpleView):
        def head(self, request):
            return HttpResponse("head", status=299)

    assert HeadView.as_view()(rf.head("/")).status_code == 299


def test_as_view_rejects_bad_kwargs():
    with pytest.raises(
        TypeError,
        match=r"The method name get is not accepted as a keyword argument to SimpleView\(\).",
    ):
        SimpleView.as_view(get=None)
    with pytest.raises(
        TypeError,
        match=r"SimpleView\(\) received an invalid keyword 'foobar'. as_view only accepts arguments that are already attributes of the class.",
    ):
        SimpleView.as_view(foobar="x")


def test_initkwargs_and_attributes():
    view = CustomizableView.as_view(parameter={"a": 1})
    assert view.view_class is CustomizableView
    assert view.view_initkwargs == {"parameter": {"a": 1}}
    assert view.__doc__ == CustomizableView.__doc__
    assert view.__module__ == __name__
    assert not hasattr(view, "__wrapped__")


def test_as_view_only_on_class():
    with pytest.raises(AttributeError, match="only on the class"):
        SimpleView().as_view()


def test_setup_sets_attributes():
    captured = {}

    class Capture(View):
        def get(self, request, *args, **kwargs):
            captured.update(request=self.request, args=self.args, kwargs=self.kwargs)
            return HttpResponse()

    request = rf.get("/")
    Capture.as_view()(request, 1, pk=2)
    assert captured == {"request": request, "args": (1,), "kwargs": {"pk": 2}}


def test_overridden_setup_without_super():
    class Broken(SimpleView):
        def setup(self, request, *args, **kwargs):
            pass

    with pytest.raises(
        AttributeError,
        match=r"Broken instance has no 'request' attribute. Did you override setup\(\) and forget to call super\(\)\?",
    ):
        Broken.as_view()(rf.get("/"))


def test_dispatch_decorator_attributes_copied():
    class Decorated(SimpleView):
        @method_decorator(never_cache)
        def dispatch(self, request, *args, **kwargs):
            return super().dispatch(request, *args, **kwargs)

    Decorated.dispatch.custom_flag = True
    view = Decorated.as_view()
    assert view.custom_flag is True
    assert "no-store" in view(rf.get("/"))["Cache-Control"]


def test_async_view():
    assert AsyncView.view_is_async is True
    assert SimpleView.view_is_async is False
    view = AsyncView.as_view()
    assert is_async_callable(view)
    assert asyncio.run(view(rf.get("/"))).content == b"async"
    # 405 and OPTIONS answers are awaitable for async views.
    response = asyncio.run(view(rf.post("/")))
    assert response.status_code == 405
    response = asyncio.run(view(rf.options("/")))
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_mixed_sync_async_handlers():
    with pytest.raises(
        ImproperlyConfigured, match="MixedView HTTP handlers must either be all sync or all async."
    ):
        MixedView.as_view()


def test_view_without_handlers_is_sync():
    assert View.view_is_async is False


def test_async_view_through_the_client():
    with override_settings(ROOT_URLCONF="reqproj.urls_generic", MIDDLEWARE=[]):
        client = Client()
        assert client.get("/async/").content == b"async"
        assert client.get("/simple/").content == b"This is a simple view"
        assert client.post("/simple/").status_code == 405


def locmem(templates):
    return [
        {
            "BACKEND": "nuages.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("nuages.template.loaders.locmem.Loader", templates)]},
        }
    ]


class AboutView(TemplateView):
    template_name = "about.html"
    extra_context = {"title": "About"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["added"] = "yes"
        return context


def test_template_view():
    with override_settings(
        TEMPLATES=locmem(
            {"about.html": "{{ title }} {{ added }} {{ pk }} {{ view.template_name }}"}
        )
    ):
        response = AboutView.as_view()(rf.get("/"), pk=3)
        assert response.is_rendered is False
        response.render()
    assert response.content == b"About yes 3 about.html"
    assert response.template_name == ["about.html"]
    assert response.context_data["view"].__class__ is AboutView


def test_template_view_as_view_kwargs():
    with override_settings(TEMPLATES=locmem({"t.html": "x={{ x }}"})):
        response = TemplateView.as_view(
            template_name="t.html", extra_context={"x": 1}, content_type="text/plain"
        )(rf.get("/"))
        response.render()
    assert response.content == b"x=1"
    assert response["Content-Type"] == "text/plain"


def test_template_view_without_template_name():
    with pytest.raises(
        ImproperlyConfigured,
        match=r"TemplateResponseMixin requires either a definition of 'template_name' or an implementation of 'get_template_names\(\)'",
    ):
        TemplateView.as_view()(rf.get("/"))


def test_redirect_view_url():
    response = RedirectView.as_view(url="/bar/")(rf.get("/foo/"))
    assert response.status_code == 302
    assert response.url == "/bar/"
    assert RedirectView.as_view(url="/bar/", permanent=True)(rf.get("/foo/")).status_code == 301


def test_redirect_view_query_string_and_kwargs():
    assert RedirectView.as_view(url="/bar/")(rf.get("/foo/?pork=spam")).url == "/bar/"
    assert (
        RedirectView.as_view(url="/bar/", query_string=True)(rf.get("/foo/?pork=spam")).url
        == "/bar/?pork=spam"
    )
    assert (
        RedirectView.as_view(url="/bar/%(object_id)d/")(rf.get("/foo/42/"), object_id=42).url
        == "/bar/42/"
    )
    # A literal % is escaped as %%.
    assert RedirectView.as_view(url="/bar/%%20/")(rf.get("/")).url == "/bar/%20/"


def test_redirect_view_all_methods():
    view = RedirectView.as_view(url="/bar/")
    for method in ("head", "post", "options", "delete", "put", "patch"):
        assert getattr(view(getattr(rf, method)("/foo/")), "status_code") == 302


def test_redirect_view_gone(caplog):
    with caplog.at_level(logging.WARNING, "nuages.request"):
        response = RedirectView.as_view()(rf.get("/foo/"))
    assert response.status_code == 410
    assert "Gone: /foo/" in [r.getMessage() for r in caplog.records]


def test_redirect_view_pattern_name():
    with override_settings(ROOT_URLCONF="reqproj.urls"):
        response = RedirectView.as_view(pattern_name="item")(rf.get("/foo/"), pk=5)
        assert response.url == "/item/5/"
        response = RedirectView.as_view(pattern_name="item", query_string=True)(
            rf.get("/foo/?a=b"), pk=5
        )
        assert response.url == "/item/5/?a=b"
