"""caches/cache, settings, the dummy backend, key validation, culling, servers that are down."""

import asyncio
import os
import warnings

import pytest

from nuages.core.cache import (
    DEFAULT_CACHE_ALIAS,
    CacheKeyWarning,
    InvalidCacheBackendError,
    InvalidCacheKey,
    cache,
    caches,
    close_caches,
)
from nuages.core.cache.backends.locmem import LocMemCache
from nuages.core.cache.utils import make_template_fragment_key
from nuages.core.signals import request_finished
from nuages.test import override_settings

LOCMEM = "nuages.core.cache.backends.locmem.LocMemCache"


def test_default_cache_and_proxy():
    assert DEFAULT_CACHE_ALIAS == "default"
    assert isinstance(caches["default"], LocMemCache)
    cache.set("proxy", 1)
    assert caches["default"].get("proxy") == 1
    assert "proxy" in cache
    cache.delete("proxy")


def test_one_backend_per_thread():
    import threading

    here = caches["default"]
    assert caches["default"] is here
    other = []
    t = threading.Thread(target=lambda: other.append(caches["default"]))
    t.start()
    t.join()
    assert other[0] is not here


def test_unknown_alias_and_backend():
    with pytest.raises(InvalidCacheBackendError, match="nope"):
        caches["nope"]
    with override_settings(CACHES={"default": {"BACKEND": "no.such.Backend"}}):
        with pytest.raises(InvalidCacheBackendError, match="no.such.Backend"):
            caches["default"]
    with override_settings(CACHES={"other": {"BACKEND": LOCMEM}}):
        with pytest.raises(InvalidCacheBackendError, match="default"):
            caches["other"]


def test_override_settings_resets_caches():
    before = caches["default"]
    with override_settings(CACHES={"default": {"BACKEND": LOCMEM, "LOCATION": "ov", "TIMEOUT": 7}}):
        assert caches["default"].default_timeout == 7
    assert caches["default"] is not before
    assert caches["default"].default_timeout == 300


def test_settings_options():
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": LOCMEM,
                "LOCATION": "opts",
                "KEY_PREFIX": "site",
                "VERSION": 3,
                "KEY_FUNCTION": lambda k, p, v: f"{p}|{v}|{k}",
                "OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2},
            }
        }
    ):
        c = caches["default"]
        assert c.make_key("a") == "site|3|a"
        assert c._max_entries == 10 and c._cull_frequency == 2


def test_key_function_dotted_path():
    c = LocMemCache("dotted", {"KEY_FUNCTION": "nuages.core.cache.backends.base.default_key_func"})
    assert c.make_key("k", version=4) == ":4:k"


def test_close_caches_on_request_finished():
    closed = []
    c = caches["default"]
    c.close = lambda **kw: closed.append(True)
    try:
        request_finished.send(sender=None)
        assert closed
        close_caches()
        assert len(closed) == 2
    finally:
        del c.close


def test_locmem_lru_culling():
    c = LocMemCache("cull", {"OPTIONS": {"MAX_ENTRIES": 9, "CULL_FREQUENCY": 3}})
    c.clear()
    for i in range(9):
        c.set(f"k{i}", i)
    c.get("k0")  # recently used: survives the cull
    c.set("new", 1)
    assert c.get("k0") == 0 and c.get("new") == 1
    assert c.get("k1") is None and c.get("k2") is None and c.get("k3") is None
    assert len(c._cache) == 7


def test_locmem_cull_frequency_zero_clears():
    c = LocMemCache("cull0", {"OPTIONS": {"MAX_ENTRIES": 3, "CULL_FREQUENCY": 0}})
    c.clear()
    for i in range(4):
        c.set(f"k{i}", i)
    assert len(c._cache) == 1 and c.get("k3") == 3


def test_filebased_culling_and_atomic_files(factory, tmp_path):
    c = factory("filebased", OPTIONS={"MAX_ENTRIES": 6, "CULL_FREQUENCY": 2})
    for i in range(12):
        c.set(f"k{i}", i)
    files = os.listdir(tmp_path / "cache")
    assert 3 <= len(files) <= 6
    assert all(name.endswith(".djcache") for name in files)  # no temporary files left


def test_filebased_recreates_directory_and_clear(factory, tmp_path):
    import shutil

    c = factory("filebased")
    c.set("a", 1)
    shutil.rmtree(tmp_path / "cache")
    assert c.get("a") is None
    c.set("a", 2)
    assert c.get("a") == 2
    c.clear()
    assert c.get("a") is None


def test_clear(factory):
    for name in ("locmem", "filebased"):
        c = factory(name)
        c.set("a", 1)
        c.clear()
        assert c.get("a") is None


# --- the dummy backend ---------------------------------------------------------------------


