"""SimpleTemplateResponse and TemplateResponse: lazy rendering, callbacks, pickling, views."""

import pickle
import sys
import types

import pytest

from nuages.http import HttpResponse
from nuages.template import engines
from nuages.template.response import (
    ContentNotRenderedError,
    SimpleTemplateResponse,
    TemplateResponse,
)
from nuages.test import Client, RequestFactory, override_settings
from nuages.urls import path
from nuages.utils.deprecation import MiddlewareMixin

TEMPLATES = {
    "hello.html": "Hello {{ name }}!",
    "second.html": "Second {{ name }}",
    "req.html": "{{ request.path }}|{{ name }}|{% csrf_token %}",
    "mw.html": "{{ added }}/{{ name }}",
}


def locmem(templates=TEMPLATES, name=None, processors=()):
    backend = {
        "BACKEND": "nuages.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [("nuages.template.loaders.locmem.Loader", templates)],
            "context_processors": list(processors),
        },
    }
    if name:
        backend["NAME"] = name
    return backend


@pytest.fixture(autouse=True)
def templates():
    with override_settings(
        TEMPLATES=[
            locmem(processors=["nuages.template.context_processors.request"]),
            locmem({"hello.html": "Other engine {{ name }}"}, name="other"),
        ]
    ):
        yield


rf = RequestFactory()


# -- SimpleTemplateResponse ------------------------------------------------------------------
def test_render_sets_content_once():
    response = SimpleTemplateResponse("hello.html", {"name": "World"})
    assert response.is_rendered is False
    assert response.render() is response
    assert response.is_rendered is True
    assert response.content == b"Hello World!"
    # A second render() keeps the content even if the context changed.
    response.context_data["name"] = "Changed"
    response.render()
    assert response.content == b"Hello World!"


def test_rendered_content_does_not_render():
    response = SimpleTemplateResponse("hello.html", {"name": "A"})
    assert response.rendered_content == "Hello A!"
    assert response.is_rendered is False
    response.context_data["name"] = "B"
    assert response.rendered_content == "Hello B!"


@pytest.mark.parametrize("access", ["content", "iterate"])
def test_content_before_render_raises(access):
    response = SimpleTemplateResponse("hello.html", {})
    with pytest.raises(ContentNotRenderedError, match="must be rendered before it can be"):
        if access == "content":
            response.content
        else:
            list(response)


def test_setting_content_marks_rendered():
    response = SimpleTemplateResponse("hello.html", {"name": "x"})
    response.content = "replaced"
    assert response.is_rendered is True
    assert response.content == b"replaced"
    response.render()
    assert response.content == b"replaced"


def test_iteration_after_render():
    response = SimpleTemplateResponse("hello.html", {"name": "it"}).render()
    assert b"".join(response) == b"Hello it!"


def test_resolve_template_list_picks_first_existing():
    response = SimpleTemplateResponse(["missing.html", "second.html", "hello.html"], {"name": "n"})
    assert response.render().content == b"Second n"


def test_resolve_template_object_and_using():
    template = engines["django"].from_string("Object {{ name }}")
    assert SimpleTemplateResponse(template, {"name": "o"}).render().content == b"Object o"
    response = SimpleTemplateResponse("hello.html", {"name": "u"}, using="other")
    assert response.render().content == b"Other engine u"


def test_missing_template_raises_on_render_not_before():
    from nuages.template import TemplateDoesNotExist

    response = SimpleTemplateResponse("nope.html")
    with pytest.raises(TemplateDoesNotExist, match="nope.html"):
        response.render()


def test_status_content_type_headers_charset():
    response = SimpleTemplateResponse(
        "hello.html",
        {"name": "s"},
        content_type="text/plain",
        status=201,
        headers={"X-Foo": "bar"},
    )
    assert response.status_code == 201
    assert response["Content-Type"] == "text/plain"
    assert response["X-Foo"] == "bar"
    response = SimpleTemplateResponse("hello.html", {"name": "é"}, charset="latin-1").render()
    assert response.content == "Hello é!".encode("latin-1")


