"""utils.feedgenerator: dates, tag URIs, stylesheets and the exact XML of small feeds."""

from __future__ import annotations

import datetime

import pytest

from nuages.utils import feedgenerator
from nuages.utils.feedgenerator import (
    Atom1Feed,
    Enclosure,
    Rss201rev2Feed,
    Stylesheet,
    get_tag_uri,
    rfc2822_date,
    rfc3339_date,
)

UTC_DATE = datetime.datetime(2008, 11, 14, 13, 37, 0, tzinfo=datetime.UTC)
PLUS_2 = datetime.timezone(datetime.timedelta(hours=2))


def test_rfc2822_date():
    assert rfc2822_date(UTC_DATE) == "Fri, 14 Nov 2008 13:37:00 +0000"
    assert rfc2822_date(UTC_DATE.replace(tzinfo=PLUS_2)) == "Fri, 14 Nov 2008 13:37:00 +0200"
    assert rfc2822_date(datetime.datetime(2008, 11, 14, 13, 37)) == (
        "Fri, 14 Nov 2008 13:37:00 -0000"
    )
    assert rfc2822_date(datetime.date(2008, 11, 14)) == "Fri, 14 Nov 2008 00:00:00 -0000"


def test_rfc3339_date():
    assert rfc3339_date(UTC_DATE) == "2008-11-14T13:37:00+00:00"
    assert rfc3339_date(UTC_DATE.replace(tzinfo=PLUS_2)) == "2008-11-14T13:37:00+02:00"
    assert rfc3339_date(datetime.datetime(2008, 11, 14, 13, 37)) == "2008-11-14T13:37:00Z"
    assert rfc3339_date(datetime.date(2008, 11, 14)) == "2008-11-14T00:00:00Z"


def test_get_tag_uri():
    assert get_tag_uri("http://example.org/foo/bar#headline", datetime.date(2004, 10, 25)) == (
        "tag:example.org,2004-10-25:/foo/bar/headline"
    )
    assert get_tag_uri("http://www.example.org:8000/2008/11/14/nuages#headline", None) == (
        "tag:www.example.org:/2008/11/14/nuages/headline"
    )


def test_rss_exact_output():
    feed = Rss201rev2Feed("Title & co", "http://example.com/", "Desc", language="en")
    feed.add_item(
        "Item <1>",
        "http://example.com/1/",
        "Body",
        pubdate=UTC_DATE,
        unique_id="urn:1",
        unique_id_is_permalink=False,
        categories=["a", "b"],
    )
    assert feed.writeString("utf-8") == (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        "<title>Title &amp; co</title><link>http://example.com/</link>"
        "<description>Desc</description><language>en</language>"
        "<lastBuildDate>Fri, 14 Nov 2008 13:37:00 +0000</lastBuildDate>"
        "<item><title>Item &lt;1&gt;</title><link>http://example.com/1/</link>"
        "<description>Body</description><pubDate>Fri, 14 Nov 2008 13:37:00 +0000</pubDate>"
        '<guid isPermaLink="false">urn:1</guid><category>a</category><category>b</category>'
        "</item></channel></rss>"
    )
    assert feed.num_items() == 1
    assert feed.content_type == "application/rss+xml; charset=utf-8"


def test_rss_authors():
    feed = Rss201rev2Feed("T", "http://e.com/", "D")
    feed.add_item("1", "http://e.com/1", "", author_email="a@e.com")
    feed.add_item("2", "http://e.com/2", "", author_name="Ann")
    xml = feed.writeString("utf-8")
    assert "<author>a@e.com</author>" in xml
    assert '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Ann</dc:creator>' in xml


def test_rss_single_enclosure_only():
    feed = Rss201rev2Feed("T", "http://e.com/", "D")
    enclosure = Enclosure("http://e.com/a.mp3", "10", "audio/mpeg")
    feed.add_item("1", "http://e.com/1", "", enclosures=[enclosure, enclosure])
    with pytest.raises(ValueError, match="only have one enclosure"):
        feed.writeString("utf-8")


def test_atom_exact_output():
    feed = Atom1Feed("T", "http://example.com/", "D", feed_url="http://example.com/atom/")
    feed.add_item(
        "One",
        "http://example.com/1/",
        "<p>Body</p>",
        pubdate=UTC_DATE,
        enclosures=[Enclosure("http://example.com/a.mp3", "10", "audio/mpeg")],
    )
    assert feed.writeString("utf-8") == (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        '<link href="http://example.com/" rel="alternate"/>'
        '<link href="http://example.com/atom/" rel="self"/><id>http://example.com/</id>'
        "<updated>2008-11-14T13:37:00+00:00</updated>"
        '<entry><title>One</title><link href="http://example.com/1/" rel="alternate"/>'
        "<published>2008-11-14T13:37:00+00:00</published>"
        "<id>tag:example.com,2008-11-14:/1//</id>"
        '<summary type="html">&lt;p&gt;Body&lt;/p&gt;</summary>'
        '<link href="http://example.com/a.mp3" length="10" rel="enclosure" type="audio/mpeg"/>'
        "</entry></feed>"
    )


def test_latest_post_date():
    feed = Rss201rev2Feed("T", "http://e.com/", "D")
    before = datetime.datetime.now(datetime.UTC)
    assert feed.latest_post_date() >= before
    later = UTC_DATE + datetime.timedelta(days=1)
    feed.add_item("1", "http://e.com/1", "", pubdate=UTC_DATE, updateddate=later)
    feed.add_item("2", "http://e.com/2", "", pubdate=UTC_DATE)
    assert feed.latest_post_date() == later


def test_stylesheets():
    feed = Rss201rev2Feed(
        "T",
        "http://e.com/",
        "D",
        stylesheets=["/style.css", Stylesheet("/s.xsl", mimetype="text/xsl", media=None)],
    )
    xml = feed.writeString("utf-8")
    assert '<?xml-stylesheet href="/style.css" type="text/css" media="screen"?>' in xml
    assert '<?xml-stylesheet href="/s.xsl" type="text/xsl"?>' in xml
    with pytest.raises(TypeError, match="stylesheets should be a list"):
        Rss201rev2Feed("T", "http://e.com/", "D", stylesheets="/style.css")


def test_control_characters_refused():
    feed = Rss201rev2Feed("T\x0b", "http://e.com/", "D")
    with pytest.raises(feedgenerator.UnserializableContentError):
        feed.writeString("utf-8")


def test_extra_kwargs_kept():
    feed = Rss201rev2Feed("T", "http://e.com/", "D", extra="x")
    feed.add_item("1", "http://e.com/1", "", item_extra="y")
    assert feed.feed["extra"] == "x"
    assert feed.items[0]["item_extra"] == "y"
    assert feedgenerator.DefaultFeed is Rss201rev2Feed
