"""ASGIHandler driven with hand-built scopes: request building, responses, streaming,
disconnects, lifespan and websocket refusal."""

import asyncio
import gzip
import threading

import pytest
from reqproj import views
from reqproj.drive import ASGIResult, asgi, make_scope, run_asgi

from nuages.core.asgi import get_asgi_application
from nuages.core.handlers.asgi import ASGIHandler, ASGIRequest
from nuages.core.signals import request_finished, request_started
from nuages.test.utils import override_settings

pytestmark = pytest.mark.usefixtures("reqproj_settings")


@pytest.fixture
def reqproj_settings():
    with override_settings(ROOT_URLCONF="reqproj.urls_handlers", MIDDLEWARE=[], DEBUG=False):
        yield


@pytest.fixture
def app():
    return ASGIHandler()


def test_get_asgi_application():
    application = get_asgi_application()
    assert isinstance(application, ASGIHandler)
    assert asgi(application, path="/hello/").body == b"Hello World"


def test_sync_view(app):
    result = asgi(app, path="/hello/")
    assert result.status == 200
    assert result.body == b"Hello World"
    assert result.header("content-type") == "text/html; charset=utf-8"
    assert result.bodies[-1]["more_body"] is False


def test_sync_view_runs_in_a_worker_thread(app):
    async def main():
        scope = make_scope(path="/thread/")
        return await run_asgi(app, scope), threading.current_thread().name

    result, loop_thread = asyncio.run(main())
    assert result.body.decode() != loop_thread


def test_async_view_runs_on_the_event_loop(app):
    async def main():
        result = await run_asgi(app, make_scope(path="/athread/"))
        return result, threading.current_thread().name

    result, loop_thread = asyncio.run(main())
    assert result.body.decode() == loop_thread


def test_path_converters_and_query_and_body(app):
    assert asgi(app, path="/item/42/").body == b"item 42 int"
    result = asgi(
        app,
        method="POST",
        path="/echo/",
        query_string=b"q=caf%C3%A9",
        body=b"payload",
        headers=[(b"content-type", b"text/plain"), (b"content-length", b"7")],
    )
    assert result.body.decode() == "POST|/echo/|/echo/||café|payload"


def test_chunked_request_body(app):
    scope = make_scope(
        "POST", "/bodylen/", headers=[(b"content-type", b"application/octet-stream")]
    )
    messages = [
        {"type": "http.request", "body": b"a" * 1000, "more_body": True},
        {"type": "http.request", "body": b"b" * 1000, "more_body": True},
        {"type": "http.request", "body": b"", "more_body": False},
    ]
    result = asyncio.run(run_asgi(app, scope, messages))
    assert result.body == b"2000"


def test_large_body_spools_to_disk(app):
    with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=10, DATA_UPLOAD_MAX_MEMORY_SIZE=None):
        scope = make_scope("POST", "/bodylen/")
        messages = [
            {"type": "http.request", "body": b"x" * 50, "more_body": True},
            {"type": "http.request", "body": b"y" * 50, "more_body": False},
        ]
        file = asyncio.run(app.read_body(_queue_receive(messages)))
        assert getattr(file, "_rolled", False) is True
        assert file.read() == b"x" * 50 + b"y" * 50
        file.close()
        result = asyncio.run(run_asgi(app, scope, messages))
    assert result.body == b"100"


def _queue_receive(messages):
    messages = list(messages)

    async def receive():
        return messages.pop(0)

    return receive


def test_body_over_data_upload_limit_is_400(app):
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10):
        result = asgi(
            app,
            method="POST",
            path="/bodylen/",
            body=b"x" * 100,
            headers=[(b"content-length", b"100"), (b"content-type", b"text/plain")],
        )
    assert result.status == 400
    assert result.body == b"custom 400: RequestDataTooBig"


def test_headers_become_meta():
    scope = make_scope(
        path="/x/",
        headers=[
            (b"content-type", b"text/plain"),
            (b"content-length", b"3"),
            (b"x-custom-thing", b"a"),
            (b"X-Custom-Thing", b"b"),
            (b"cookie", b"a=1"),
            (b"cookie", b"b=2; "),
            (b"referer", b"caf\xc3\xa9"),
        ],
        query_string=b"x=1",
    )
    request = ASGIRequest(scope, None)
    meta = request.META
    assert meta["CONTENT_TYPE"] == "text/plain"
    assert meta["CONTENT_LENGTH"] == "3"
    assert meta["HTTP_X_CUSTOM_THING"] == "a,b"
    assert meta["HTTP_COOKIE"] == "a=1; b=2"
    assert meta["HTTP_HOST"] == "testserver"
    assert meta["HTTP_REFERER"] == "caf\xc3\xa9"  # latin-1, as in WSGI
    assert meta["QUERY_STRING"] == "x=1"
    assert meta["REQUEST_METHOD"] == "GET"
    assert meta["REMOTE_ADDR"] == "127.0.0.1"
    assert meta["REMOTE_PORT"] == 5000
    assert meta["SERVER_NAME"] == "testserver"
    assert meta["SERVER_PORT"] == "80"
    assert request.COOKIES == {"a": "1", "b": "2"}
    assert request.GET["x"] == "1"
    assert request.headers["X-Custom-Thing"] == "a,b"


def test_missing_server_and_client():
    scope = make_scope(path="/")
    del scope["server"], scope["client"]
    request = ASGIRequest(scope, None)
    assert request.META["SERVER_NAME"] == "unknown"
    assert request.META["SERVER_PORT"] == "0"
    assert "REMOTE_ADDR" not in request.META


def test_scheme_from_scope():
    request = ASGIRequest(make_scope(path="/", scheme="https"), None)
    assert request.scheme == "https"
    assert request.is_secure() is True


