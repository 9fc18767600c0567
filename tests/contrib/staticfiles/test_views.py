"""The serve views (nuages.views.static, staticfiles.views) and the static() URL helper."""

import os
from email.utils import formatdate

import pytest

from nuages.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from nuages.http import Http404, HttpRequest


def request(**meta):
    req = HttpRequest()
    req.method = "GET"
    req.META.update(meta)
    return req


def body(response):
    content = b"".join(response)
    response.close()
    return content


def test_serve_file(static_site):
    from nuages.views.static import serve

    response = serve(request(), "css/site.css", document_root=static_site / "first")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/css"
    assert "Last-Modified" in response.headers
    assert body(response) == b"body { color: red }\n"


def test_serve_not_modified_and_errors(static_site):
    from nuages.views.static import serve, was_modified_since

    root = static_site / "first"
    mtime = os.stat(root / "both.txt").st_mtime
    since = formatdate(mtime + 5, usegmt=True)
    assert (
        serve(request(HTTP_IF_MODIFIED_SINCE=since), "both.txt", document_root=root).status_code
        == 304
    )
    with pytest.raises(Http404, match="does not exist"):
        serve(request(), "nothing.txt", document_root=root)
    with pytest.raises(Http404, match="Directory indexes are not allowed here."):
        serve(request(), "css", document_root=root)
    (static_site / "secret.txt").write_text("s")
    with pytest.raises((Http404, SuspiciousFileOperation)):
        serve(request(), "../secret.txt", document_root=root)
    assert was_modified_since(None, 1) is True
    assert was_modified_since("garbage", 1) is True
    assert was_modified_since(formatdate(100, usegmt=True), 50) is False
    assert was_modified_since(formatdate(100, usegmt=True), 150) is True


def test_serve_directory_index(static_site):
    from nuages.views.static import serve

    response = serve(request(), "", document_root=static_site / "first", show_indexes=True)
    html = response.content.decode()
    assert '<a href="css/">css/</a>' in html and '<a href="both.txt">both.txt</a>' in html


def test_staticfiles_serve_view(static_site, settings_override):
    from nuages.contrib.staticfiles.views import serve

    assert body(serve(request(), "img/logo.svg")) == b"<svg/>"
    with pytest.raises(Http404, match="could not be found"):
        serve(request(), "nope.css")
    settings_override(DEBUG=False)
    with pytest.raises(Http404):
        serve(request(), "img/logo.svg")
    assert body(serve(request(), "img/logo.svg", insecure=True)) == b"<svg/>"


def test_static_helper(settings_override):
    from nuages.conf.urls.static import static
    from nuages.views.static import serve

    settings_override(DEBUG=True)
    (pattern,) = static("/media/", document_root="/tmp")
    assert pattern.callback is serve
    assert pattern.default_args == {"document_root": "/tmp"}
    assert static("https://cdn.example.com/media/") == []
    settings_override(DEBUG=False)
    assert static("/media/") == []
    with pytest.raises(ImproperlyConfigured, match="Empty static prefix not permitted"):
        static("")


def test_staticfiles_urlpatterns(static_site):
    from nuages.contrib.staticfiles.urls import staticfiles_urlpatterns
    from nuages.contrib.staticfiles.views import serve

    (pattern,) = staticfiles_urlpatterns()
    assert pattern.callback is serve
    assert pattern.resolve("static/css/site.css").kwargs == {"path": "css/site.css"}
