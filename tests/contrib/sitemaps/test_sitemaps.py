"""Sitemap index and sections through the test client: entries, pages, 404s, headers."""

from __future__ import annotations

import datetime
import pathlib
import sys
import types
import xml.etree.ElementTree as ET

import pytest

import nuages.contrib.sitemaps
from nuages.contrib.sitemaps import GenericSitemap, Sitemap, views
from nuages.contrib.sites.requests import RequestSite
from nuages.core.exceptions import ImproperlyConfigured
from nuages.test import Client, RequestFactory
from nuages.test.utils import override_settings
from nuages.urls import path

URLCONF = "w18_sitemaps_urls"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
TEMPLATES_DIR = pathlib.Path(nuages.contrib.sitemaps.__file__).parent / "templates"


class Page:
    def __init__(self, slug, modified=None):
        self.slug = slug
        self.modified = modified

    def get_absolute_url(self):
        return f"/pages/{self.slug}/"


PAGES = [
    Page("a", datetime.datetime(2013, 3, 13, 10, 0)),
    Page("b", datetime.datetime(2013, 3, 14, 10, 0)),
    Page("c", datetime.datetime(2012, 1, 1, 10, 0)),
]


class PagesSitemap(Sitemap):
    changefreq = "never"
    priority = 0.5

    def items(self):
        return PAGES

    def lastmod(self, item):
        return item.modified


class UndatedSitemap(Sitemap):
    location = "/location/"

    def items(self):
        return [object()]


class SmallPages(PagesSitemap):
    limit = 2


class HttpsSitemap(UndatedSitemap):
    protocol = "https"


class I18nSitemap(Sitemap):
    i18n = True
    languages = ["en", "fr"]
    alternates = True
    x_default = True

    def items(self):
        return ["home"]

    def location(self, item):
        from nuages.utils.translation import get_language

        return f"/{get_language()}/{item}/"


SECTIONS = {"pages": PagesSitemap, "undated": UndatedSitemap()}


@pytest.fixture(autouse=True)
def urls():
    module = types.ModuleType(URLCONF)
    module.urlpatterns = [
        path("sitemap.xml", views.index, {"sitemaps": SECTIONS}),
        path("small.xml", views.index, {"sitemaps": {"pages": SmallPages}}),
        path("dated.xml", views.index, {"sitemaps": {"pages": PagesSitemap}}),
        path(
            "sitemap-<section>.xml",
            views.sitemap,
            {"sitemaps": {**SECTIONS, "small": SmallPages, "https": HttpsSitemap}},
            name="django.contrib.sitemaps.views.sitemap",
        ),
        path("all.xml", views.sitemap, {"sitemaps": SECTIONS}),
        path("i18n.xml", views.sitemap, {"sitemaps": {"i18n": I18nSitemap}}),
    ]
    sys.modules[URLCONF] = module
    templates = [
        {
            "BACKEND": "nuages.template.backends.django.DjangoTemplates",
            "DIRS": [str(TEMPLATES_DIR)],
        }
    ]
    with override_settings(ROOT_URLCONF=URLCONF, TEMPLATES=templates, MIDDLEWARE=[]):
        yield
    sys.modules.pop(URLCONF, None)


def get(url, status=200):
    response = Client().get(url)
    assert response.status_code == status
    return response


def test_index():
    response = get("/sitemap.xml")
    assert response["Content-Type"] == "application/xml"
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    # One section has no lastmod: no Last-Modified header.
    assert "Last-Modified" not in response
    root = ET.fromstring(response.content)
    assert root.tag == NS + "sitemapindex"
    entries = [(s.findtext(NS + "loc"), s.findtext(NS + "lastmod")) for s in root]
    assert entries == [
        ("http://testserver/sitemap-pages.xml", "2013-03-14T10:00:00"),
        ("http://testserver/sitemap-undated.xml", None),
    ]


