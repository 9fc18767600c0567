"""DatabaseCache specifics on SQLite, PostgreSQL and MariaDB: table layout, races, culling, USE_TZ."""

import asyncio
import io
import threading

import pytest

from nuages.core.management import call_command
from nuages.db import connections
from nuages.test import override_settings

db_backends = pytest.mark.parametrize(
    "backend", ["db-sqlite", "db-postgresql", "db-mysql"], indirect=True
)


def rows(backend, sql, params=None):
    conn = connections[backend._connection(write=False).alias]
    with conn.cursor() as cursor:
        cursor.execute(sql.replace("{t}", conn.ops.quote_name(backend._table)), params)
        return cursor.fetchall()


@db_backends
def test_table_layout_and_dry_run(backend):
    conn = backend._connection(write=False)
    out = io.StringIO()
    call_command("createcachetable", "other_cache_t", database=conn.alias, dry_run=True, stdout=out)
    sql = out.getvalue()
    assert "CREATE TABLE" in sql and "CREATE INDEX" in sql
    assert conn.data_types["TextField"] in sql
    dt = conn.data_types["DateTimeField"]
    assert f"{conn.ops.quote_name('expires')} {dt} NOT NULL" in sql
    assert "other_cache_t" not in conn.introspection.table_names()
    backend.set("k", 1, timeout=None)
    (expires,) = rows(
        backend, "SELECT expires FROM {t} WHERE cache_key = %s", [backend.make_key("k")]
    )[0]
    assert str(expires).startswith("9999-12-31 23:59:59")
    (value,) = rows(backend, "SELECT value FROM {t}")[0]
    assert isinstance(value, str)  # pickled, base64 text


@db_backends
def test_concurrent_add_one_winner(backend):
    results = []
    barrier = threading.Barrier(6)

    def worker(n):
        barrier.wait()
        results.append(backend.add("race", n))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 1
    assert backend.get("race") in range(6)

    async def scenario():
        return await asyncio.gather(*(backend.aadd("arace", n) for n in range(6)))

    assert asyncio.run(scenario()).count(True) == 1


@db_backends
def test_add_over_expired_row(backend):
    backend.set("e", 1, timeout=0)
    assert backend.add("e", 2) is True
    assert backend.get("e") == 2


@db_backends
def test_culling(factory, backend):
    small = factory(backend.backend_name, OPTIONS={"MAX_ENTRIES": 9, "CULL_FREQUENCY": 3})
    for i in range(20):
        small.set(f"c{i}", i)
    count = rows(backend, "SELECT COUNT(*) FROM {t}")[0][0]
    assert count <= 9
    assert small.get("c19") == 19
    clear_all = factory(backend.backend_name, OPTIONS={"MAX_ENTRIES": 5, "CULL_FREQUENCY": 0})
    for i in range(6):
        clear_all.set(f"z{i}", i)
    assert rows(backend, "SELECT COUNT(*) FROM {t}")[0][0] <= 5


@db_backends
def test_without_use_tz(backend):
    with override_settings(USE_TZ=False):
        backend.set("naive", "v", timeout=30)
        assert backend.get("naive") == "v"
        backend.set("gone", "v", timeout=0)
        assert backend.get("gone") is None
        assert backend.touch("naive", 60) is True


@db_backends
def test_incr_is_atomic(backend):
    backend.set("n", 0)

    def worker():
        for _ in range(10):
            backend.incr("n")

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert backend.get("n") == 40
