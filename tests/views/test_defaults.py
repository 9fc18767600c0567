"""Default error views: templates when present, built-in pages otherwise."""

import pytest

from nuages.core.exceptions import PermissionDenied
from nuages.http import Http404
from nuages.template.exceptions import TemplateDoesNotExist
from nuages.test import Client, RequestFactory, override_settings
from nuages.views.defaults import bad_request, page_not_found, permission_denied, server_error

rf = RequestFactory()


def locmem(templates):
    return [
        {
            "BACKEND": "nuages.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("nuages.template.loaders.locmem.Loader", templates)]},
        }
    ]


@pytest.fixture(autouse=True)
def no_templates():
    with override_settings(TEMPLATES=locmem({})):
        yield


def test_page_not_found_fallback():
    response = page_not_found(rf.get("/nonexistent_url/"), Http404("x"))
    assert response.status_code == 404
    assert b"<h1>Not Found</h1>" in response.content
    assert b"<p>The requested resource was not found on this server.</p>" in response.content
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_server_error_fallback():
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"<h1>Server Error (500)</h1>" in response.content
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_bad_request_fallback():
    response = bad_request(rf.get("/"), Exception())
    assert response.status_code == 400
    assert b"<h1>Bad Request (400)</h1>" in response.content
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_permission_denied_fallback():
    response = permission_denied(rf.get("/"), PermissionDenied())
    assert response.status_code == 403
    assert b"<h1>403 Forbidden</h1>" in response.content
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_custom_templates():
    templates = {
        "404.html": "This is a test template for a 404 error (path: {{ request_path }}, exception: {{ exception }}).",
        "403.html": "This is a test template for a 403 error ({{ exception }}).",
        "400.html": "This is a test template for a 400 error.",
        "500.html": "This is a test template for a 500 error.",
    }
    with override_settings(TEMPLATES=locmem(templates)):
        response = page_not_found(rf.get("/server_error/"), Http404("Not found here"))
        assert response.content == (
            b"This is a test template for a 404 error (path: /server_error/, exception: Not found here)."
        )
        response = permission_denied(rf.get("/"), PermissionDenied("testing"))
        assert response.content == b"This is a test template for a 403 error (testing)."
        assert (
            bad_request(rf.get("/"), Exception()).content
            == b"This is a test template for a 400 error."
        )
        assert server_error(rf.get("/")).content == b"This is a test template for a 500 error."


def test_404_exception_repr_for_non_string_args():
    with override_settings(TEMPLATES=locmem({"404.html": "{{ exception }}|{{ request_path }}"})):
        assert (
            page_not_found(rf.get("/caf\u00e9 x/"), Http404()).content == b"Http404|/caf%C3%A9%20x/"
        )
        assert page_not_found(rf.get("/"), Http404({"path": "x"})).content == b"Http404|/"


def test_custom_template_name_missing_raises():
    with pytest.raises(TemplateDoesNotExist):
        page_not_found(rf.get("/"), Http404(), template_name="nonexistent.html")
    with pytest.raises(TemplateDoesNotExist):
        server_error(rf.get("/"), template_name="nonexistent.html")
    with pytest.raises(TemplateDoesNotExist):
        bad_request(rf.get("/"), Exception(), template_name="nonexistent.html")
    with pytest.raises(TemplateDoesNotExist):
        permission_denied(rf.get("/"), PermissionDenied(), template_name="nonexistent.html")


def test_default_handlers_through_the_client():
    with override_settings(ROOT_URLCONF="reqproj.urls", MIDDLEWARE=[], DEBUG=False):
        client = Client(raise_request_exception=False)
        assert client.get("/nowhere/").status_code == 404
        assert b"<h1>Not Found</h1>" in client.get("/404/").content
        assert client.get("/403/").status_code == 403
        assert client.get("/400/").status_code == 400
        response = client.get("/500/")
        assert response.status_code == 500
        assert b"<h1>Server Error (500)</h1>" in response.content
