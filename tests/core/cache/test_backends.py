"""The cache API on every storing backend (locmem, filebased, redis, memcached), sync and async."""

import asyncio
import pickle
import threading
import time

import pytest

from nuages.core.cache.backends.base import UnpicklableValueError


class Thing:
    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return isinstance(other, Thing) and other.value == self.value


def test_set_get_delete(backend):
    assert backend.get("missing") is None
    assert backend.get("missing", "dflt") == "dflt"
    backend.set("k", "value")
    assert backend.get("k") == "value"
    assert backend.has_key("k") and "k" in backend
    assert backend.delete("k") is True
    assert backend.delete("k") is False
    assert backend.get("k") is None


@pytest.mark.parametrize(
    "value",
    [0, 1, -5, 2**70, 1.5, True, False, None, "text ü", b"\x00bytes", [1, "a"], {"a": (1, 2)}],
)
def test_value_types_round_trip(backend, value):
    backend.set("v", value)
    result = backend.get("v", "missing")
    assert result == value and type(result) is type(value)


def test_objects_are_copies(backend):
    obj = Thing([1])
    backend.set("obj", obj)
    obj.value.append(2)
    assert backend.get("obj") == Thing([1])


def test_add(backend):
    assert backend.add("a", 1) is True
    assert backend.add("a", 2) is False
    assert backend.get("a") == 1


def test_timeouts(backend):
    backend.set("zero", "x", timeout=0)
    assert backend.get("zero") is None
    assert backend.add("zero-add", "x", timeout=0) is True
    assert backend.get("zero-add") is None
    backend.set("forever", "x", timeout=None)
    assert backend.get("forever") == "x"
    backend.set("short", "x", timeout=1)
    assert backend.get("short") == "x"
    time.sleep(1.1)
    assert backend.get("short") is None
    assert backend.get("forever") == "x"


def test_touch(backend):
    assert backend.touch("nope") is False
    backend.set("t", "x", timeout=1)
    assert backend.touch("t", timeout=None) is True
    time.sleep(1.1)
    assert backend.get("t") == "x"
    assert backend.touch("t", timeout=0) is True
    assert backend.get("t") is None


def test_many(backend):
    assert backend.set_many({"a": 1, "b": "two", "c": [3]}) == []
    assert backend.get_many(["a", "b", "c", "d"]) == {"a": 1, "b": "two", "c": [3]}
    assert backend.get_many([]) == {}
    backend.delete_many(["a", "b"])
    assert backend.get_many(["a", "b", "c"]) == {"c": [3]}
    backend.set_many({"z": 1}, timeout=0)
    assert backend.get("z") is None


def test_get_or_set(backend):
    assert backend.get_or_set("g", "first") == "first"
    assert backend.get_or_set("g", "second") == "first"
    assert backend.get_or_set("callable", lambda: "computed") == "computed"
    assert backend.get_or_set("none", None) is None


def test_incr_decr(backend):
    backend.set("n", 1)
    assert backend.incr("n") == 2
    assert backend.incr("n", 10) == 12
    assert backend.decr("n") == 11
    assert backend.decr("n", 5) == 6
    assert backend.get("n") == 6
    with pytest.raises(ValueError):
        backend.incr("absent")
    with pytest.raises(ValueError):
        backend.decr("absent")


def test_versions(backend):
    backend.set("ver", "v1", version=1)
    backend.set("ver", "v2", version=2)
    assert backend.get("ver") == "v1"
    assert backend.get("ver", version=2) == "v2"
    assert backend.incr_version("ver") == 2
    assert backend.get("ver") is None
    assert backend.get("ver", version=2) == "v1"
    assert backend.decr_version("ver", version=2) == 1
    assert backend.get("ver") == "v1"
    with pytest.raises(ValueError):
        backend.incr_version("absent")


def test_default_version_and_prefix(factory, backend):
    name = backend.backend_name
    v2 = factory(name, VERSION=2, KEY_PREFIX=backend.key_prefix)
    other = factory(name, KEY_PREFIX=backend.key_prefix + "x")
    backend.set("shared", "v1")
    assert v2.get("shared") is None
    assert v2.get("shared", version=1) == "v1"
    assert other.get("shared") is None
    assert backend.make_key("k") == f"{backend.key_prefix}:1:k"


def test_key_function(factory, backend):
    cache = factory(
        backend.backend_name,
        KEY_FUNCTION=lambda key, prefix, version: f"{prefix}-custom-{version}-{key}",
    )
    assert cache.make_key("k") == f"{cache.key_prefix}-custom-1-k"
    cache.set("k", "v")
    assert cache.get("k") == "v"


def test_default_timeout_setting(factory, backend):
    cache = factory(backend.backend_name, TIMEOUT=1)
    cache.set("k", "v")
    assert cache.get("k") == "v"
    time.sleep(1.1)
    assert cache.get("k") is None
    forever = factory(backend.backend_name, TIMEOUT=None)
    assert forever.default_timeout is None


def test_unpicklable_value_raises_clear_error(backend):
    with pytest.raises(UnpicklableValueError, match=r"_thread\.lock|lock") as info:
        backend.set("lock", threading.Lock())
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, pickle.PicklingError)
    with pytest.raises(TypeError, match="function"):
        backend.set("local", lambda: 1)


def test_unicode_keys(backend):
    backend.set("ключ-ü", "value")
    assert backend.get("ключ-ü") == "value"


def test_close(backend):
    backend.set("c", 1)
    backend.close()
    assert backend.get("c") == 1


# --- async twins ---------------------------------------------------------------------------


def test_async_api(backend):
    async def scenario():
        assert await backend.aget("missing", "d") == "d"
        await backend.aset("k", {"x": 1})
        assert await backend.aget("k") == {"x": 1}
        assert await backend.aadd("k", 2) is False
        assert await backend.aadd("k2", 2) is True
        assert await backend.ahas_key("k2") is True
        assert await backend.aincr("k2", 3) == 5
        assert await backend.adecr("k2") == 4
        await backend.aset_many({"m1": 1, "m2": 2})
        assert await backend.aget_many(["m1", "m2", "m3"]) == {"m1": 1, "m2": 2}
        await backend.adelete_many(["m1"])
        assert await backend.aget("m1") is None
        assert await backend.aget_or_set("gos", lambda: "made") == "made"
        assert await backend.atouch("gos", None) is True
        assert await backend.aincr_version("gos") == 2
        assert await backend.aget("gos", version=2) == "made"
        assert await backend.adecr_version("gos", version=2) == 1
        assert await backend.adelete("k") is True
        assert await backend.aget("k") is None
        await backend.aclose()

    asyncio.run(scenario())
    # The sync API sees what the async one wrote.
    assert backend.get("k2") == 4


def test_async_across_event_loops(backend):
    async def set_get(value):
        await backend.aset("loop", value)
        return await backend.aget("loop")

    assert asyncio.run(set_get(1)) == 1
    assert asyncio.run(set_get(2)) == 2


def test_async_concurrency(backend):
    async def scenario():
        await asyncio.gather(*(backend.aset(f"c{i}", i) for i in range(20)))
        values = await asyncio.gather(*(backend.aget(f"c{i}") for i in range(20)))
        assert values == list(range(20))

    asyncio.run(scenario())


def test_thread_safety(backend):
    backend.set("counter", 0)
    errors = []

    def worker(n):
        try:
            for i in range(20):
                backend.set(f"w{n}-{i}", i)
                assert backend.get(f"w{n}-{i}") == i
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