def test_index_last_modified_and_pages():
    response = get("/dated.xml")
    assert response["Last-Modified"] == "Thu, 14 Mar 2013 10:00:00 GMT"
    root = ET.fromstring(get("/small.xml").content)
    assert [s.findtext(NS + "loc") for s in root] == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-pages.xml?p=2",
    ]


def test_section():
    response = get("/sitemap-pages.xml")
    assert response["Content-Type"] == "application/xml"
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert response["Last-Modified"] == "Thu, 14 Mar 2013 10:00:00 GMT"
    root = ET.fromstring(response.content)
    assert root.tag == NS + "urlset"
    urls = [
        {child.tag.removeprefix(NS): child.text for child in url}
        for url in root.findall(NS + "url")
    ]
    assert urls[0] == {
        "loc": "http://testserver/pages/a/",
        "lastmod": "2013-03-13",
        "changefreq": "never",
        "priority": "0.5",
    }
    assert [u["loc"] for u in urls] == [
        "http://testserver/pages/a/",
        "http://testserver/pages/b/",
        "http://testserver/pages/c/",
    ]


def test_section_without_lastmod():
    response = get("/sitemap-undated.xml")
    assert "Last-Modified" not in response
    (url,) = ET.fromstring(response.content)
    assert [child.tag for child in url] == [NS + "loc"]
    assert url.findtext(NS + "loc") == "http://testserver/location/"


def test_pagination_and_404s():
    root = ET.fromstring(get("/sitemap-small.xml?p=2").content)
    assert [u.findtext(NS + "loc") for u in root] == ["http://testserver/pages/c/"]
    get("/sitemap-small.xml?p=3", 404)
    get("/sitemap-small.xml?p=x", 404)
    get("/sitemap-nothing.xml", 404)


def test_all_sections_and_protocol():
    root = ET.fromstring(get("/all.xml").content)
    assert len(root) == 4
    loc = ET.fromstring(get("/sitemap-https.xml").content)[0].findtext(NS + "loc")
    assert loc == "https://testserver/location/"


def test_i18n_alternates():
    with override_settings(LANGUAGE_CODE="en"):
        root = ET.fromstring(get("/i18n.xml").content)
    urls = root.findall(NS + "url")
    assert [u.findtext(NS + "loc") for u in urls] == [
        "http://testserver/en/home/",
        "http://testserver/fr/home/",
    ]
    links = [link.attrib for link in urls[0].findall(XHTML + "link")]
    assert links == [
        {"rel": "alternate", "hreflang": "en", "href": "http://testserver/en/home/"},
        {"rel": "alternate", "hreflang": "fr", "href": "http://testserver/fr/home/"},
        {"rel": "alternate", "hreflang": "x-default", "href": "http://testserver/home/"},
    ]


def test_get_urls_and_latest_lastmod():
    site = RequestSite(RequestFactory().get("/"))
    urls = PagesSitemap().get_urls(site=site)
    assert urls[0]["location"] == "https://testserver/pages/a/"
    assert urls[0]["item"] is PAGES[0]
    assert PagesSitemap().get_latest_lastmod() == datetime.datetime(2013, 3, 14, 10, 0)
    assert UndatedSitemap().get_latest_lastmod() is None
    with pytest.raises(ImproperlyConfigured, match="To use sitemaps"):
        PagesSitemap().get_urls()


def test_generic_sitemap():
    class FakeQuerySet(list):
        def filter(self):
            return self

    sitemap = GenericSitemap(
        {"queryset": FakeQuerySet(PAGES), "date_field": "modified"},
        priority=0.7,
        changefreq="daily",
    )
    assert sitemap.items() == PAGES
    assert sitemap.lastmod(PAGES[1]) == PAGES[1].modified
    site = RequestSite(RequestFactory().get("/"))
    first = sitemap.get_urls(site=site, protocol="http")[0]
    assert (first["priority"], first["changefreq"]) == ("0.7", "daily")
    assert GenericSitemap({"queryset": FakeQuerySet()}).lastmod(PAGES[0]) is None
