"""The ASGI entry point: ASGIHandler and ASGIRequest.

HTTP requests run through the async middleware chain; async views are awaited on the event
loop, sync views run in a worker thread. The `lifespan` scope is acknowledged and websocket
connections are refused cleanly (nuages has no websocket routing).
"""

from __future__ import annotations

import asyncio
import io
import logging
import tempfile
import warnings
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

from nuages.core import signals
from nuages.core._cached_settings import get_setting
from nuages.core.exceptions import RequestAborted, RequestDataTooBig
from nuages.core.handlers.base import RESET_URLCONF_UID, BaseHandler
from nuages.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from nuages.http._response_base import HttpResponseBase, ResponseHeaders, cookies_if_any
from nuages.utils._script_prefix import set_script_prefix

__all__ = ["ASGIHandler", "ASGIRequest", "get_script_prefix"]

logger = logging.getLogger("nuages.request")

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]

# Header name (bytes, as sent) -> META key. Bounded: header names are few in practice.
_META_NAMES: dict[bytes, str] = {
    b"content-type": "CONTENT_TYPE",
    b"content-length": "CONTENT_LENGTH",
}
_META_NAMES_LIMIT = 1024
# Response header name -> the bytes sent; names come from code, so they are few.
_ENCODED_NAMES: dict[str, bytes] = {}
_ENCODED_NAMES_LIMIT = 1024
_BASE_ITEMS = HttpResponseBase.items


def _meta_name(raw: bytes) -> str:
    name = _META_NAMES.get(raw)
    if name is None:
        lowered = raw.lower()
        name = _META_NAMES.get(lowered)
        if name is None:
            name = "HTTP_" + lowered.decode("latin-1").upper().replace("-", "_")
        if len(_META_NAMES) < _META_NAMES_LIMIT:
            _META_NAMES[raw] = name
    return name


def get_script_prefix(scope: Scope) -> str:
    """The script prefix: FORCE_SCRIPT_NAME, else the scope's root_path."""
    force_script_name = get_setting("FORCE_SCRIPT_NAME")
    if force_script_name:
        return force_script_name
    return scope.get("root_path", "") or ""


class ASGIRequest(HttpRequest):
    """An HttpRequest built from an ASGI http scope and the received body."""

    # Kept for Django compatibility: the body is read fully before the view runs.
    body_receive_timeout = 60

    def __init__(self, scope: Scope, body_file: Any) -> None:
        self.scope = scope
        self._read_started = False
        self.resolver_match = None
        path = scope["path"]
        self.script_name = script_name = get_script_prefix(scope)
        if script_name:
            # The ASGI path includes root_path; path_info is what the application routes.
            prefix = script_name.rstrip("/")
            if path == prefix or path.startswith(prefix + "/"):
                path_info = path[len(prefix) :] or "/"
            else:
                path_info = path
            self.path = "{}/{}".format(prefix, path_info.replace("/", "", 1))
        else:
            path_info = path
            self.path = path
        self.path_info = path_info
        self.method = method = scope["method"].upper()
        query_string = scope.get("query_string", "")
        if isinstance(query_string, bytes):
            query_string = query_string.decode()  # a non-UTF-8 query string is a bad request
        meta: dict[str, Any] = {
            "REQUEST_METHOD": method,
            "QUERY_STRING": query_string,
            "SCRIPT_NAME": script_name,
            "PATH_INFO": path_info,
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
        }
        client = scope.get("client")
        if client:
            meta["REMOTE_ADDR"] = client[0]
            meta["REMOTE_HOST"] = client[0]
            meta["REMOTE_PORT"] = client[1]
        server = scope.get("server")
        if server:
            meta["SERVER_NAME"] = server[0]
            meta["SERVER_PORT"] = str(server[1])
        else:
            meta["SERVER_NAME"] = "unknown"
            meta["SERVER_PORT"] = "0"
        meta_names = _META_NAMES
        for raw_name, raw_value in scope.get("headers", ()):
            name = meta_names.get(raw_name)
            if name is None:
                name = _meta_name(raw_name)
            value = raw_value.decode("latin-1")
            if name == "HTTP_COOKIE":
                value = value.rstrip("; ")
                if "HTTP_COOKIE" in meta:
                    value = meta[name] + "; " + value
            elif name in meta:
                value = meta[name] + "," + value
            meta[name] = value
        self.META = meta
        self._stream = body_file

    def _get_scheme(self) -> str:
        return self.scope.get("scheme") or super()._get_scheme()


