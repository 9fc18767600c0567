"""Drive the ASGI and WSGI applications with hand-built scopes and environs."""

import asyncio
import io


class ASGIResult:
    def __init__(self, messages):
        self.messages = messages
        start = next((m for m in messages if m["type"] == "http.response.start"), None)
        self.status = start["status"] if start else None
        self.raw_headers = start["headers"] if start else []
        self.headers = {}
        for name, value in self.raw_headers:
            self.headers.setdefault(name.decode().lower(), []).append(value.decode("latin-1"))
        self.bodies = [m for m in messages if m["type"] == "http.response.body"]
        self.body = b"".join(m.get("body", b"") for m in self.bodies)

    def header(self, name):
        values = self.headers.get(name.lower())
        return values[0] if values else None


def make_scope(method="GET", path="/", query_string=b"", headers=(), root_path="", **extra):
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": root_path,
        "query_string": query_string,
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    scope.update(extra)
    return scope


async def run_asgi(app, scope, body_messages=None, disconnect_after=None):
    """Run one request; body_messages defaults to a single empty http.request.

    The receive callable blocks after the body until `disconnect_after` seconds (or forever,
    until the app finishes), like a real server.
    """
    queue = asyncio.Queue()
    for message in body_messages or [{"type": "http.request", "body": b"", "more_body": False}]:
        queue.put_nowait(message)
    sent = []

    async def receive():
        return await queue.get()

    async def send(message):
        sent.append(message)

    task = asyncio.ensure_future(app(scope, receive, send))
    if disconnect_after is not None:
        await asyncio.sleep(disconnect_after)
        queue.put_nowait({"type": "http.disconnect"})
    await asyncio.wait_for(task, 5)
    return ASGIResult(sent)


def asgi(app, method="GET", path="/", body=b"", headers=(), query_string=b"", **extra):
    scope = make_scope(method, path, query_string=query_string, headers=headers, **extra)
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    return asyncio.run(run_asgi(app, scope, messages))


class WSGIResult:
    def __init__(self, status, headers, body, iterable):
        self.status_line = status
        self.status = int(status.split(" ", 1)[0])
        self.header_list = headers
        self.body = body
        self.iterable = iterable

    def header(self, name):
        for key, value in self.header_list:
            if key.lower() == name.lower():
                return value
        return None

    def headers_named(self, name):
        return [v for k, v in self.header_list if k.lower() == name.lower()]


def make_environ(method="GET", path="/", body=b"", query_string="", **extra):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": query_string,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    if body:
        environ["CONTENT_LENGTH"] = str(len(body))
    environ.update(extra)
    return environ


def wsgi(app, method="GET", path="/", body=b"", query_string="", close=True, **extra):
    environ = make_environ(method, path, body, query_string, **extra)
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = status
        captured["headers"] = headers

    iterable = app(environ, start_response)
    try:
        body = b"".join(iterable)
    finally:
        if close and hasattr(iterable, "close"):
            iterable.close()
    return WSGIResult(captured["status"], captured["headers"], body, iterable)
