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
    status, _, body = fetch(base + "/section/science/")
    assert status == 200 and "Compiled templates, measured" in body
    assert "Cumulus" not in body
    status, _, body = fetch(base + "/about/")
    assert status == 200 and "About the newsroom" in body
    assert fetch(base + "/section/sport/")[0] == 404
    status, headers, css = fetch(base + "/static/news/site.css")
    assert status == 200 and headers["content-type"].startswith("text/css") and ".brand" in css
