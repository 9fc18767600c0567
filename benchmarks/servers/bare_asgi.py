"""The ceiling: a bare ASGI app answering the same two endpoints with no framework."""

import json

_HEADERS_JSON = [(b"content-type", b"application/json")]
_HEADERS_TEXT = [(b"content-type", b"text/plain; charset=utf-8")]


async def application(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["path"] == "/json":
        body, headers = json.dumps({"message": "Hello, World!"}).encode(), _HEADERS_JSON
    else:
        body, headers = b"Hello, World!", _HEADERS_TEXT
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
