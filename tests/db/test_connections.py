"""connections, settings errors, cursors, errors, placeholders, reconnecting."""

import asyncio

import pytest

from nuages.core.exceptions import ImproperlyConfigured, SynchronousOnlyOperation
from nuages.db import (
    DatabaseError,
    IntegrityError,
    OperationalError,
    ProgrammingError,
    connection,
    connections,
    reset_queries,
)
from nuages.db.backends.signals import connection_created
from nuages.db.utils import (
    ConnectionDoesNotExist,
    ConnectionHandler,
    ConnectionRouter,
    load_backend,
)


def test_missing_default_is_reported():
    with pytest.raises(ImproperlyConfigured, match="'default' database"):
        ConnectionHandler({"other": {"ENGINE": "nuages.db.backends.sqlite3"}}).settings


def test_missing_engine_names_the_alias():
    handler = ConnectionHandler({"default": {"NAME": "x"}})
    with pytest.raises(ImproperlyConfigured, match=r"DATABASES\['default'\].*ENGINE"):
        handler["default"]


def test_unknown_backend_lists_the_builtin_ones():
    with pytest.raises(ImproperlyConfigured, match="isn't an available database backend"):
        load_backend("nuages.db.backends.oracle9")


def test_unknown_alias():
    with pytest.raises(ConnectionDoesNotExist):
        ConnectionHandler({"default": {"ENGINE": "nuages.db.backends.sqlite3"}})["nope"]


def test_empty_databases_gives_a_dummy_backend_that_complains():
    handler = ConnectionHandler({})
    with pytest.raises(ImproperlyConfigured, match="supply the ENGINE value"):
        handler["default"].cursor()


def test_django_engine_names_map_to_nuages():
    handler = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    )
    assert handler["default"].vendor == "sqlite"
    assert handler["default"].settings_dict["CONN_MAX_AGE"] == 0
    assert handler["default"].settings_dict["TEST"]["NAME"] is None


def test_sqlite_without_name():
    handler = ConnectionHandler({"default": {"ENGINE": "nuages.db.backends.sqlite3"}})
    with pytest.raises(ImproperlyConfigured, match="NAME"):
        handler["default"].cursor()


def test_connection_per_thread_and_per_task():
    import threading

    main = connections["default"]
    seen = []
    thread = threading.Thread(target=lambda: seen.append(connections["default"]))
    thread.start()
    thread.join()
    assert seen[0] is not main

    async def task_conn():
        return connections["default"]

    async def main_coro():
        a, b = await asyncio.gather(task_conn(), task_conn())
        return a, b

    a, b = asyncio.run(main_coro())
    assert a is not b and a is not main
    assert connection.alias == "default"


def test_sync_cursor_refused_inside_event_loop():
    async def use():
        connections["default"].cursor()

    with pytest.raises(SynchronousOnlyOperation):
        asyncio.run(use())


class Router:
    def db_for_read(self, model, **hints):
        return "other"

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


def test_router_chain():
    router = ConnectionRouter([Router()])
    assert router.db_for_read(object) == "other"
    assert router.db_for_write(object) == "default"
    assert router.allow_migrate("default", "app") is True
    assert router.allow_migrate("other", "app") is False


def test_parameters_and_errors(db):
    rows = db.execute("SELECT %s, %s", [1, "it's; DROP TABLE x"])
    assert list(rows[0]) == [1, "it's; DROP TABLE x"]
    assert list(db.execute("SELECT %(a)s", {"a": 5})[0]) == [5]
    with pytest.raises((ProgrammingError, OperationalError)) as info:
        db.execute("SELECT * FROM no_such_table_here")
    assert (
        isinstance(info.value.__cause__, db.connection.Database.Error)
        or info.value.__cause__ is not None
    )


def test_integrity_error_is_ours(db):
    db.execute("CREATE TABLE IF NOT EXISTS ntest_u (id integer PRIMARY KEY)")
    db.execute("INSERT INTO ntest_u (id) VALUES (%s)", [1])
    with pytest.raises(IntegrityError):
        db.execute("INSERT INTO ntest_u (id) VALUES (%s)", [1])


def test_connection_created_signal(sync_db):
    seen = []

    def receiver(sender, connection, **kwargs):
        seen.append(connection)

    connection_created.connect(receiver)
    try:
        other = sync_db.connection.copy()
        other.ensure_connection()
        other.close()
    finally:
        connection_created.disconnect(receiver)
    assert seen == [other]


def test_queries_log_and_execute_wrapper(sync_db):
    conn = sync_db.connection
    conn.force_debug_cursor = True
    reset_queries()
    calls = []

    def wrapper(execute, sql, params, many, context):
        calls.append((sql, many, context["connection"] is conn))
        return execute(sql, params, many, context)

    try:
        with conn.execute_wrapper(wrapper), conn.cursor() as cursor:
            cursor.execute("SELECT %s", [42])
        assert calls == [("SELECT %s", False, True)]
        assert conn.queries[-1]["sql"] == "SELECT 42"
        reset_queries()
        assert conn.queries == []
    finally:
        conn.force_debug_cursor = False


def _kill(victim_id, name):
    killer = connections[name].copy()
    try:
        with killer.cursor() as cursor:
            if killer.vendor == "postgresql":
                cursor.execute("SELECT pg_terminate_backend(%s)", [victim_id])
            else:
                cursor.execute(f"KILL {int(victim_id)}")
    finally:
        killer.close()


def test_dropped_connection_reconnects(sync_db):
    if sync_db.vendor == "sqlite":
        pytest.skip("no server session to kill")
    conn = sync_db.connection.copy()
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT pg_backend_pid()"
                if conn.vendor == "postgresql"
                else "SELECT CONNECTION_ID()"
            )
            victim = cursor.fetchone()[0]
        _kill(victim, sync_db.alias)
        with pytest.raises((OperationalError, DatabaseError)):
            with conn.cursor() as cursor:
                cursor.execute("SELECT 1")
        with conn.cursor() as cursor:  # the next use reconnects
            cursor.execute("SELECT 1")
            assert cursor.fetchone()[0] == 1
    finally:
        conn.close()


def test_async_dropped_connection_reconnects(sync_db):
    if sync_db.vendor == "sqlite":
        pytest.skip("no server session to kill")
    conn = sync_db.connection.copy()
    ident = "SELECT pg_backend_pid()" if conn.vendor == "postgresql" else "SELECT CONNECTION_ID()"

    async def scenario():
        async with conn.acursor() as cursor:
            await cursor.execute(ident)
            victim = (await cursor.fetchone())[0]
        await asyncio.get_running_loop().run_in_executor(None, _kill, victim, sync_db.alias)
        with pytest.raises((OperationalError, DatabaseError)):
            async with conn.acursor() as cursor:
                await cursor.execute("SELECT 1")
        async with conn.acursor() as cursor:
            await cursor.execute("SELECT 1")
            row = await cursor.fetchone()
        await conn.aclose()
        return row[0]

    assert asyncio.run(scenario()) == 1
