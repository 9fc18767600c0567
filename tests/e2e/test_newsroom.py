"""The example site, served by its own manage.py runserver as `make demo` does."""

import re
import sys
from pathlib import Path

import pytest

from .conftest import fetch

pytestmark = pytest.mark.slow

NEWSROOM = Path(__file__).resolve().parents[2] / "examples" / "newsroom"


def test_newsroom_pages(start_server):
    server = start_server(
        [sys.executable, "manage.py", "runserver", "--noreload", "127.0.0.1:0"], NEWSROOM
    )
    match = None

    def banner():
        nonlocal match
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", server.output())
        return match is not None

    server.wait_until(banner, what="banner")
    base = f"http://127.0.0.1:{match.group(1)}"
    server.wait_for_url(base + "/")
    status, _, body = fetch(base + "/")
    assert status == 200 and "Today&#x27;s news" in body or "Today's news" in body
    assert "Cumulus spotted over the harbour" in body
    assert 'href="/static/news/site.css"' in body
    # Rendered from templates: base.html <- layout.html <- front.html, with block.super,
    # an include per teaser, {% url %} links, {% static %} and the app's own tags.
    assert '<html lang="en-us">' in body
    assert "<title>Today's news · Newsroom</title>" in body
    assert '<p class="count">5 stories in 3 sections.</p>' in body
    assert body.count('<li class="teaser">') == 5
    assert '<a class="kicker" href="/section/weather/">Weather</a>' in body
    assert "<small>1 min read</small>" in body
    assert '<a href="/section/science/">Science</a>' in body
    assert '<a href="/about/">About</a>' in body
    assert re.search(r"<footer>Served by nuages, \d{4}\.</footer>", body)
    status, _, body = fetch(base + "/section/science/")
    assert status == 200 and "Compiled templates, measured" in body
    assert "Cumulus" not in body
    assert "<title>Science · Newsroom</title>" in body
    assert '<a href="/section/science/" class="current">Science</a>' in body
    assert body.count('<li class="teaser">') == 2 and 'class="kicker"' not in body
    status, _, body = fetch(base + "/about/")
    assert status == 200 and "About the newsroom" in body
    assert "<title>About · Newsroom</title>" in body
    assert 'class="current"' not in body
    assert fetch(base + "/section/sport/")[0] == 404
    status, headers, css = fetch(base + "/static/news/site.css")
    assert status == 200 and headers["content-type"].startswith("text/css") and ".brand" in css
