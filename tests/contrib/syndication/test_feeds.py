"""Feed views through the test client: RSS and Atom parsed and compared field by field."""

from __future__ import annotations

import datetime
import sys
import types
import xml.etree.ElementTree as ET

import pytest

from nuages.contrib.syndication.views import Feed, add_domain
from nuages.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from nuages.test import Client
from nuages.test.utils import override_settings
from nuages.urls import path
from nuages.utils import feedgenerator

URLCONF = "w18_syndication_urls"
ATOM = "{http://www.w3.org/2005/Atom}"


class Entry:
    def __init__(self, pk, title, published, updated=None):
        self.pk = pk
        self.title = title
        self.published = published
        self.updated = updated or published

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/blog/{self.pk}/"


ENTRIES = [
    Entry(1, "My first entry", datetime.datetime(1980, 1, 1, 12, 30)),
    Entry(2, "My second <entry>", datetime.datetime(2008, 1, 2, 12, 30)),
    Entry(3, "My third entry", datetime.datetime(2008, 1, 2, 13, 30)),
]


class NotFound(ObjectDoesNotExist):
    pass


class RssFeed(Feed):
    title = "My blog"
    description = "A more thorough description of my blog."
    link = "/blog/"
    feed_guid = "/foo/bar/1234"
    author_name = "Sally Smith"
    author_email = "test@example.com"
    author_link = "http://www.example.com/"
    categories = ("python", "django")
    feed_copyright = "Copyright (c) 2007, Sally Smith"
    ttl = 600

    def items(self):
        return ENTRIES

    def item_description(self, item):
        return f"Overridden description: {item}"

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated

    def item_comments(self, item):
        return f"{item.get_absolute_url()}comments"

    item_author_name = "Sally Smith"
    item_author_email = "test@example.com"
    item_author_link = "http://www.example.com/"
    item_categories = ("python", "testing")
    item_copyright = "Copyright (c) 2007, Sally Smith"


class AtomFeed(RssFeed):
    feed_type = feedgenerator.Atom1Feed
    subtitle = RssFeed.description


class EnclosureFeed(RssFeed):
    def item_enclosure_url(self, item):
        return f"http://example.com/{item.pk}.mp3"

    item_enclosure_length = 32000
    item_enclosure_mime_type = "audio/mpeg"


class ObjectFeed(Feed):
    link = "/blog/"

    def get_object(self, request, pk):
        if pk == "0":
            raise NotFound
        return int(pk)

    def title(self, obj):
        return f"Entry {obj}"

    def description(self):
        return "no argument"

    def items(self, obj):
        return [e for e in ENTRIES if e.pk == obj]

    def item_link(self, item):
        return f"https://other.example.org/e/{item.pk}/"


class NoLinkFeed(Feed):
    title = description = "x"
    link = "/"

    def items(self):
        return [object()]


class TemplateFeed(RssFeed):
    title_template = "w18/title.html"
    description_template = "w18/description.html"


class Userland(RssFeed):
    feed_type = feedgenerator.RssUserland091Feed


@pytest.fixture(autouse=True)
def urls():
    module = types.ModuleType(URLCONF)
    module.urlpatterns = [
        path("feeds/rss/", RssFeed()),
        path("feeds/atom/", AtomFeed()),
        path("feeds/enclosure/", EnclosureFeed()),
        path("feeds/object/<pk>/", ObjectFeed()),
        path("feeds/nolink/", NoLinkFeed()),
        path("feeds/template/", TemplateFeed()),
        path("feeds/userland/", Userland()),
    ]
    sys.modules[URLCONF] = module
    templates = [
        {
            "BACKEND": "nuages.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "nuages.template.loaders.locmem.Loader",
                        {
                            "w18/title.html": "Title: {{ obj.title }} on {{ site.domain }}",
                            "w18/description.html": "Description: {{ obj }}",
                        },
                    )
                ]
            },
        }
    ]
    with override_settings(ROOT_URLCONF=URLCONF, TEMPLATES=templates, MIDDLEWARE=[]):
        yield
    sys.modules.pop(URLCONF, None)


def fetch(url):
    response = Client().get(url)
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def test_rss_feed():
    response, rss = fetch("/feeds/rss/")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert response["Last-Modified"] == "Wed, 02 Jan 2008 13:30:00 GMT"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<rss ')
    assert rss.get("version") == "2.0"
    (channel,) = rss.findall("channel")
    assert channel.findtext("title") == "My blog"
    assert channel.findtext("link") == "http://testserver/blog/"
    assert channel.findtext("description") == "A more thorough description of my blog."
    assert channel.find(ATOM + "link").attrib == {
        "href": "http://testserver/feeds/rss/",
        "rel": "self",
    }
    assert channel.findtext("language") == "en-us"
    assert [c.text for c in channel.findall("category")] == ["python", "django"]
    assert channel.findtext("copyright") == "Copyright (c) 2007, Sally Smith"
    assert channel.findtext("lastBuildDate") == "Wed, 02 Jan 2008 13:30:00 +0000"
    assert channel.findtext("ttl") == "600"
    items = channel.findall("item")
    assert len(items) == 3
    first = items[0]
    assert first.findtext("title") == "My first entry"
    assert first.findtext("link") == "http://testserver/blog/1/"
    assert first.findtext("description") == "Overridden description: My first entry"
    assert first.findtext("author") == "test@example.com (Sally Smith)"
    assert first.findtext("pubDate") == "Tue, 01 Jan 1980 12:30:00 +0000"
    assert first.findtext("comments") == "/blog/1/comments"
    assert first.findtext("guid") == "http://testserver/blog/1/"
    assert [c.text for c in first.findall("category")] == ["python", "testing"]
    # item_title escapes the item's text; the XML escapes it again.
    assert items[1].findtext("title") == "My second &lt;entry&gt;"


