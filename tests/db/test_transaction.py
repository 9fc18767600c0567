"""transaction.atomic, savepoints, on_commit, durable, TransactionManagementError, sync and async.

Tests run inside the db fixture's outer (rolled-back) atomic block, so "commit" below means the
outermost block of the test; the fixture's block is marked as coming from a test case."""

import pytest

from nuages.db import IntegrityError, transaction
from nuages.db.transaction import TransactionManagementError

TABLE = "ntest_tx"


def _setup(db):
    db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY, name varchar(20))")
    db.execute(f"DELETE FROM {TABLE}")


def _ids(db):
    return sorted(r[0] for r in db.execute(f"SELECT id FROM {TABLE}"))


def _insert_sql():
    return f"INSERT INTO {TABLE} (id, name) VALUES (%s, %s)"


def test_rollback_on_exception_and_nested_savepoint(db):
    _setup(db)
    conn = db.connection

    def sync():
        with transaction.atomic(using=db.alias):
            with conn.cursor() as c:
                c.execute(_insert_sql(), [1, "kept"])
            try:
                with transaction.atomic(using=db.alias):
                    with conn.cursor() as c:
                        c.execute(_insert_sql(), [2, "gone"])
                    raise ValueError
            except ValueError:
                pass
            try:
                with transaction.atomic(using=db.alias):
                    with conn.cursor() as c:
                        c.execute(_insert_sql(), [1, "dup"])
            except IntegrityError:
                pass

    async def run_async():
        async with transaction.atomic(using=db.alias):
            async with conn.acursor() as c:
                await c.execute(_insert_sql(), [1, "kept"])
            try:
                async with transaction.atomic(using=db.alias):
                    async with conn.acursor() as c:
                        await c.execute(_insert_sql(), [2, "gone"])
                    raise ValueError
            except ValueError:
                pass
            try:
                async with transaction.atomic(using=db.alias):
                    async with conn.acursor() as c:
                        await c.execute(_insert_sql(), [1, "dup"])
            except IntegrityError:
                pass

    db.run(sync, run_async)
    assert _ids(db) == [1]


def test_on_commit_runs_after_commit_only(db):
    _setup(db)
    calls = []

    def sync():
        with transaction.atomic(using=db.alias):
            transaction.on_commit(lambda: calls.append("outer"), using=db.alias)
            try:
                with transaction.atomic(using=db.alias):
                    transaction.on_commit(lambda: calls.append("rolled back"), using=db.alias)
                    raise ValueError
            except ValueError:
                pass
            assert calls == []

    async def run_async():
        async with transaction.atomic(using=db.alias):
            transaction.on_commit(lambda: calls.append("outer"), using=db.alias)
            try:
                async with transaction.atomic(using=db.alias):
                    transaction.on_commit(lambda: calls.append("rolled back"), using=db.alias)
                    raise ValueError
            except ValueError:
                pass
            assert calls == []

    db.run(sync, run_async)
    # the fixture's outer block is still open: hooks wait for the real commit
    assert calls == []
    db.connection.run_on_commit.clear()


def test_on_commit_robust_and_immediate():
    # outside any transaction the callback runs at once (fresh connection, autocommit)
    from nuages.db import connections

    conn = connections["default"].copy()
    calls = []
    conn.on_commit(lambda: calls.append(1))
    assert calls == [1]

    def boom():
        raise RuntimeError("x")

    conn.on_commit(boom, robust=True)
    with pytest.raises(RuntimeError):
        conn.on_commit(boom)
    with pytest.raises(TypeError):
        conn.on_commit("not callable")


def test_real_commit_runs_hooks_sync_and_async():
    """Outside the fixture: a durable block on a fresh wrapper commits and runs hooks."""
    import asyncio

    from nuages.db import connections

    calls = []
    conn = connections["default"].copy()
    with connections.pin({"default": conn}):
        with transaction.atomic(durable=True):
            transaction.on_commit(lambda: calls.append("sync"))
            assert calls == []
        assert calls == ["sync"]

        async def scenario():
            async with transaction.atomic():
                transaction.on_commit(lambda: calls.append("async"))
            await conn.aclose()

        asyncio.run(scenario())
    conn.close()
    assert calls == ["sync", "async"]


def test_durable_nested_is_refused():
    from nuages.db import connections

    conn = connections["default"].copy()
    with connections.pin({"default": conn}):
        with pytest.raises(RuntimeError, match="durable"):
            with transaction.atomic():
                with transaction.atomic(durable=True):
                    pass
    conn.close()


def test_query_after_error_in_atomic_raises(db):
    _setup(db)
    conn = db.connection

    def sync():
        with transaction.atomic(using=db.alias):
            with conn.cursor() as c:
                c.execute(_insert_sql(), [1, "a"])
                with pytest.raises(IntegrityError):
                    c.execute(_insert_sql(), [1, "a"])
                with pytest.raises(TransactionManagementError):
                    c.execute("SELECT 1")

    async def run_async():
        async with transaction.atomic(using=db.alias):
            async with conn.acursor() as c:
                await c.execute(_insert_sql(), [1, "a"])
                with pytest.raises(IntegrityError):
                    await c.execute(_insert_sql(), [1, "a"])
                with pytest.raises(TransactionManagementError):
                    await c.execute("SELECT 1")

    db.run(sync, run_async)
    assert _ids(db) == []


def test_set_rollback_and_decorators(db):
    _setup(db)
    conn = db.connection

    @transaction.atomic(using=db.alias)
    def sync():
        with conn.cursor() as c:
            c.execute(_insert_sql(), [5, "x"])
        assert transaction.get_rollback(using=db.alias) is False
        transaction.set_rollback(True, using=db.alias)

    @transaction.atomic(using=db.alias)
    async def run_async():
        async with conn.acursor() as c:
            await c.execute(_insert_sql(), [5, "x"])
        transaction.set_rollback(True, using=db.alias)

    db.run(sync, run_async)
    assert _ids(db) == []


def test_manual_savepoints(sync_db):
    _setup(sync_db)
    conn = sync_db.connection
    sid = transaction.savepoint(using=sync_db.alias)
    with conn.cursor() as c:
        c.execute(_insert_sql(), [7, "x"])
    transaction.savepoint_rollback(sid, using=sync_db.alias)
    sid = transaction.savepoint(using=sync_db.alias)
    with conn.cursor() as c:
        c.execute(_insert_sql(), [8, "y"])
    transaction.savepoint_commit(sid, using=sync_db.alias)
    assert _ids(sync_db) == [8]


def test_misuse_inside_atomic(sync_db):
    with pytest.raises(TransactionManagementError):
        transaction.commit(using=sync_db.alias)
    with pytest.raises(TransactionManagementError):
        transaction.set_autocommit(True, using=sync_db.alias)


def test_mark_for_rollback_on_error(sync_db):
    with transaction.atomic(using=sync_db.alias):
        with pytest.raises(ValueError):
            with transaction.mark_for_rollback_on_error(using=sync_db.alias):
                raise ValueError
        assert transaction.get_rollback(using=sync_db.alias) is True
        transaction.set_rollback(False, using=sync_db.alias)


def test_get_rollback_outside_atomic():
    from nuages.db import connections

    conn = connections["default"].copy()
    with pytest.raises(TransactionManagementError):
        conn.get_rollback()