def test_dummy_stores_nothing(factory):
    c = factory("dummy")
    c.set("k", "v")
    assert c.get("k") is None and c.get("k", "d") == "d"
    assert c.add("k", "v") is True
    assert c.has_key("k") is False
    assert c.touch("k") is False
    assert c.delete("k") is False
    assert c.get_many(["k"]) == {}
    assert c.set_many({"k": 1}) == []
    assert c.get_or_set("k", "x") == "x"
    with pytest.raises(ValueError):
        c.incr("k")
    with pytest.raises(ValueError):
        c.incr_version("k")
    c.clear()
    c.delete_many(["k"])

    async def scenario():
        await c.aset("k", 1)
        assert await c.aget("k", "d") == "d"
        assert await c.aadd("k", 1) is True

    asyncio.run(scenario())


def test_dummy_validates_keys(factory):
    c = factory("dummy")
    with pytest.warns(CacheKeyWarning):
        c.set("bad key", 1)


# --- key validation ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["locmem", "filebased", "redis"])
def test_long_and_control_char_keys_warn(factory, name):
    c = factory(name)
    with pytest.warns(CacheKeyWarning, match="longer than 250"):
        c.set("k" * 260, "v")
    with pytest.warns(CacheKeyWarning):
        assert c.get("k" * 260) == "v"
    for bad in ("with space", "tab\there", "nl\n", "del\x7f"):
        with pytest.warns(CacheKeyWarning, match="characters"):
            c.set(bad, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c.set("fine-key", 1)


def test_memcached_rejects_bad_keys(factory):
    c = factory("memcached")
    with pytest.raises(InvalidCacheKey, match="longer than 250"):
        c.set("k" * 260, "v")
    with pytest.raises(InvalidCacheKey, match="characters"):
        c.get("with space")


def test_make_template_fragment_key():
    assert make_template_fragment_key("a") == "template.cache.a.d41d8cd98f00b204e9800998ecf8427e"
    assert make_template_fragment_key("a", ["x", 1]) != make_template_fragment_key("a", ["x", 2])


# --- servers that are down ------------------------------------------------------------------


def test_redis_down_raises_connection_error():
    import redis

    from nuages.core.cache.backends.redis import RedisCache

    c = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})
    with pytest.raises(redis.ConnectionError):
        c.get("k")
    with pytest.raises(redis.ConnectionError):
        asyncio.run(c.aget("k"))


def test_redis_replicas_take_reads(factory):
    from nuages.core.cache.backends.redis import RedisCache

    from .conftest import REDIS_URL  # noqa: F401  (keeps the same db)

    c = RedisCache([REDIS_URL, REDIS_URL], {"KEY_PREFIX": "repl"})
    assert c.client._get_connection_pool_index(write=True) == 0
    assert c.client._get_connection_pool_index(write=False) == 1
    c.set("r", 1)
    assert c.get("r") == 1
    c.delete("r")


def test_redis_int_fast_path(factory):
    c = factory("redis")
    c.set("i", 41)
    raw = c.client.get_client().get(c.make_key("i"))
    assert raw == b"41"
    assert c.incr("i") == 42


# --- the database backend (SQLite, the test database of tests/conftest.py) -------------------


def test_database_cache_on_sqlite():
    import io
    import threading

    from nuages.core.management import call_command

    with override_settings(
        CACHES={
            "default": {"BACKEND": LOCMEM},
            "db": {
                "BACKEND": "nuages.core.cache.backends.db.DatabaseCache",
                "LOCATION": "cache_table_tests",
                "OPTIONS": {"MAX_ENTRIES": 6, "CULL_FREQUENCY": 2},
            },
        }
    ):
        out = io.StringIO()
        call_command("createcachetable", "--dry-run", stdout=out)
        assert "CREATE TABLE" in out.getvalue()
        call_command("createcachetable", verbosity=0)
        call_command("createcachetable", verbosity=0)  # idempotent
        c = caches["db"]
        c.clear()
        c.set("k", {"a": 1})
        assert c.get("k") == {"a": 1}
        assert c.add("k", 2) is False and c.add("k2", 2) is True
        assert c.has_key("k2") and c.get_many(["k", "k2", "x"]) == {"k": {"a": 1}, "k2": 2}
        assert c.incr("k2") == 3
        c.set("zero", 1, timeout=0)
        assert c.get("zero") is None
        c.set("short", 1, timeout=1)
        assert c.touch("short", None) is True
        assert c.delete("k") is True and c.delete("k") is False
        with pytest.raises(TypeError):
            c.set("lock", threading.Lock())
        for i in range(10):
            c.set(f"cull{i}", i)
        from nuages.db import connections

        with connections["default"].cursor() as cursor:
            cursor.execute('SELECT COUNT(*) FROM "cache_table_tests"')
            assert cursor.fetchone()[0] <= 6
        c.clear()
        assert c.get("short") is None
