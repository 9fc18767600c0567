"""The default CSRF failure view and requires_csrf_token on the error views."""

import pytest

from nuages.http import Http404
from nuages.middleware.csrf import REASON_NO_CSRF_COOKIE, REASON_NO_REFERER
from nuages.template.exceptions import TemplateDoesNotExist
from nuages.test import RequestFactory, override_settings
from nuages.views.csrf import CSRF_FAILURE_TEMPLATE_NAME, csrf_failure
from nuages.views.defaults import page_not_found

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


def test_builtin_page_hides_reason_without_debug():
    response = csrf_failure(rf.post("/"), reason="CSRF token missing.")
    assert response.status_code == 403
    assert response["Content-Type"] == "text/html; charset=utf-8"
    content = response.content.decode()
    assert "CSRF verification failed. Request aborted." in content
    assert "CSRF token missing." not in content
    assert "More information is available with DEBUG=True." in content


def test_builtin_page_shows_escaped_reason_in_debug():
    with override_settings(DEBUG=True):
        response = csrf_failure(rf.post("/"), reason="Origin <b> bad.")
    content = response.content.decode()
    assert "Reason given for failure:" in content
    assert "Origin &lt;b&gt; bad." in content


def test_builtin_page_hints():
    no_cookie = csrf_failure(rf.post("/"), reason=REASON_NO_CSRF_COOKIE).content.decode()
    assert "requires a CSRF cookie" in no_cookie
    no_referer = csrf_failure(rf.post("/"), reason=REASON_NO_REFERER).content.decode()
    assert "Referer header" in no_referer


def test_403_csrf_template_used():
    templates = {
        CSRF_FAILURE_TEMPLATE_NAME: "{{ reason }}|{{ no_cookie }}|{{ no_referer }}|{{ main }}"
    }
    with override_settings(TEMPLATES=locmem(templates)):
        response = csrf_failure(rf.post("/"), reason=REASON_NO_CSRF_COOKIE)
    assert response.status_code == 403
    assert response.content.decode() == (
        "CSRF cookie not set.|True|False|CSRF verification failed. Request aborted."
    )


def test_missing_custom_template_raises():
    with pytest.raises(TemplateDoesNotExist):
        csrf_failure(rf.post("/"), template_name="nope.html")


def test_error_views_provide_csrf_token():
    templates = {"404.html": "<form>{% csrf_token %}</form>"}
    with override_settings(TEMPLATES=locmem(templates)):
        response = page_not_found(rf.get("/missing/"), Http404())
    content = response.content.decode()
    assert 'name="csrfmiddlewaretoken" value="' in content
    assert "csrftoken" in response.cookies