def test_post_render_callbacks_in_order_and_after_render():
    calls = []
    response = SimpleTemplateResponse("hello.html", {"name": "cb"})
    response.add_post_render_callback(lambda r: calls.append(("first", r.content)))
    response.add_post_render_callback(lambda r: calls.append(("second", r.is_rendered)))
    assert calls == []
    response.render()
    assert calls == [("first", b"Hello cb!"), ("second", True)]
    # Once rendered, a new callback runs at once.
    response.add_post_render_callback(lambda r: calls.append("late"))
    assert calls[-1] == "late"


def test_post_render_callback_may_replace_response():
    response = SimpleTemplateResponse("hello.html", {"name": "r"})
    replacement = HttpResponse("replacement")
    response.add_post_render_callback(lambda r: replacement)
    response.add_post_render_callback(lambda r: None)
    assert response.render() is replacement


def test_pickling_requires_render():
    response = SimpleTemplateResponse("hello.html", {"name": "p"})
    with pytest.raises(ContentNotRenderedError, match="rendered before it can be pickled"):
        pickle.dumps(response)


def test_pickling_drops_template_and_context():
    response = SimpleTemplateResponse("hello.html", {"name": "p"}, headers={"X-A": "1"})
    response.add_post_render_callback(lambda r: None)
    response.render()
    restored = pickle.loads(pickle.dumps(response))
    assert restored.content == b"Hello p!"
    assert restored["X-A"] == "1"
    for attr in ("template_name", "context_data", "_post_render_callbacks"):
        assert not hasattr(restored, attr)


# -- TemplateResponse ------------------------------------------------------------------------
def test_template_response_uses_request_and_processors():
    request = rf.get("/some/path/")
    response = TemplateResponse(request, "req.html", {"name": "tr"}).render()
    text = response.content.decode()
    assert text.startswith("/some/path/|tr|")
    # The csrf context processor is always on: the tag renders the hidden input.
    assert text.endswith('">')
    assert '|<input type="hidden" name="csrfmiddlewaretoken" value="' in text


def test_template_response_pickling_drops_request():
    response = TemplateResponse(rf.get("/"), "hello.html", {"name": "q"}).render()
    restored = pickle.loads(pickle.dumps(response))
    assert restored.content == b"Hello q!"
    assert not hasattr(restored, "_request")


def test_simple_template_response_has_no_request():
    response = SimpleTemplateResponse("req.html", {"name": "n"}).render()
    assert response.content.startswith(b"|n|")


# -- through a view, the client and process_template_response --------------------------------
def tr_view(request):
    return TemplateResponse(request, "mw.html", {"name": "view"})


class AddingMiddleware(MiddlewareMixin):
    def process_template_response(self, request, response):
        response.context_data["added"] = "middleware"
        return response


class SwappingMiddleware(MiddlewareMixin):
    def process_template_response(self, request, response):
        response.template_name = "hello.html"
        return response


_urls = types.ModuleType("nuages_test_template_response_urls")
_urls.urlpatterns = [path("tr/", tr_view)]
sys.modules[_urls.__name__] = _urls
_MW = "test_response_middleware"
_mw_module = types.ModuleType(_MW)
_mw_module.AddingMiddleware = AddingMiddleware
_mw_module.SwappingMiddleware = SwappingMiddleware
sys.modules[_MW] = _mw_module


@pytest.fixture
def test_environment():
    from nuages.test import _environment
    from nuages.test.utils import setup_test_environment, teardown_test_environment

    if _environment._State.saved is not None:
        yield
        return
    setup_test_environment()
    yield
    teardown_test_environment()


def test_view_through_client_with_process_template_response(test_environment):
    with override_settings(ROOT_URLCONF=_urls.__name__, MIDDLEWARE=[f"{_MW}.AddingMiddleware"]):
        response = Client().get("/tr/")
    assert response.status_code == 200
    assert response.content == b"middleware/view"
    assert [t.name for t in response.templates] == ["mw.html"]
    assert response.context["name"] == "view"


def test_process_template_response_can_change_template():
    with override_settings(ROOT_URLCONF=_urls.__name__, MIDDLEWARE=[f"{_MW}.SwappingMiddleware"]):
        response = Client().get("/tr/")
    assert response.content == b"Hello view!"
