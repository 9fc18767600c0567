"""A handler-like HttpRequest subclass, built the way the ASGI/WSGI handlers build theirs."""

from contextlib import contextmanager
from io import BytesIO

import pytest

from nuages.conf import settings
from nuages.http import HttpRequest


class StreamRequest(HttpRequest):
    """Sets only what docs/design/http-request.md asks of a handler subclass."""

    def __init__(self, meta, body=b"", scheme="http"):
        self.META = meta
        self.method = meta.get("REQUEST_METHOD", "GET").upper()
        self.path_info = meta.get("PATH_INFO", "/")
        self.path = meta.get("SCRIPT_NAME", "") + self.path_info
        self._stream = BytesIO(body)
        self._scheme = scheme

    def _get_scheme(self):
        return self._scheme


def build_request(
    method="GET", path="/", query="", body=b"", content_type=None, headers=None, **meta
):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
    }
    if body or content_type:
        environ["CONTENT_LENGTH"] = str(len(body))
    if content_type:
        environ["CONTENT_TYPE"] = content_type
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    environ.update(meta)
    scheme = environ.pop("scheme", "http")
    return StreamRequest(environ, body, scheme)


@pytest.fixture
def make_request():
    return build_request


@contextmanager
def _override(**options):
    # A small local stand-in for override_settings, so these tests do not depend on the
    # whole nuages.test package importing cleanly.
    old = {name: getattr(settings, name) for name in options}
    for name, value in options.items():
        setattr(settings, name, value)
    try:
        yield
    finally:
        for name, value in old.items():
            setattr(settings, name, value)


@pytest.fixture
def override_settings():
    return _override
