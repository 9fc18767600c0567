"""WSGIHandler driven with hand-built environs."""

import io

import pytest
from reqproj.drive import make_environ, wsgi

from nuages.core.handlers.wsgi import (
    LimitedStream,
    WSGIHandler,
    WSGIRequest,
    get_path_info,
    get_script_name,
    get_str_from_wsgi,
)
from nuages.core.signals import request_finished, request_started
from nuages.core.wsgi import get_wsgi_application
from nuages.http import FileResponse
from nuages.test.utils import override_settings

pytestmark = pytest.mark.usefixtures("reqproj_settings")


@pytest.fixture
def reqproj_settings():
    with override_settings(ROOT_URLCONF="reqproj.urls_handlers", MIDDLEWARE=[], DEBUG=False):
        yield


@pytest.fixture
def app():
    return WSGIHandler()


def test_get_wsgi_application():
    application = get_wsgi_application()
    assert isinstance(application, WSGIHandler)
    assert wsgi(application, path="/hello/").body == b"Hello World"


def test_status_line_and_headers(app):
    result = wsgi(app, path="/hello/")
    assert result.status_line == "200 OK"
    assert result.header("Content-Type") == "text/html; charset=utf-8"
    assert result.body == b"Hello World"


def test_not_found_status_line(app):
    result = wsgi(app, path="/missing/")
    assert result.status_line == "404 Not Found"
    assert result.body == b"custom 404: " + result.body[len(b"custom 404: ") :]


def test_async_view_under_wsgi(app):
    assert wsgi(app, path="/ahello/").body.startswith(b"async")


def test_post_body_limited_by_content_length(app):
    environ_body = b"payload-and-more"
    environ = make_environ(
        "POST",
        "/echo/",
        environ_body,
        query_string="q=1",
        CONTENT_LENGTH="7",
        CONTENT_TYPE="text/plain",
    )
    captured = {}

    def start_response(status, headers):
        captured["status"] = status

    body = b"".join(app(environ, start_response))
    assert body.decode() == "POST|/echo/|/echo/||1|payload"


def test_set_cookie_headers(app):
    result = wsgi(app, path="/cookie/")
    assert sorted(result.headers_named("Set-Cookie")) == [
        "flavour=oatmeal; Path=/",
        "second=x; Path=/",
    ]


def test_streaming_response(app):
    assert wsgi(app, path="/stream/").body == b"one,two,three"


def test_signals_and_close(app):
    seen = []

    def started(sender, **kwargs):
        seen.append(("started", sender, "environ" in kwargs))

    def finished(sender, **kwargs):
        seen.append(("finished", sender))

    request_started.connect(started)
    request_finished.connect(finished)
    try:
        result = wsgi(app, path="/hello/", close=False)
        assert seen == [("started", WSGIHandler, True)]
        result.iterable.close()
    finally:
        request_started.disconnect(started)
        request_finished.disconnect(finished)
    assert seen == [("started", WSGIHandler, True), ("finished", WSGIHandler)]


def test_file_wrapper_used_for_file_response(app, tmp_path):
    target = tmp_path / "data.txt"
    target.write_bytes(b"file contents")

    class FileWrapper:
        def __init__(self, filelike, block_size=8192):
            self.filelike = filelike
            self.block_size = block_size

        def __iter__(self):
            return iter(lambda: self.filelike.read(self.block_size), b"")

        def close(self):
            self.filelike.close()

    environ = make_environ(path="/hello/")
    environ["wsgi.file_wrapper"] = FileWrapper

    def file_response(request):
        return FileResponse(open(target, "rb"))

    # Resolve every path to the file view.
    app.resolve_request = lambda request: (file_response, (), {})
    result = app(environ, lambda status, headers: None)
    assert isinstance(result, FileWrapper)
    assert b"".join(result) == b"file contents"
    result.close()
    assert result.filelike.closed


def test_request_path_info_decoding():
    environ = make_environ(path="/caf\xc3\xa9/")  # UTF-8 bytes carried as latin-1
    request = WSGIRequest(environ)
    assert request.path_info == "/café/"
    broken = make_environ(path="/\xff/")
    assert get_path_info(broken) == "/%FF/"


def test_empty_path_info_is_slash():
    environ = make_environ(path="")
    assert WSGIRequest(environ).path_info == "/"


def test_script_name():
    environ = make_environ(path="/hello/", SCRIPT_NAME="/mount")
    request = WSGIRequest(environ)
    assert request.path == "/mount/hello/"
    assert request.path_info == "/hello/"
    assert request.META["SCRIPT_NAME"] == "/mount"


def test_script_name_from_script_url():
    environ = make_environ(path="/hello/", SCRIPT_URL="/mount//hello/", SCRIPT_NAME="/wrong")
    assert get_script_name(environ) == "/mount"


def test_force_script_name():
    with override_settings(FORCE_SCRIPT_NAME="/forced"):
        assert get_script_name(make_environ(SCRIPT_NAME="/mount")) == "/forced"


def test_get_str_from_wsgi_replaces_bad_bytes():
    assert get_str_from_wsgi({"X": "caf\xc3\xa9\xff"}, "X", "") == "café\ufffd"


def test_bad_content_length_reads_nothing():
    environ = make_environ("POST", "/echo/", b"data", CONTENT_LENGTH="abc")
    assert WSGIRequest(environ).body == b""


def test_method_uppercased():
    assert WSGIRequest(make_environ(method="get")).method == "GET"


def test_scheme():
    environ = make_environ(**{"wsgi.url_scheme": "https"})
    assert WSGIRequest(environ).scheme == "https"


def test_limited_stream():
    stream = LimitedStream(io.BytesIO(b"line one\nline two\nextra"), 12)
    assert stream.readline() == b"line one\n"
    assert stream.read() == b"lin"
    assert stream.read() == b""
    assert stream.readline() == b""
    other = LimitedStream(io.BytesIO(b"abcdef"), 4)
    assert other.read(2) == b"ab"
    assert other.read(10) == b"cd"
    assert other.read(1) == b""
    lines = LimitedStream(io.BytesIO(b"abc\ndef"), 100)
    assert lines.readline(2) == b"ab"
    assert lines.readline() == b"c\n"