class ASGIHandler(BaseHandler):
    """An ASGI 3 application serving http, lifespan (acknowledged) and websocket (refused)."""

    request_class = ASGIRequest
    # Size of the body chunks sent to the server, and the FileResponse block size.
    chunk_size = 2**16

    def __init__(self) -> None:
        super().__init__()
        self.load_middleware(is_async=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            await self.handle(scope, receive, send)
        elif kind == "lifespan":
            await self._lifespan(receive, send)
        elif kind == "websocket":
            await self._refuse_websocket(receive, send)
        else:
            raise ValueError(f"nuages can only handle ASGI/HTTP connections, not {kind}.")

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one http request: read the body, run the chain, send the response."""
        if self._middleware_chain is None:
            self.load_middleware(is_async=True)
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        handler_class = self.__class__
        if signals.request_started.receivers:
            set_script_prefix(get_script_prefix(scope))
            await _asend(signals.request_started, handler_class, scope=scope)

        request, error_response = self.create_request(scope, body_file)
        if request is not None:
            set_script_prefix(request.script_name)
        else:
            set_script_prefix(get_script_prefix(scope))
            body_file.close()
            try:
                await self.send_response(error_response, send)
            finally:
                error_response.close()
                await _asend(signals.request_finished, handler_class)
            return

        task = asyncio.current_task()
        # Most responses are ready within a few milliseconds: watching for a disconnect costs
        # a task, so it starts only for requests still running after a short delay.
        loop_ref, watcher = _last
        if loop_ref() is not task.get_loop():
            watcher = _watcher_for(task.get_loop())
        watcher.add(task, receive)
        response = None
        try:
            response = await self.get_response_async(request)
            response._handler_class = handler_class
            if isinstance(response, FileResponse):
                response.block_size = self.chunk_size
            await self.send_response(response, send)
        except asyncio.CancelledError:
            watch = watcher.watching.get(task)
            if watch is None or not watch.disconnected:
                raise
            task.uncancel()  # the client left: the cancellation was ours, not the server's
        finally:
            watcher.remove(task)
            try:
                if response is not None:
                    response.close()
                else:
                    request.close()
            finally:
                body_file.close()
                if _finished_needs_sending():
                    await _asend(signals.request_finished, handler_class)

    async def read_body(self, receive: Receive) -> Any:
        """Collect the request body; large bodies spill to a temporary file."""
        message = await receive()
        kind = message["type"]
        if kind == "http.disconnect":
            raise RequestAborted()
        body = message.get("body", b"")
        max_memory = get_setting("FILE_UPLOAD_MAX_MEMORY_SIZE")
        if not message.get("more_body", False) and (max_memory is None or len(body) <= max_memory):
            return io.BytesIO(body)  # the common case: the whole body in one message
        body_file = tempfile.SpooledTemporaryFile(max_size=max_memory or 0, mode="w+b")  # noqa: SIM115 - returned to the caller
        try:
            while True:
                if body:
                    if getattr(body_file, "_rolled", False):
                        await asyncio.to_thread(body_file.write, body)  # disk I/O off the loop
                    else:
                        body_file.write(body)
                if not message.get("more_body", False):
                    break
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise RequestAborted()
                body = message.get("body", b"")
        except BaseException:
            body_file.close()
            raise
        body_file.seek(0)
        return body_file

    def create_request(self, scope: Scope, body_file: Any) -> tuple[Any, Any]:
        """Build the request, or return (None, error response) when the scope is unusable."""
        try:
            return self.request_class(scope, body_file), None
        except UnicodeDecodeError:
            logger.warning(
                "Bad Request (UnicodeDecodeError)", exc_info=True, extra={"status_code": 400}
            )
            return None, HttpResponseBadRequest()
        except RequestDataTooBig:
            return None, HttpResponse("413 Payload too large", status=413)

    async def send_response(self, response: Any, send: Send) -> None:
        """Send the status, headers and body (chunked for large or streaming bodies)."""
        names = _ENCODED_NAMES
        headers = []
        items = (
            response.headers._store.values()  # the stored (name, value) pairs themselves
            if type(response).items is _BASE_ITEMS and type(response.headers) is ResponseHeaders
            else response.items()
        )
        for name, value in items:
            raw_name = names.get(name)
            if raw_name is None:
                raw_name = name.encode("ascii")
                if len(names) < _ENCODED_NAMES_LIMIT:
                    names[name] = raw_name
            headers.append((raw_name, value.encode("latin-1")))
        cookies = cookies_if_any(response)
        if cookies:
            for cookie in cookies.values():
                headers.append((b"Set-Cookie", cookie.OutputString().encode("ascii").strip()))
        await send(
            {"type": "http.response.start", "status": response.status_code, "headers": headers}
        )
        chunk_size = self.chunk_size
        if response.streaming:
            if response.is_async:
                async for part in response.streaming_content:
                    for chunk in _chunks(part, chunk_size):
                        await send({"type": "http.response.body", "body": chunk, "more_body": True})
            else:
                # Same warning as Django: an async iterator serves ASGI better.
                warnings.warn(_SYNC_STREAMING_WARNING, Warning, stacklevel=2)
                # A sync iterator may block (files, database cursors): pull each part in a
                # thread, one at a time, so that memory stays bounded.
                iterator = iter(response.streaming_content)
                while (part := await asyncio.to_thread(next, iterator, _END)) is not _END:
                    for chunk in _chunks(part, chunk_size):
                        await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        content = response.content
        if len(content) <= chunk_size:
            await send({"type": "http.response.body", "body": content, "more_body": False})
            return
        last = len(content) - 1
        for start in range(0, len(content), chunk_size):
            end = start + chunk_size
            await send(
                {"type": "http.response.body", "body": content[start:end], "more_body": end <= last}
            )

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            kind = message["type"]
            if kind == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif kind == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _refuse_websocket(self, receive: Receive, send: Send) -> None:
        message = await receive()
        if message["type"] == "websocket.connect":
            # Closing before accepting makes the server reject the handshake (HTTP 403).
            await send({"type": "websocket.close", "code": 1000})


_END = object()
_SYNC_STREAMING_WARNING = (
    "StreamingHttpResponse must consume synchronous iterators in order to serve them "
    "asynchronously. Use an asynchronous iterator instead."
)


def _chunks(data: bytes, size: int) -> Any:
    if isinstance(data, str):
        data = data.encode()
    if len(data) <= size:
        if data:
            yield data
        return
    for start in range(0, len(data), size):
        yield data[start : start + size]


# Seconds a request may run before the handler starts listening for a client disconnect.
DISCONNECT_WATCH_DELAY = 0.01


class _Watcher:
    """Starts a _DisconnectWatch for each request of one event loop still running after
    DISCONNECT_WATCH_DELAY (to twice that).

    One timer per delay for all requests, not one per request: requests registered since the
    last tick are young; at the next tick they become old, and the old ones still running at
    the tick after that get their watch.
    """

    __slots__ = ("old", "timer", "watching", "young")

    def __init__(self) -> None:
        # No reference to the loop: the watcher is the value of a weak mapping keyed by it.
        self.young: dict[asyncio.Task, Receive] = {}
        self.old: dict[asyncio.Task, Receive] = {}
        self.watching: dict[asyncio.Task, _DisconnectWatch] = {}
        self.timer: asyncio.TimerHandle | None = None

    def add(self, task: asyncio.Task, receive: Receive) -> None:
        self.young[task] = receive
        if self.timer is None:
            self.timer = task.get_loop().call_later(DISCONNECT_WATCH_DELAY, self._tick)

    def remove(self, task: asyncio.Task) -> None:
        if self.young.pop(task, None) is None:
            self.old.pop(task, None)
        watch = self.watching.pop(task, None)
        if watch is not None:
            watch.stop()

    def _tick(self) -> None:
        self.timer = None
        for task, receive in self.old.items():
            watch = self.watching[task] = _DisconnectWatch(receive, task)
            watch.start()
        self.old, self.young = self.young, {}
        if self.old:
            loop = asyncio.get_running_loop()  # timer callbacks run in their loop
            self.timer = loop.call_later(DISCONNECT_WATCH_DELAY, self._tick)


_watchers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_last: tuple[Callable[[], Any], _Watcher] = (lambda: None, _Watcher())


def _watcher_for(loop: asyncio.AbstractEventLoop) -> _Watcher:
    """The watcher of this loop (usually the one used last: a process serves one loop)."""
    global _last
    loop_ref, watcher = _last
    if loop_ref() is not loop:
        watcher = _watchers.get(loop)
        if watcher is None:
            watcher = _watchers[loop] = _Watcher()
        _last = (weakref.ref(loop), watcher)
    return watcher


class _DisconnectWatch:
    """Cancel the request's task when the client disconnects (http.disconnect)."""

    __slots__ = ("disconnected", "done", "receive", "task", "watcher")

    def __init__(self, receive: Receive, task: asyncio.Task) -> None:
        self.receive = receive
        self.task = task
        self.done = False
        self.disconnected = False
        self.watcher: asyncio.Task | None = None

    def start(self) -> None:
        if not self.done:
            self.watcher = self.task.get_loop().create_task(self._watch())

    def stop(self) -> None:
        self.done = True
        if self.watcher is not None:
            self.watcher.cancel()

    async def _watch(self) -> None:
        # The body has been read: the next message can only be http.disconnect.
        try:
            message = await self.receive()
        except Exception:
            return
        if message.get("type") == "http.disconnect" and not self.done:
            self.disconnected = True
            self.task.cancel()


def _finished_needs_sending() -> bool:
    # Not when reset_urlconf is the only receiver (the usual case): the urlconf was set in this
    # request's own task context, which ends with the request, so there is nothing to reset.
    receivers = signals.request_finished.receivers
    return bool(receivers) and (len(receivers) != 1 or receivers[0][0][0] != RESET_URLCONF_UID)


async def _asend(signal: Any, sender: Any, **named: Any) -> None:
    """Send a request signal from the loop: receivers marked nonblocking run inline, other sync
    receivers in one worker thread, async receivers are awaited."""
    receivers = signal.receivers
    if not receivers:
        return
    if len(receivers) == 1 and receivers[0][0][0] == RESET_URLCONF_UID:
        # Only reset_urlconf: the urlconf was set in this request's own task context, which
        # ends with the request, so there is nothing to reset.
        return
    sync_receivers, async_receivers = signal._live_receivers(sender)
    blocking = []
    for receiver in sync_receivers:
        if getattr(receiver, "_nuages_nonblocking", False):
            receiver(signal=signal, sender=sender, **named)
        else:
            blocking.append(receiver)
    if blocking:

        def call_all() -> None:
            for receiver in blocking:
                receiver(signal=signal, sender=sender, **named)

        await asyncio.to_thread(call_all)
    if async_receivers:
        await asyncio.gather(*(r(signal=signal, sender=sender, **named) for r in async_receivers))
