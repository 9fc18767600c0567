"""The development server's pieces: request log lines, socket binding, address parsing."""

import asyncio
import errno
import logging
import socket

import pytest

from nuages.core.management.base import CommandError
from nuages.core.management.commands.runserver import Command
from nuages.core.servers.basehttp import BIND_ERRORS, RequestLogMiddleware, bind_socket


class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


def run_app(app, path="/", query=b""):
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "headers": [],
        "http_version": "1.1",
    }
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def make_logger():
    logger = logging.Logger("test.server")
    handler = ListHandler()
    logger.addHandler(handler)
    return logger, handler


@pytest.mark.parametrize(
    ("status", "level"), [(200, logging.INFO), (404, logging.WARNING), (503, logging.ERROR)]
)
def test_request_log_line(status, level):
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b"abc", "more_body": True})
        await send({"type": "http.response.body", "body": b"de"})

    logger, handler = make_logger()
    run_app(RequestLogMiddleware(app, logger), "/x/", b"a=1")
    (record,) = handler.records
    assert record.getMessage() == f'"GET /x/?a=1 HTTP/1.1" {status} 5'
    assert record.levelno == level
    assert record.status_code == status


def test_request_log_when_app_crashes():
    async def app(scope, receive, send):
        raise RuntimeError("boom")

    logger, handler = make_logger()
    with pytest.raises(RuntimeError):
        run_app(RequestLogMiddleware(app, logger))
    assert handler.records[0].getMessage() == '"GET / HTTP/1.1" 500 0'


def test_non_http_scopes_pass_through():
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["type"])

    logger, handler = make_logger()
    asyncio.run(RequestLogMiddleware(app, logger)({"type": "lifespan"}, None, None))
    assert seen == ["lifespan"] and handler.records == []


def test_bind_socket_and_port_in_use():
    first = bind_socket("127.0.0.1", 0)
    try:
        port = first.getsockname()[1]
        with pytest.raises(OSError) as excinfo:
            bind_socket("127.0.0.1", port)
        assert excinfo.value.errno == errno.EADDRINUSE
        assert BIND_ERRORS[excinfo.value.errno] == "That port is already in use."
    finally:
        first.close()


@pytest.mark.skipif(not socket.has_ipv6, reason="no IPv6")
def test_bind_ipv6():
    try:
        sock = bind_socket("::1", 0, ipv6=True)
    except OSError:
        pytest.skip("::1 not available")
    assert sock.family == socket.AF_INET6
    sock.close()


@pytest.mark.parametrize(
    ("addrport", "ipv6", "expected"),
    [
        (None, False, ("127.0.0.1", "8000", False)),
        (None, True, ("::1", "8000", True)),
        ("7000", False, ("127.0.0.1", "7000", False)),
        ("0.0.0.0:9000", False, ("0.0.0.0", "9000", False)),
        ("[::1]:8001", False, ("::1", "8001", True)),
        ("localhost:8002", False, ("localhost", "8002", False)),
        ("0:8003", False, ("0", "8003", False)),
    ],
)
def test_addrport_parsing(addrport, ipv6, expected):
    command = Command()
    command.use_ipv6 = ipv6
    command._raw_ipv6 = False
    addr, port = command._parse_addrport(addrport)
    assert (addr, port, command.use_ipv6) == expected


@pytest.mark.parametrize(
    ("addrport", "message"),
    [
        ("abc:def", '"abc:def" is not a valid port number or address:port pair.'),
        ("1.2.3.4:", '"1.2.3.4:" is not a valid port number or address:port pair.'),
        ("[zz]:80", "is not a valid port number or address:port pair."),
    ],
)
def test_addrport_errors(addrport, message):
    command = Command()
    command.use_ipv6 = False
    with pytest.raises(CommandError, match=message.replace("[", r"\[").replace(".", r"\.")):
        command._parse_addrport(addrport)


def test_ipv4_address_with_ipv6_flag():
    command = Command()
    command.use_ipv6 = True
    with pytest.raises(CommandError, match='"1.2.3.4" is not a valid IPv6 address.'):
        command._parse_addrport("1.2.3.4:80")


def test_runserver_refuses_empty_allowed_hosts_without_debug(settings_override):
    from nuages.core.management import call_command

    settings_override(DEBUG=False, ALLOWED_HOSTS=[])
    with pytest.raises(
        CommandError, match="You must set settings.ALLOWED_HOSTS if DEBUG is False."
    ):
        call_command("runserver", use_reloader=False)