def test_root_path_becomes_script_name():
    request = ASGIRequest(make_scope(path="/app/hello/", root_path="/app"), None)
    assert request.path == "/app/hello/"
    assert request.path_info == "/hello/"
    assert request.META["SCRIPT_NAME"] == "/app"
    # A path outside the prefix is kept whole.
    other = ASGIRequest(make_scope(path="/application/", root_path="/app"), None)
    assert other.path_info == "/application/"


def test_root_path_served(app):
    result = asgi(app, path="/prefix/echo/", root_path="/prefix")
    assert result.body.decode() == "GET|/prefix/echo/|/echo/|/prefix||"


def test_force_script_name():
    with override_settings(FORCE_SCRIPT_NAME="/forced"):
        request = ASGIRequest(make_scope(path="/forced/hello/", root_path="/ignored"), None)
    assert request.path == "/forced/hello/"
    assert request.path_info == "/hello/"
    assert request.META["SCRIPT_NAME"] == "/forced"


def test_non_utf8_query_string_is_400(app):
    result = asgi(app, path="/hello/", query_string=b"\xff")
    assert result.status == 400


def test_unknown_url_is_404(app):
    result = asgi(app, path="/does-not-exist/")
    assert result.status == 404
    assert result.body.startswith(b"custom 404")


def test_cookies_are_sent_as_set_cookie_headers(app):
    result = asgi(app, path="/cookie/")
    assert sorted(result.headers["set-cookie"]) == ["flavour=oatmeal; Path=/", "second=x; Path=/"]


def test_streaming_sync_iterator(app):
    with pytest.warns(Warning, match="StreamingHttpResponse must consume synchronous iterators"):
        result = asgi(app, path="/stream/")
    assert result.status == 200
    assert [m["body"] for m in result.bodies] == [b"one,", b"two,", b"three", b""]
    assert [m["more_body"] for m in result.bodies] == [True, True, True, False]


def test_streaming_async_iterator(app):
    result = asgi(app, path="/astream/")
    assert result.body == b"a1,a2,a3"
    assert result.bodies[-1]["more_body"] is False


def test_large_body_is_chunked(app):
    result = asgi(app, path="/big/")
    assert len(result.body) == 2**17 + 10
    assert len(result.bodies) == 3
    assert [m["more_body"] for m in result.bodies] == [True, True, False]


def test_gzip_streaming_async_through_middleware():
    with override_settings(MIDDLEWARE=["nuages.middleware.gzip.GZipMiddleware"]):
        result = asgi(ASGIHandler(), path="/astream/", headers=[(b"accept-encoding", b"gzip")])
    assert result.header("content-encoding") == "gzip"
    assert gzip.decompress(result.body) == b"a1,a2,a3"


def test_signals_sent(app):
    seen = []

    def started(sender, **kwargs):
        seen.append(("started", sender, "scope" in kwargs))

    def finished(sender, **kwargs):
        seen.append(("finished", sender))

    request_started.connect(started)
    request_finished.connect(finished)
    try:
        asgi(app, path="/hello/")
    finally:
        request_started.disconnect(started)
        request_finished.disconnect(finished)
    assert seen == [("started", ASGIHandler, True), ("finished", ASGIHandler)]


def test_response_closed_after_sending(app):
    views.events.clear()
    seen_at_finish = []

    def on_finished(sender, **kwargs):
        seen_at_finish.append(list(views.events))

    request_finished.connect(on_finished)
    try:
        with pytest.warns(Warning, match="must consume synchronous iterators"):
            result = asgi(app, path="/closing/")
    finally:
        request_finished.disconnect(on_finished)
    assert result.body == b"data"
    assert views.events == ["closed"]
    # request_finished comes after close().
    assert seen_at_finish == [["closed"]]


def test_disconnect_before_body_sends_nothing(app):
    scope = make_scope(path="/hello/")
    result = asyncio.run(run_asgi(app, scope, [{"type": "http.disconnect"}]))
    assert result.messages == []


def test_disconnect_during_view_cancels_it(app):
    views.events.clear()
    finished = []

    def on_finished(sender, **kwargs):
        finished.append(True)

    request_finished.connect(on_finished)
    try:
        result = asyncio.run(run_asgi(app, make_scope(path="/slow/"), disconnect_after=0.05))
    finally:
        request_finished.disconnect(on_finished)
    assert views.events == ["slow started", "slow cancelled"]
    assert result.messages == []
    assert finished == [True]


def test_lifespan(app):
    messages = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent = []

    async def send(message):
        sent.append(message)

    asyncio.run(app({"type": "lifespan"}, _queue_receive(messages), send))
    assert sent == [{"type": "lifespan.startup.complete"}, {"type": "lifespan.shutdown.complete"}]


def test_websocket_is_refused(app):
    sent = []

    async def send(message):
        sent.append(message)

    asyncio.run(
        app(
            {"type": "websocket", "path": "/"},
            _queue_receive([{"type": "websocket.connect"}]),
            send,
        )
    )
    assert sent == [{"type": "websocket.close", "code": 1000}]


def test_unknown_scope_type(app):
    async def noop(*args):
        return {}

    with pytest.raises(ValueError, match="can only handle ASGI/HTTP connections, not other."):
        asyncio.run(app({"type": "other"}, noop, noop))


def test_result_helper_parses_headers():
    result = ASGIResult(
        [
            {"type": "http.response.start", "status": 201, "headers": [(b"X-A", b"1")]},
            {"type": "http.response.body", "body": b"z"},
        ]
    )
    assert (result.status, result.header("x-a"), result.body) == (201, "1", b"z")
