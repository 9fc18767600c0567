"""nuages.shortcuts: render, redirect, resolve_url."""

import os
import sys

import pytest

from nuages.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from nuages.shortcuts import redirect, render, resolve_url
from nuages.template.exceptions import TemplateDoesNotExist
from nuages.test import RequestFactory, override_settings
from nuages.urls import NoReverseMatch, reverse_lazy
from nuages.utils.functional import lazystr

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "core", "handlers"))

from reqproj import views  # noqa: E402

rf = RequestFactory()


@pytest.fixture(autouse=True)
def project():
    templates = [
        {
            "BACKEND": "nuages.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    ("nuages.template.loaders.locmem.Loader", {"hello.html": "Hello {{ name }}!"})
                ]
            },
        }
    ]
    with override_settings(ROOT_URLCONF="reqproj.urls", TEMPLATES=templates):
        yield


def test_render():
    response = render(rf.get("/p/"), "hello.html", {"name": "World"})
    assert response.status_code == 200
    assert response.content == b"Hello World!"
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_render_content_type_and_status():
    response = render(
        rf.get("/"),
        "hello.html",
        {"name": "x"},
        content_type="application/x-rendertest",
        status=403,
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/x-rendertest"


def test_render_missing_template():
    with pytest.raises(TemplateDoesNotExist):
        render(rf.get("/"), "missing.html")


class Model:
    def get_absolute_url(self):
        return "/absolute/"


def test_redirect_variants():
    response = redirect("/some/url/")
    assert isinstance(response, HttpResponseRedirect)
    assert response.url == "/some/url/"
    assert redirect("hello").url == "/hello/"
    assert redirect("item", 4).url == "/item/4/"
    assert redirect("item", pk=5).url == "/item/5/"
    assert redirect(views.item, pk=6).url == "/item/6/"
    assert redirect(Model()).url == "/absolute/"
    assert redirect("http://example.com/").url == "http://example.com/"


def test_redirect_permanent_and_preserve_request():
    response = redirect("/x/", permanent=True)
    assert isinstance(response, HttpResponsePermanentRedirect)
    assert response.status_code == 301
    assert redirect("/x/", preserve_request=True).status_code == 307
    assert redirect("/x/", permanent=True, preserve_request=True).status_code == 308


def test_resolve_url():
    assert resolve_url("../path/") == "../path/"
    assert resolve_url("./path/") == "./path/"
    assert resolve_url(lazystr("/lazy/")) == "/lazy/"
    assert resolve_url(reverse_lazy("hello")) == "/hello/"
    assert resolve_url("example.com") == "example.com"
    with pytest.raises(NoReverseMatch):
        resolve_url("not-a-view-name")

    def unknown_view(request):
        pass

    with pytest.raises(NoReverseMatch):
        resolve_url(unknown_view)


class _DoesNotExist(Exception):
    pass


class _FakeModelMeta:
    object_name = "Article"


class _FakeQuerySet:
    """Just enough of a QuerySet for the 404 shortcuts."""

    def __init__(self, rows):
        self.rows = rows
        self.model = _FakeModel

    def all(self):
        return self

    def filter(self, **kwargs):
        return _FakeQuerySet([r for r in self.rows if all(r[k] == v for k, v in kwargs.items())])

    def get(self, **kwargs):
        found = self.filter(**kwargs).rows
        if not found:
            raise _DoesNotExist
        return found[0]

    async def aget(self, **kwargs):
        return self.get(**kwargs)

    def __iter__(self):
        return iter(self.rows)

    async def __aiter__(self):
        for row in self.rows:
            yield row


class _FakeModel:
    DoesNotExist = _DoesNotExist
    _meta = _FakeModelMeta()


_FakeModel._default_manager = _FakeQuerySet([{"pk": 1}, {"pk": 2}])


def test_get_object_or_404():
    from nuages.http import Http404
    from nuages.shortcuts import get_list_or_404, get_object_or_404

    assert get_object_or_404(_FakeModel, pk=2) == {"pk": 2}
    assert get_object_or_404(_FakeModel._default_manager, pk=1) == {"pk": 1}
    with pytest.raises(Http404, match=r"^No Article matches the given query\.$"):
        get_object_or_404(_FakeModel, pk=3)
    assert get_list_or_404(_FakeModel, pk=1) == [{"pk": 1}]
    with pytest.raises(Http404, match="No Article matches the given query."):
        get_list_or_404(_FakeModel, pk=3)
    with pytest.raises(ValueError) as excinfo:
        get_object_or_404("str")
    assert str(excinfo.value) == (
        "First argument to get_object_or_404() must be a Model, Manager, or QuerySet, not 'str'."
    )


def test_aget_object_or_404():
    import asyncio

    from nuages.http import Http404
    from nuages.shortcuts import aget_list_or_404, aget_object_or_404

    assert asyncio.run(aget_object_or_404(_FakeModel, pk=1)) == {"pk": 1}
    assert asyncio.run(aget_list_or_404(_FakeModel, pk=2)) == [{"pk": 2}]
    with pytest.raises(Http404):
        asyncio.run(aget_object_or_404(_FakeModel, pk=9))
