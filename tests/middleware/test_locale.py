import asyncio
import json
import sys
import types

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from nuages.conf.urls.i18n import i18n_patterns, is_language_prefix_patterns_used
from nuages.http import HttpResponse, HttpResponseNotFound
from nuages.middleware.locale import LocaleMiddleware
from nuages.test.client import RequestFactory
from nuages.test.utils import override_settings
from nuages.urls import path
from nuages.utils import translation
from nuages.views.i18n import JavaScriptCatalog, JSONCatalog, set_language

LANGUAGES = [("en", "English"), ("de", "German"), ("fr", "French"), ("pt-br", "Portuguese")]


def page(request):
    return HttpResponse(f"lang={translation.get_language()}")


def _urlconf(name, patterns):
    module = types.ModuleType(name)
    module.urlpatterns = patterns
    sys.modules[name] = module
    return name


@pytest.fixture
def urlconfs():
    names = {
        "plain": _urlconf("h7_plain_urls", [path("page/", page), path("setlang/", set_language)]),
        "prefixed": _urlconf(
            "h7_prefixed_urls", [path("plain/", page), *i18n_patterns(path("page/", page))]
        ),
        "unprefixed_default": _urlconf(
            "h7_unprefixed_urls", i18n_patterns(path("page/", page), prefix_default_language=False)
        ),
    }
    with override_settings(LANGUAGES=LANGUAGES, LANGUAGE_CODE="en"):
        yield names
    for name in names.values():
        sys.modules.pop(name, None)
    is_language_prefix_patterns_used.cache_clear()
    translation.deactivate()


rf = RequestFactory()


def run(request, urlconf, view=page):
    request.urlconf = urlconf
    middleware = LocaleMiddleware(lambda req: view(req))
    return middleware(request)


def test_accept_language_activates_and_sets_headers(urlconfs):
    request = rf.get("/page/", HTTP_ACCEPT_LANGUAGE="de-at,de;q=0.9")
    response = run(request, urlconfs["plain"])
    assert request.LANGUAGE_CODE == "de"
    assert response.content == b"lang=de"
    assert response.headers["Content-Language"] == "de"
    assert "Accept-Language" in response.headers["Vary"]


def test_cookie_wins_over_header(urlconfs):
    request = rf.get("/page/", HTTP_ACCEPT_LANGUAGE="de")
    request.COOKIES["django_language"] = "fr"
    run(request, urlconfs["plain"])
    assert request.LANGUAGE_CODE == "fr"


def test_unknown_language_falls_back_to_language_code(urlconfs):
    request = rf.get("/page/", HTTP_ACCEPT_LANGUAGE="xx, yy;q=0.5")
    response = run(request, urlconfs["plain"])
    assert request.LANGUAGE_CODE == "en"
    assert response.headers["Content-Language"] == "en"


def test_existing_content_language_is_kept(urlconfs):
    def view(request):
        response = HttpResponse("x")
        response.headers["Content-Language"] = "es"
        return response

    response = run(rf.get("/page/", HTTP_ACCEPT_LANGUAGE="de"), urlconfs["plain"], view)
    assert response.headers["Content-Language"] == "es"


def test_language_prefix_in_path(urlconfs):
    assert is_language_prefix_patterns_used(urlconfs["prefixed"]) == (True, True)
    assert is_language_prefix_patterns_used(urlconfs["plain"]) == (False, False)
    request = rf.get("/fr/page/", HTTP_ACCEPT_LANGUAGE="de")
    response = run(request, urlconfs["prefixed"])
    assert request.LANGUAGE_CODE == "fr"
    assert response.headers["Content-Language"] == "fr"
    assert "Vary" not in response.headers  # the URL alone decides


def test_missing_prefix_redirects(urlconfs):
    not_found = lambda request: HttpResponseNotFound("nope")  # noqa: E731
    request = rf.get("/page/?q=1", HTTP_ACCEPT_LANGUAGE="de")
    response = run(request, urlconfs["prefixed"], not_found)
    assert response.status_code == 302
    assert response["Location"] == "/de/page/?q=1"
    assert "Accept-Language" in response.headers["Vary"] and "Cookie" in response.headers["Vary"]
    # Without the trailing slash: redirected with it when APPEND_SLASH is on.
    response = run(rf.get("/page", HTTP_ACCEPT_LANGUAGE="de"), urlconfs["prefixed"], not_found)
    assert response["Location"] == "/de/page/"
    # A path that does not exist under the prefix either stays a 404.
    response = run(rf.get("/nothing/", HTTP_ACCEPT_LANGUAGE="de"), urlconfs["prefixed"], not_found)
    assert response.status_code == 404


