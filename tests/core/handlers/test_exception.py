"""Exceptions raised by views become responses: status codes, error handlers, logging,
signals, and the DEBUG technical pages."""

import logging

import pytest
from reqproj.drive import asgi, wsgi

from nuages.core.handlers.asgi import ASGIHandler
from nuages.core.handlers.wsgi import WSGIHandler
from nuages.core.signals import got_request_exception
from nuages.test.utils import override_settings


@pytest.fixture(autouse=True)
def reqproj_settings():
    with override_settings(ROOT_URLCONF="reqproj.urls_handlers", MIDDLEWARE=[], DEBUG=False):
        yield


def both(path, **kwargs):
    return wsgi(WSGIHandler(), path=path, **kwargs), asgi(ASGIHandler(), path=path, **kwargs)


@pytest.mark.parametrize(
    ("path", "status", "body"),
    [
        ("/404/", 404, b"custom 404: No item here"),
        ("/nowhere/", 404, None),
        ("/403/", 403, b"custom 403: go away"),
        ("/400/", 400, b"custom 400: BadRequest"),
        ("/suspicious/", 400, b"custom 400: SuspiciousOperation"),
        ("/disallowed/", 400, b"custom 400: DisallowedHost"),
        ("/toobig/", 400, b"custom 400: RequestDataTooBig"),
        ("/500/", 500, b"custom 500"),
    ],
)
def test_exception_to_status(path, status, body):
    for result in both(path):
        assert result.status == status
        if body is not None:
            assert result.body == body


def test_request_logging(caplog):
    with caplog.at_level(logging.WARNING):
        wsgi(WSGIHandler(), path="/404/")
        wsgi(WSGIHandler(), path="/403/")
        wsgi(WSGIHandler(), path="/500/")
    records = [(r.name, r.levelname, r.getMessage()) for r in caplog.records]
    assert ("nuages.request", "WARNING", "Not Found: /404/") in records
    assert ("nuages.request", "WARNING", "Forbidden (Permission denied): /403/") in records
    assert ("nuages.request", "ERROR", "Internal Server Error: /500/") in records
    # Each response is logged once.
    assert len([r for r in records if r[2] == "Forbidden (Permission denied): /403/"]) == 1
    error = next(r for r in caplog.records if r.getMessage() == "Internal Server Error: /500/")
    assert error.status_code == 500
    assert error.exc_info[0] is ValueError


def test_suspicious_operation_logged_to_security_logger(caplog):
    with caplog.at_level(logging.WARNING):
        wsgi(WSGIHandler(), path="/disallowed/")
    record = next(r for r in caplog.records if r.name.startswith("nuages.security"))
    assert record.name == "nuages.security.DisallowedHost"
    assert record.getMessage() == "evil host"
    assert record.status_code == 400
    # Only the security logger records it: no second "Bad Request" from the request logger.
    assert [r.name for r in caplog.records] == ["nuages.security.DisallowedHost"]


def test_logged_request_path_is_escaped(caplog):
    with caplog.at_level(logging.WARNING):
        wsgi(WSGIHandler(), path="/nowhere\x1b[31m/")
    messages = [r.getMessage() for r in caplog.records]
    assert "Not Found: /nowhere\\x1b[31m/" in messages


def test_got_request_exception_sent_for_500_only():
    seen = []

    def receiver(sender, request, **kwargs):
        import sys

        seen.append((request.path, sys.exc_info()[0]))

    got_request_exception.connect(receiver)
    try:
        both("/500/")
        both("/404/")
    finally:
        got_request_exception.disconnect(receiver)
    # Under ASGI the receiver runs in a worker thread and still sees the exception.
    assert seen == [("/500/", ValueError), ("/500/", ValueError)]


def test_debug_propagate_exceptions():
    with override_settings(DEBUG_PROPAGATE_EXCEPTIONS=True):
        with pytest.raises(ValueError, match="Can't find my keys"):
            wsgi(WSGIHandler(), path="/500/")
        with pytest.raises(ValueError, match="Can't find my keys"):
            asgi(ASGIHandler(), path="/500/")


def test_debug_404_page_lists_patterns():
    with override_settings(DEBUG=True):
        for result in both("/not-in-urls"):
            assert result.status == 404
            assert result.header("Content-Type") == "text/html; charset=utf-8"
            body = result.body.decode()
            assert "Page not found <span>(404)</span>" in body
            assert "Using the URLconf defined in <code>reqproj.urls_handlers</code>" in body
            assert "<code>hello/ [name='hello']</code>" in body
            assert "The current path, <code>not-in-urls</code>, didn’t match any of these." in body
            assert "Raised by:" not in body


def test_debug_404_raised_by_view():
    with override_settings(DEBUG=True):
        result = wsgi(WSGIHandler(), path="/404/")
    body = result.body.decode()
    assert result.status == 404
    assert '<pre class="exception_value">No item here</pre>' in body
    assert '<th scope="row">Raised by:</th><td>reqproj.views.raise_404</td>' in body


def test_debug_500_page_html():
    with override_settings(DEBUG=True, SECRET_KEY="super-secret-value", MY_API_TOKEN="tok-123"):
        for result in both("/500/"):
            assert result.status == 500
            body = result.body.decode()
            assert "<h1>ValueError at /500/</h1>" in body
            assert '<pre class="exception_value">Can&#x27;t find my keys</pre>' in body
            assert '<th scope="row">Request Method:</th><td>GET</td>' in body
            assert "http://testserver/500/" in body
            assert "Raised during:</th><td>reqproj.views.raise_500</td>" in body
            assert "super-secret-value" not in body
            assert "tok-123" not in body
            assert "********************" in body
            # Under DEBUG, local variables are shown (filtering is for error reports).
            assert "worcestershire-secret" in body
            assert "cooked_eggs" in body


def test_debug_500_page_text_for_non_html_clients():
    with override_settings(DEBUG=True):
        result = wsgi(WSGIHandler(), path="/500/", HTTP_ACCEPT="application/json")
    assert result.header("Content-Type") == "text/plain; charset=utf-8"
    text = result.body.decode()
    assert text.startswith("ValueError at /500/\nCan't find my keys\n")
    assert "Request Method: GET" in text
    assert "Traceback (most recent call last):" in text
    assert "Exception Type: ValueError at /500/" in text
    assert "Exception Value: Can't find my keys" in text


def test_debug_bad_request_uses_technical_page_with_400():
    with override_settings(DEBUG=True):
        result = wsgi(WSGIHandler(), path="/400/")
    assert result.status == 400
    assert b"BadRequest at /400/" in result.body


def test_failing_error_handler_becomes_500():
    with override_settings(ROOT_URLCONF="reqproj.urls_broken_handler"):
        for result in both("/404/"):
            assert result.status == 500
            assert result.body == b"fallback 500"
