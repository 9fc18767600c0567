"""The ASGI and WSGI static file handlers that runserver puts in front of the project."""

import asyncio
import io
import os
from email.utils import formatdate

import pytest

from nuages.contrib.staticfiles.handlers import ASGIStaticFilesHandler, StaticFilesHandler
from nuages.core.exceptions import ImproperlyConfigured


async def downstream(scope, receive, send):
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/plain")],
        }
    )
    await send({"type": "http.response.body", "body": b"from the app"})


def call(app, path, method="GET", headers=()):
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": list(headers),
        "http_version": "1.1",
    }
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


def test_serves_found_file(static_site):
    status, headers, body = call(ASGIStaticFilesHandler(downstream), "/static/css/site.css")
    assert status == 200
    assert body == b"body { color: red }\n"
    assert headers["content-type"] == "text/css"
    assert headers["content-length"] == str(len(body))
    assert "last-modified" in headers


def test_passes_other_paths_on(static_site):
    assert call(ASGIStaticFilesHandler(downstream), "/news/") == (
        200,
        {"content-type": "text/plain"},
        b"from the app",
    )


def test_missing_file_and_directory_are_404(static_site):
    status, _, body = call(ASGIStaticFilesHandler(downstream), "/static/nope.css")
    assert status == 404 and b"could not be found" in body
    assert call(ASGIStaticFilesHandler(downstream), "/static/css/")[0] == 404
    assert call(ASGIStaticFilesHandler(downstream), "/static/../first/both.txt")[0] in (404, 200)
    (static_site / "outside.txt").write_text("x")
    assert call(ASGIStaticFilesHandler(downstream), "/static/../outside.txt")[0] == 404


def test_head_and_not_modified(static_site):
    status, headers, body = call(
        ASGIStaticFilesHandler(downstream), "/static/both.txt", method="HEAD"
    )
    assert (status, body) == (200, b"")
    assert headers["content-length"] == "6"
    mtime = os.stat(static_site / "first" / "both.txt").st_mtime
    since = formatdate(mtime + 10, usegmt=True).encode()
    status, _, body = call(
        ASGIStaticFilesHandler(downstream),
        "/static/both.txt",
        headers=[(b"if-modified-since", since)],
    )
    assert (status, body) == (304, b"")
    status, _, _ = call(ASGIStaticFilesHandler(downstream), "/static/both.txt", method="POST")
    assert status == 405


def test_large_file_is_streamed(static_site):
    big = static_site / "first" / "big.bin"
    big.write_bytes(os.urandom(200_000))
    status, headers, body = call(ASGIStaticFilesHandler(downstream), "/static/big.bin")
    assert status == 200 and body == big.read_bytes()
    assert headers["content-type"] == "application/octet-stream"


def test_requires_static_url(settings_override):
    settings_override(STATIC_URL=None)
    with pytest.raises(ImproperlyConfigured, match="required STATIC_URL setting"):
        ASGIStaticFilesHandler(downstream)
    settings_override(STATIC_URL="/media/", MEDIA_URL="/media/")
    with pytest.raises(ImproperlyConfigured, match="must have different values"):
        ASGIStaticFilesHandler(downstream)


def test_static_url_on_other_host_is_not_served(static_site, settings_override):
    settings_override(STATIC_URL="https://cdn.example.com/static/")
    assert call(ASGIStaticFilesHandler(downstream), "/static/both.txt")[2] == b"from the app"


def test_wsgi_handler(static_site):
    def wsgi_app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"wsgi app"]

    handler = StaticFilesHandler(wsgi_app)
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(
        handler(
            {"PATH_INFO": "/static/both.txt", "REQUEST_METHOD": "GET", "wsgi.input": io.BytesIO()},
            start_response,
        )
    )
    assert (seen["status"], body) == ("200 OK", b"first\n")
    body = b"".join(
        handler({"PATH_INFO": "/static/none.txt", "REQUEST_METHOD": "GET"}, start_response)
    )
    assert seen["status"] == "404 Not Found" and b"could not be found" in body
    assert (
        b"".join(handler({"PATH_INFO": "/x", "REQUEST_METHOD": "GET"}, start_response))
        == b"wsgi app"
    )
