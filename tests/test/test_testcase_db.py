"""nuages.test.TestCase / TransactionTestCase with a database (SQLite, the default alias)."""

import unittest

from nuages.db import connection, connections, transaction
from nuages.test import TestCase, TransactionTestCase
from nuages.test.utils import CaptureQueriesContext


def _table():
    with connection.cursor() as c:
        c.execute("CREATE TABLE IF NOT EXISTS ntest_tc (id integer PRIMARY KEY, tags varchar(20))")


def _run(case_cls, *names):
    suite = unittest.TestSuite(case_cls(name) for name in names)
    result = unittest.TestResult()
    suite.run(result)
    return result


class Rows(TestCase):
    @classmethod
    def setUpTestData(cls):
        _table()
        with connection.cursor() as c:
            c.execute("INSERT INTO ntest_tc (id, tags) VALUES (%s, %s)", [1, "class"])
        cls.data = {"list": [1]}

    def test_a_sees_class_data_and_writes(self):
        self.data["list"].append(2)
        with connection.cursor() as c:
            c.execute("INSERT INTO ntest_tc (id, tags) VALUES (%s, %s)", [2, "test"])
            c.execute("SELECT count(*) FROM ntest_tc")
            self.assertEqual(c.fetchone()[0], 2)

    def test_b_rolled_back_and_copied(self):
        self.assertEqual(self.data, {"list": [1]})
        with connection.cursor() as c:
            c.execute("SELECT count(*) FROM ntest_tc")
            self.assertEqual(c.fetchone()[0], 1)

    async def test_c_async_test_shares_the_transaction(self):
        async with connection.acursor() as c:
            await c.execute("SELECT count(*) FROM ntest_tc")
            self.assertEqual((await c.fetchone())[0], 1)
        async with transaction.atomic():
            async with connection.acursor() as c:
                await c.execute("INSERT INTO ntest_tc (id, tags) VALUES (%s, %s)", [3, "async"])

    def test_d_num_queries_and_on_commit(self):
        with self.assertNumQueries(2):
            with connection.cursor() as c:
                c.execute("SELECT 1")
                c.execute("SELECT 2")
        self.assertNumQueries(1, lambda: connection.cursor().execute("SELECT 3"))
        ran = []
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            transaction.on_commit(lambda: ran.append(1))
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(ran, [1])

    def test_e_other_alias_forbidden(self):
        with self.assertRaisesMessage(
            AssertionError, "Database queries to 'other' are not allowed in this test"
        ):
            connections["other"].cursor()


class Flushed(TransactionTestCase):
    def test_writes_commit(self):
        with connection.cursor() as c:
            c.execute("CREATE TABLE IF NOT EXISTS ntest_tc_flush (id integer PRIMARY KEY)")
            c.execute("DELETE FROM ntest_tc_flush")
            c.execute("INSERT INTO ntest_tc_flush (id) VALUES (%s)", [9])


def test_testcase_runs_isolated():
    result = _run(
        Rows,
        "test_a_sees_class_data_and_writes",
        "test_b_rolled_back_and_copied",
        "test_c_async_test_shares_the_transaction",
        "test_d_num_queries_and_on_commit",
        "test_e_other_alias_forbidden",
    )
    assert result.wasSuccessful(), result.errors + result.failures
    # setUpTestData's table and rows were rolled back with the class transaction
    assert "ntest_tc" not in connection.introspection.table_names()


def test_capture_queries_context():
    conn = connections["default"]
    with CaptureQueriesContext(conn) as ctx:
        with conn.cursor() as c:
            c.execute("SELECT %s", [1])
    assert [q["sql"] for q in ctx.captured_queries] == ["SELECT 1"]