def test_atom_feed():
    response, feed = fetch("/feeds/atom/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert feed.tag == ATOM + "feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-us"
    assert feed.findtext(ATOM + "title") == "My blog"
    links = [link.attrib for link in feed.findall(ATOM + "link")]
    assert links == [
        {"rel": "alternate", "href": "http://testserver/blog/"},
        {"rel": "self", "href": "http://testserver/feeds/atom/"},
    ]
    assert feed.findtext(ATOM + "id") == "/foo/bar/1234"
    assert feed.findtext(ATOM + "updated") == "2008-01-02T13:30:00+00:00"
    author = feed.find(ATOM + "author")
    assert author.findtext(ATOM + "name") == "Sally Smith"
    assert author.findtext(ATOM + "email") == "test@example.com"
    assert author.findtext(ATOM + "uri") == "http://www.example.com/"
    assert feed.findtext(ATOM + "subtitle") == "A more thorough description of my blog."
    assert [c.get("term") for c in feed.findall(ATOM + "category")] == ["python", "django"]
    assert feed.findtext(ATOM + "rights") == "Copyright (c) 2007, Sally Smith"
    entries = feed.findall(ATOM + "entry")
    assert len(entries) == 3
    entry = entries[0]
    assert entry.findtext(ATOM + "title") == "My first entry"
    assert entry.find(ATOM + "link").attrib == {
        "href": "http://testserver/blog/1/",
        "rel": "alternate",
    }
    assert entry.findtext(ATOM + "published") == "1980-01-01T12:30:00+00:00"
    assert entry.findtext(ATOM + "updated") == "1980-01-01T12:30:00+00:00"
    assert entry.findtext(ATOM + "id") == "http://testserver/blog/1/"
    summary = entry.find(ATOM + "summary")
    assert (summary.get("type"), summary.text) == (
        "html",
        "Overridden description: My first entry",
    )
    assert entry.findtext(ATOM + "rights") == "Copyright (c) 2007, Sally Smith"


def test_enclosure():
    _response, rss = fetch("/feeds/enclosure/")
    enclosure = rss.find("channel/item/enclosure")
    assert enclosure.attrib == {
        "url": "http://example.com/1.mp3",
        "length": "32000",
        "type": "audio/mpeg",
    }


def test_object_feed_and_hooks_with_or_without_argument():
    response, rss = fetch("/feeds/object/2/")
    assert "Last-Modified" not in response
    channel = rss.find("channel")
    assert channel.findtext("title") == "Entry 2"
    assert channel.findtext("description") == "no argument"
    (item,) = channel.findall("item")
    # Absolute links are kept as they are.
    assert item.findtext("link") == "https://other.example.org/e/2/"
    # Without item_description, the item's text.
    assert item.findtext("description") == "My second <entry>"


def test_get_object_not_found_is_404():
    assert Client().get("/feeds/object/0/").status_code == 404


def test_item_without_get_absolute_url():
    with pytest.raises(ImproperlyConfigured, match="Give your object class a get_absolute_url"):
        Client(raise_request_exception=True).get("/feeds/nolink/")


def test_title_and_description_templates():
    _response, rss = fetch("/feeds/template/")
    item = rss.find("channel/item")
    assert item.findtext("title") == "Title: My first entry on testserver"
    assert item.findtext("description") == "Description: My first entry"


def test_userland_feed():
    _response, rss = fetch("/feeds/userland/")
    assert rss.get("version") == "0.91"
    item = rss.find("channel/item")
    assert [child.tag for child in item] == ["title", "link", "description"]


def test_secure_request_links():
    response = Client().get("/feeds/rss/", secure=True)
    rss = ET.fromstring(response.content)
    assert rss.findtext("channel/link") == "https://testserver/blog/"


def test_add_domain():
    assert add_domain("example.com", "/foo/") == "http://example.com/foo/"
    assert add_domain("example.com", "/foo/", True) == "https://example.com/foo/"
    assert add_domain("example.com", "//cdn.org/a") == "http://cdn.org/a"
    assert add_domain("example.com", "https://x.org/") == "https://x.org/"
    assert add_domain("example.com", "mailto:a@b.c") == "mailto:a@b.c"
    assert add_domain("example.com", "/fo\u00f3/") == "http://example.com/fo%C3%B3/"
