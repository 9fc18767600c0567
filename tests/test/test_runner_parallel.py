"""`manage.py test --parallel`: worker processes, cloned test databases, results sent back.

Each test builds a throwaway project in tmp_path and runs `manage.py test` in a subprocess.
PostgreSQL and MariaDB run when they answer on 127.0.0.1 (required with
NUAGES_TEST_REQUIRE_SERVICES=1).
"""

import os
import socket
import subprocess
import sys
import unittest

import pytest

from nuages.test.runner import DiscoverRunner, get_max_test_processes, partition_suite_by_case

pytestmark = pytest.mark.slow

MANAGE = """
import os, sys
if __name__ == "__main__":
    os.environ.setdefault("NUAGES_SETTINGS_MODULE", "proj_settings")
    from nuages.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
"""

SETTINGS = """
import os
SECRET_KEY = "parallel-tests"
INSTALLED_APPS = ["app"]
ALLOWED_HOSTS = []
_BACKEND = os.environ.get("BACKEND", "sqlite")
_NAME = os.environ.get("DB_NAME", "w15")
if _BACKEND == "sqlite":
    DATABASES = {"default": {"ENGINE": "nuages.db.backends.sqlite3", "NAME": "db.sqlite3",
                             "TEST": {"NAME": os.environ.get("TEST_NAME")}}}
elif _BACKEND == "postgresql":
    DATABASES = {"default": {"ENGINE": "nuages.db.backends.postgresql", "NAME": _NAME,
                             "USER": "postgres", "HOST": "127.0.0.1"}}
else:
    DATABASES = {"default": {"ENGINE": "nuages.db.backends.mysql", "NAME": _NAME,
                             "USER": "root", "HOST": "127.0.0.1"}}
"""

MODELS = """
from nuages.db import models

class Thing(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        app_label = "app"
"""

PIDS = """
import os, time
from nuages.test import SimpleTestCase

def record(test):
    time.sleep(0.15)
    with open(os.path.join(os.environ["OUT"], f"{os.getpid()}-{test.id()}"), "w"):
        pass
"""
PIDS += "".join(
    f"\nclass Case{n}(SimpleTestCase):\n    def test_a(self):\n        record(self)\n"
    f"    def test_b(self):\n        record(self)\n"
    for n in range(4)
)

FAILING = """
import unittest
from nuages.test import SimpleTestCase


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle this")


class First(SimpleTestCase):
    def test_fails(self):
        self.fail("FIRST-BOOM")

    def test_passes(self):
        pass


class Second(SimpleTestCase):
    def test_unpicklable(self):
        raise Unpicklable(lambda: "UNPICKLABLE-PAYLOAD")

    def test_subtests(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertNotEqual(i, 1)

    @unittest.expectedFailure
    def test_expected(self):
        self.fail("expected")

    @unittest.skip("SKIP-REASON")
    def test_skipped(self):
        pass

    def test_output(self):
        print("OUTPUT-OF-SECOND")
"""

DB_TESTS = """
import os
from nuages.db import connection
from nuages.test import TestCase
from app.models import Thing
"""
DB_TESTS += "".join(
    f"\nclass Db{n}(TestCase):\n    def test_rows(self):\n"
    f"        Thing.objects.create(name='x')\n"
    f"        self.assertEqual(Thing.objects.count(), 1)\n"
    f"        with open(os.path.join(os.environ['OUT'], f'{{os.getpid()}}-{n}'), 'w') as f:\n"
    f"            f.write(str(connection.settings_dict['NAME']))\n"
    for n in range(3)
)

