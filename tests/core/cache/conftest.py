"""One fixture, `backend`, that runs a test on every cache backend, sync and async alike.

The database cache runs on SQLite (a file database, IMMEDIATE transactions), PostgreSQL and
MariaDB (database ``test_nuages_cache``, created if missing, on 127.0.0.1), each session in its
own table (dropped at the end), routed there by a router for the cache's 'django_cache' model.

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


DB_SERVERS = {"postgresql": ("postgresql", 5432, "postgres"), "mysql": ("mysql", 3306, "mysql")}
_db_state: dict = {"aliases": {}, "table": f"nuages_cache_{uuid.uuid4().hex[:10]}"}


class CacheRouter:
    """Sends the test cache table to the alias of the running test."""

    alias = "default"

    def _route(self, model, **hints):
        if model._meta.app_label == "django_cache":
            return self.alias
        return None

    db_for_read = db_for_write = _route


ROUTER = CacheRouter()


def _db_alias(vendor: str, tmp_path_factory) -> str:
    """The alias the cache tests use on `vendor`, with the session's cache table built."""
    from nuages.core.management import call_command
    from nuages.db import connections

    if vendor in _db_state["aliases"]:
        return _db_state["aliases"][vendor]
    alias = f"cache_{vendor}"
    if vendor == "sqlite":
        path = tmp_path_factory.mktemp("dbcache") / "cache.sqlite3"
        base = connections.settings["other"]
        options = {**base["OPTIONS"], "transaction_mode": "IMMEDIATE"}
        connections.settings[alias] = {**base, "NAME": str(path), "OPTIONS": options}
    else:
        server, port, admin_db = DB_SERVERS[vendor]
        require_port(vendor, port)
        base = connections.settings[server]
        connections.settings[f"{alias}_admin"] = {**base, "NAME": admin_db}
        admin = connections[f"{alias}_admin"]
        with admin.cursor() as cursor:
            if vendor == "postgresql":
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = 'test_nuages_cache'")
                if not cursor.fetchall():
                    try:
                        cursor.execute("CREATE DATABASE test_nuages_cache")
                    except Exception:  # created meanwhile by another run
                        pass
            else:
                cursor.execute("CREATE DATABASE IF NOT EXISTS test_nuages_cache")
        admin.close()
        connections.settings[alias] = {**base, "NAME": "test_nuages_cache"}
    call_command("createcachetable", _db_state["table"], database=alias, verbosity=0)
    _db_state["aliases"][vendor] = alias
    return alias


def drop_db_tables() -> None:
    from nuages.db import connections

    for alias in _db_state["aliases"].values():
        conn = connections[alias]
        with conn.cursor() as cursor:
            cursor.execute(f"DROP TABLE {conn.ops.quote_name(_db_state['table'])}")
        conn.close()


@pytest.fixture(scope="session", autouse=True)
def _drop_cache_tables():
    yield
    drop_db_tables()


@pytest.fixture
def db_router():
    """Install ROUTER for the test (restoring the routers afterwards)."""
    from nuages.db import router

    old = router._routers
    router._routers = [*router.routers, ROUTER]
    yield ROUTER
    router._routers = old


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
    if name.startswith("db-"):
        from nuages.core.cache.backends.db import DatabaseCache

        return DatabaseCache(_db_state["table"], params)
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


DATABASES = ["db-sqlite", "db-postgresql", "db-mysql"]
ALL = ["locmem", "filebased", "dummy", "redis", "memcached", *DATABASES]
STORING = ["locmem", "filebased", "redis", "memcached", *DATABASES]


@pytest.fixture(params=STORING)
def backend(request, tmp_path):
    if request.param.startswith("db-"):
        ROUTER.alias = _db_alias(request.param[3:], request.getfixturevalue("tmp_path_factory"))
        request.getfixturevalue("db_router")
    cache = make_backend(request.param, tmp_path)
    cache.backend_name = request.param
    yield cache
    cleanup(request.param, cache)


@pytest.fixture
def factory(tmp_path, request):
    """make(name, **params): a backend with custom params, cleaned up afterwards."""
    made = []

    def make(name, **params):
        if name.startswith("db-"):
            request.getfixturevalue("db_router")
        cache = make_backend(name, tmp_path, **params)
        made.append((name, cache))
        return cache

    yield make
    for name, cache in made:
        if not name.startswith("db-"):  # the backend fixture clears the shared table
            cleanup(name, cache)
