"""The development server: the project's ASGI application on uvicorn, with request logging.

For development only: it trades throughput and hardening for reloading and readable logs.
"""

from __future__ import annotations

import errno
import logging
import socket
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import uvicorn

from nuages.conf import settings
from nuages.core.asgi import get_asgi_application
from nuages.core.exceptions import ImproperlyConfigured
from nuages.core.wsgi import get_wsgi_application
from nuages.utils.module_loading import import_string

__all__ = [
    "BIND_ERRORS",
    "RequestLogMiddleware",
    "bind_socket",
    "get_internal_asgi_application",
    "get_internal_wsgi_application",
    "run",
]

Scope = MutableMapping[str, Any]
ASGIApp = Callable[
    [Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]
]

logger = logging.getLogger("nuages.server")

# What runserver prints for the bind failures a developer can fix.
BIND_ERRORS = {
    errno.EACCES: "You don't have permission to access that port.",
    errno.EADDRINUSE: "That port is already in use.",
    errno.EADDRNOTAVAIL: "That IP address can't be assigned to.",
}


def _load_application(setting: str, fallback: Callable[[], Any]) -> Any:
    path = getattr(settings, setting)
    if path is None:
        return fallback()
    try:
        return import_string(path)
    except ImportError as err:
        raise ImproperlyConfigured(
            f"{setting[:4]} application '{path}' could not be loaded; Error importing module."
        ) from err


def get_internal_asgi_application() -> Any:
    """The ASGI application runserver serves: ASGI_APPLICATION, else nuages' default one."""
    return _load_application("ASGI_APPLICATION", get_asgi_application)


def get_internal_wsgi_application() -> Any:
    """The WSGI application named by WSGI_APPLICATION, else nuages' default one."""
    return _load_application("WSGI_APPLICATION", get_wsgi_application)


def _request_line(scope: Scope) -> str:
    raw = scope.get("raw_path") or scope.get("path", "").encode("latin-1")
    target = raw.decode("latin-1")
    query = scope.get("query_string", b"")
    if query:
        target += "?" + query.decode("latin-1")
    return f"{scope.get('method', 'GET')} {target} HTTP/{scope.get('http_version', '1.1')}"


class RequestLogMiddleware:
    """ASGI wrapper logging one line per request: "GET / HTTP/1.1" 200 123."""

    def __init__(self, app: ASGIApp, logger: logging.Logger = logger) -> None:
        self.app = app
        self.logger = logger

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        size = 0

        async def counting_send(message: MutableMapping[str, Any]) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, counting_send)
        finally:
            level = (
                logging.ERROR
                if status >= 500
                else logging.WARNING
                if status >= 400
                else logging.INFO
            )
            self.logger.log(
                level,
                '"%s" %s %s',
                _request_line(scope),
                status,
                size,
                extra={"status_code": status, "server_time": _server_time()},
            )


def _server_time() -> str:
    return time.strftime("%d/%b/%Y %H:%M:%S")


def bind_socket(addr: str, port: int, ipv6: bool = False) -> socket.socket:
    """A listening socket on addr:port; raises OSError (see BIND_ERRORS) when that fails."""
    family = socket.AF_INET6 if ipv6 else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if ipv6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind((addr, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def run(
    addr: str,
    port: int,
    application: ASGIApp,
    ipv6: bool = False,
    threading: bool = True,
    sock: socket.socket | None = None,
) -> None:
    """Serve application on addr:port until interrupted.

    threading is accepted for compatibility: ASGI applications already run sync code in a
    thread pool. Pass sock to serve on an already bound socket.
    """
    sock = sock or bind_socket(addr, port, ipv6)
    config = uvicorn.Config(
        RequestLogMiddleware(application),
        log_config=None,  # keep the project's LOGGING; we log requests ourselves
        access_log=False,
        lifespan="off",
        server_header=False,
    )
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