SPAWN_RUNNER = """
from nuages.test.runner import DiscoverRunner, ParallelTestSuite

class SpawnSuite(ParallelTestSuite):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_method = "spawn"

class Runner(DiscoverRunner):
    parallel_test_suite = SpawnSuite
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "manage.py").write_text(MANAGE)
    (tmp_path / "proj_settings.py").write_text(SETTINGS)
    (tmp_path / "spawnrunner.py").write_text(SPAWN_RUNNER)
    app = tmp_path / "app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(MODELS)
    (app / "test_pids.py").write_text(PIDS)
    (app / "test_failing.py").write_text(FAILING)
    (app / "test_db.py").write_text(DB_TESTS)
    (tmp_path / "out").mkdir()
    return tmp_path


def manage(project, *args, **env):
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NUAGES_SETTINGS_MODULE", "DJANGO_SETTINGS_MODULE", "NUAGES_TEST_PROCESSES"}
    }
    environ["OUT"] = str(project / "out")
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "test", *args],
        cwd=project,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def recorded(project):
    """{test or db id: pid} from the files the tests wrote."""
    return {
        name.split("-", 1)[1]: int(name.split("-", 1)[0]) for name in os.listdir(project / "out")
    }


def test_classes_run_in_several_workers(project):
    result = manage(project, "--parallel", "2", "app.test_pids")
    assert result.returncode == 0, result.stderr
    assert "Ran 8 tests" in result.stderr and "OK" in result.stderr
    pids = recorded(project)
    assert len(pids) == 8
    assert len(set(pids.values())) >= 2
    for n in range(4):  # the tests of one class stay in one worker
        assert pids[f"app.test_pids.Case{n}.test_a"] == pids[f"app.test_pids.Case{n}.test_b"]


def test_auto_uses_the_environment_variable(project):
    result = manage(project, "--parallel", "auto", "app.test_pids", NUAGES_TEST_PROCESSES="2")
    assert result.returncode == 0, result.stderr
    assert len(set(recorded(project).values())) == 2


def test_failures_errors_and_outcomes_are_reported(project):
    result = manage(project, "--parallel", "2", "--buffer", "app.test_failing")
    assert result.returncode == 1
    assert "FAILED (failures=2, errors=1, skipped=1, expected failures=1)" in result.stderr
    assert "Ran 7 tests" in result.stderr
    assert "FIRST-BOOM" in result.stderr
    assert "(i=1)" in result.stderr
    # The unpicklable exception arrives as the worker's formatted traceback.
    assert "ERROR: test_unpicklable" in result.stderr
    assert "Unpicklable: <function Second.test_unpicklable" in result.stderr
    assert 'raise Unpicklable(lambda: "UNPICKLABLE-PAYLOAD")' in result.stderr
    assert "OUTPUT-OF-SECOND" not in result.stdout + result.stderr  # --buffer


def test_failfast_stops_remaining_work(project):
    result = manage(
        project, "--parallel", "2", "--failfast", "app.test_failing.First", "app.test_pids"
    )
    assert result.returncode == 1
    assert "FAILED (failures=1)" in result.stderr
    assert "Ran 1 test" in result.stderr


def test_a_dying_worker_is_reported(project):
    (project / "app" / "test_dies.py").write_text(
        "import os\nfrom nuages.test import SimpleTestCase\n\n"
        "class Dies(SimpleTestCase):\n    def test_exit(self):\n        os._exit(3)\n\n"
        "class Lives(SimpleTestCase):\n    def test_ok(self):\n        pass\n"
    )
    result = manage(project, "--parallel", "2", "app.test_dies")
    assert result.returncode == 1
    assert "A worker process ended abruptly" in result.stderr


def test_tags_and_k_still_apply(project):
    result = manage(project, "--parallel", "2", "-k", "test_a", "app.test_pids")
    assert result.returncode == 0, result.stderr
    assert "Ran 4 tests" in result.stderr
    assert len(recorded(project)) == 4


def test_a_single_class_runs_serially(project):
    result = manage(project, "--parallel", "4", "app.test_db.Db0")
    assert result.returncode == 0, result.stderr
    assert "Cloning" not in result.stderr


def test_spawned_workers_set_up_from_the_settings_module(project):
    result = manage(project, "--parallel", "2", "--testrunner", "spawnrunner.Runner", "app.test_db")
    assert result.returncode == 0, result.stderr
    names = {(project / "out" / f).read_text() for f in os.listdir(project / "out")}
    assert all("memorydb_default_" in name for name in names), names


def _check_db_run(project, result, names_like):
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ran 3 tests" in result.stderr
    assert result.stderr.count("Cloning test database for alias 'default'") == 2
    assert result.stderr.count("Destroying clone") == 2
    names = {(project / "out" / f).read_text() for f in os.listdir(project / "out")}
    assert len(set(recorded(project).values())) == 2
    assert names <= names_like and len(names) == 2, names


def test_sqlite_in_memory_clones(project, tmp_path):
    result = manage(project, "--parallel", "2", "app.test_db")
    expected = {f"file:memorydb_default_{n}?mode=memory&cache=shared" for n in (1, 2)}
    _check_db_run(project, result, expected)


def test_sqlite_file_clones_are_removed_or_kept(project):
    result = manage(project, "--parallel", "2", "app.test_db", TEST_NAME="tdb.sqlite3")
    _check_db_run(project, result, {"tdb_1.sqlite3", "tdb_2.sqlite3"})
    assert not list(project.glob("tdb*.sqlite3"))
    result = manage(project, "--parallel", "2", "--keepdb", "app.test_db", TEST_NAME="tdb.sqlite3")
    assert result.returncode == 0, result.stderr
    assert {p.name for p in project.glob("tdb*.sqlite3")} == {
        "tdb.sqlite3",
        "tdb_1.sqlite3",
        "tdb_2.sqlite3",
    }


def _server(port, name):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
    except OSError:
        if os.environ.get("NUAGES_TEST_REQUIRE_SERVICES") == "1":
            pytest.fail(f"NUAGES_TEST_REQUIRE_SERVICES=1 and {name} does not answer", pytrace=False)
        pytest.skip(f"{name} does not answer on 127.0.0.1:{port}")


def test_postgresql_clones(project):
    _server(5432, "postgresql")
    import psycopg

    name = f"w15par_{os.getpid()}"
    result = manage(project, "--parallel", "2", "app.test_db", BACKEND="postgresql", DB_NAME=name)
    _check_db_run(project, result, {f"test_{name}_1", f"test_{name}_2"})
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres") as conn:
        left = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"test_{name}%"]
        ).fetchall()
    assert left == []


def test_mariadb_clones(project):
    _server(3306, "mariadb")
    import pymysql

    name = f"w15par_{os.getpid()}"
    result = manage(project, "--parallel", "2", "app.test_db", BACKEND="mysql", DB_NAME=name)
    _check_db_run(project, result, {f"test_{name}_1", f"test_{name}_2"})
    conn = pymysql.connect(host="127.0.0.1", user="root")
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE %s",
                [f"test_{name}%"],
            )
            assert cursor.fetchall() == ()
    finally:
        conn.close()


# --- in-process -----------------------------------------------------------------------------


def test_get_max_test_processes_honours_the_variables(monkeypatch):
    monkeypatch.delenv("NUAGES_TEST_PROCESSES", raising=False)
    monkeypatch.setenv("DJANGO_TEST_PROCESSES", "3")
    assert get_max_test_processes() == 3
    monkeypatch.setenv("NUAGES_TEST_PROCESSES", "5")
    assert get_max_test_processes() == 5
    assert DiscoverRunner(parallel="auto").parallel == 5


def test_partition_keeps_classes_together():
    class One(unittest.TestCase):
        def test_a(self):
            pass

        def test_b(self):
            pass

    class Two(unittest.TestCase):
        def test_c(self):
            pass

    suite = unittest.TestSuite([One("test_a"), One("test_b"), Two("test_c")])
    parts = partition_suite_by_case(suite)
    assert [[t.id().rsplit(".", 1)[1] for t in part] for part in parts] == [
        ["test_a", "test_b"],
        ["test_c"],
    ]
    assert DiscoverRunner(parallel=2).get_test_runner_kwargs()["failfast"] is False