def test_unprefixed_default_language(urlconfs):
    assert is_language_prefix_patterns_used(urlconfs["unprefixed_default"]) == (True, False)
    request = rf.get("/page/", HTTP_ACCEPT_LANGUAGE="de")
    run(request, urlconfs["unprefixed_default"])
    assert request.LANGUAGE_CODE == "en"
    request = rf.get("/de/page/")
    run(request, urlconfs["unprefixed_default"])
    assert request.LANGUAGE_CODE == "de"


def test_i18n_patterns_without_i18n(urlconfs):
    pattern = path("x/", page)
    with override_settings(USE_I18N=False):
        assert i18n_patterns(pattern) == [pattern]


def test_async_requests_are_isolated(urlconfs):
    async def view(request):
        await asyncio.sleep(0.01)
        return HttpResponse(f"lang={translation.get_language()}")

    middleware = LocaleMiddleware(view)

    async def one(lang):
        request = rf.get("/page/", HTTP_ACCEPT_LANGUAGE=lang)
        request.urlconf = urlconfs["plain"]
        return await middleware(request)

    async def main():
        return await asyncio.gather(one("de"), one("fr"))

    de, fr = asyncio.run(main())
    assert (de.content, fr.content) == (b"lang=de", b"lang=fr")
    assert (de["Content-Language"], fr["Content-Language"]) == ("de", "fr")


def test_set_language(urlconfs):
    with override_settings(ROOT_URLCONF=urlconfs["plain"]):
        request = rf.post("/setlang/", {"language": "de", "next": "/page/"})
        response = set_language(request)
        assert response.status_code == 302
        assert response["Location"] == "/page/"
        assert response.cookies["django_language"].value == "de"
        # An unsafe next falls back to the referer, then to '/'.
        request = rf.post(
            "/setlang/", {"language": "fr", "next": "https://evil.example/"}, HTTP_REFERER="/page/"
        )
        assert set_language(request)["Location"] == "/page/"
        request = rf.post("/setlang/", {"language": "fr", "next": "https://evil.example/"})
        assert set_language(request)["Location"] == "/"
        # An unknown language sets no cookie.
        response = set_language(rf.post("/setlang/", {"language": "xx", "next": "/"}))
        assert "django_language" not in response.cookies
        # No next and not asking for HTML: 204.
        response = set_language(
            rf.post("/setlang/", {"language": "de"}, HTTP_ACCEPT="application/json")
        )
        assert response.status_code == 204
        assert response.cookies["django_language"].value == "de"
        # GET only redirects.
        response = set_language(rf.get("/setlang/", {"language": "de", "next": "/page/"}))
        assert response.status_code == 302 and "django_language" not in response.cookies


@pytest.fixture
def js_catalog(tmp_path):
    catalog = Catalog(locale="fr", domain="djangojs")
    catalog._num_plurals = 2
    catalog._plural_expr = "(n > 1)"
    catalog.add("Hello", "Bonjour")
    catalog.add(("%s item", "%s items"), ("%s élément", "%s éléments"))
    target = tmp_path / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(target / "djangojs.mo", "wb") as fp:
        write_mo(fp, catalog)
    with override_settings(LOCALE_PATHS=[str(tmp_path)]), translation.override("fr"):
        yield


def test_json_catalog(js_catalog):
    response = JSONCatalog.as_view()(rf.get("/jsoni18n/"))
    data = json.loads(response.content)
    assert data["catalog"] == {"Hello": "Bonjour", "%s item": ["%s élément", "%s éléments"]}
    assert data["plural"] == "(n > 1)"
    assert data["formats"]["DECIMAL_SEPARATOR"] == ","
    assert data["formats"]["DATE_INPUT_FORMATS"][0] == "%d/%m/%Y"


def test_javascript_catalog(js_catalog):
    response = JavaScriptCatalog.as_view()(rf.get("/jsi18n/"))
    assert response["Content-Type"] == 'text/javascript; charset="utf-8"'
    body = response.content.decode()
    assert '"Hello": "Bonjour"' in body
    assert "const v = ((n > 1));" in body
    assert "django.gettext = function" in body


def test_javascript_catalog_unknown_package(js_catalog):
    with pytest.raises(
        ValueError, match="Invalid package\\(s\\) provided to JavaScriptCatalog: nope"
    ):
        JavaScriptCatalog.as_view(packages=["nope"])(rf.get("/jsi18n/"))


def test_javascript_catalog_english_has_default_plural():
    with translation.override("en"):
        data = json.loads(JSONCatalog.as_view()(rf.get("/jsoni18n/")).content)
    assert data["catalog"] == {}
    assert data["plural"] is None
