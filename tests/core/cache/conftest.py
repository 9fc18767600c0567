"""One fixture, `backend`, that runs a test on every cache backend, sync and async alike.

Redis uses database 14 at 127.0.0.1:6379 and memcached 127.0.0.1:11211 (both started by
.ci/run). With NUAGES_TEST_REQUIRE_SERVICES=1 a server that does not answer fails the test;
otherwise the test is skipped.
"""

import os
import socket
import uuid

import pytest

from nuages.core.cache.backends.dummy import DummyCache
from nuages.core.cache.backends.filebased import FileBasedCache
from nuages.core.cache.backends.locmem import LocMemCache

REDIS_URL = "redis://127.0.0.1:6379/14"
MEMCACHED_LOCATION = "127.0.0.1:11211"
_REQUIRE = os.environ.get("NUAGES_TEST_REQUIRE_SERVICES") == "1"


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def require_port(name: str, port: int) -> None:
    if not answers(port):
        why = f"{name} does not answer on 127.0.0.1:{port}"
        if _REQUIRE:
            pytest.fail(f"NUAGES_TEST_REQUIRE_SERVICES=1 and {why}", pytrace=False)
        pytest.skip(why)


def make_backend(name: str, tmp_path, **params):
    prefix = f"t{uuid.uuid4().hex[:8]}"
    params.setdefault("KEY_PREFIX", prefix)
    if name == "locmem":
        return LocMemCache(str(tmp_path), params)
    if name == "filebased":
        return FileBasedCache(tmp_path / "cache", params)
    if name == "dummy":
        return DummyCache("", params)
    if name == "redis":
        require_port("Redis", 6379)
        from nuages.core.cache.backends.redis import RedisCache

        return RedisCache(REDIS_URL, params)
    if name == "memcached":
        require_port("memcached", 11211)
        from nuages.core.cache.backends.memcached import PyMemcacheCache

        return PyMemcacheCache(MEMCACHED_LOCATION, params)
    raise ValueError(name)


def cleanup(name: str, backend) -> None:
    # Remove only this test's keys from the shared servers.
    if name == "redis":
        client = backend.client.get_client(write=True)
        keys = list(client.scan_iter(f"{backend.key_prefix}:*"))
        if keys:
            client.delete(*keys)
        backend.client.get_client(write=True).connection_pool.disconnect()
    elif name == "memcached":
        backend.close()
    else:
        backend.clear()


ALL = ["locmem", "filebased", "dummy", "redis", "memcached"]
STORING = ["locmem", "filebased", "redis", "memcached"]


@pytest.fixture(params=STORING)
def backend(request, tmp_path):
    cache = make_backend(request.param, tmp_path)
    cache.backend_name = request.param
    yield cache
    cleanup(request.param, cache)


@pytest.fixture
def factory(tmp_path):
    """make(name, **params): a backend with custom params, cleaned up afterwards."""
    made = []

    def make(name, **params):
        cache = make_backend(name, tmp_path, **params)
        made.append((name, cache))
        return cache

    yield make
    for name, cache in made:
        cleanup(name, cache)
