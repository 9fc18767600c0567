"""The ceiling: a bare ASGI app serving the same two responses as the framework sites.

No framework, but the same work on the wire: it reads the request body (the http.request
message) as any application must, and sends the same headers the nuages and Django sites send
(Content-Type, Content-Length, and the headers of their security and clickjacking
middleware). A ceiling that skipped them would answer with fewer header lines and chunked
encoding, and measure those differences along with the framework.
"""

import json

_MIDDLEWARE_HEADERS = [
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


async def application(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    await receive()  # the request body (empty for these GET requests)
    if scope["path"] == "/json":
        body = json.dumps({"message": "Hello, World!"}).encode()
        content_type = b"application/json"
    else:
        body, content_type = b"Hello, World!", b"text/plain"
    headers = [
        (b"content-type", content_type),
        (b"content-length", str(len(body)).encode()),
        *_MIDDLEWARE_HEADERS,
    ]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
