"""The test runner and the `test` command, on a throwaway project in tmp_path."""

import os
import subprocess
import sys
import unittest

import pytest

from nuages.conf import settings
from nuages.test.runner import DiscoverRunner, get_max_test_processes
from nuages.test.utils import extend_sys_path, get_runner

SETTINGS = """
SECRET_KEY = "runner-tests"
INSTALLED_APPS = []
ALLOWED_HOSTS = []
"""

MANAGE = """
import os, sys
if __name__ == "__main__":
    os.environ.setdefault("NUAGES_SETTINGS_MODULE", "proj_settings")
    from nuages.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
"""

TESTS = """
import os
import unittest

from nuages.conf import settings
from nuages.test import SimpleTestCase, tag


class Alpha(SimpleTestCase):
    def test_one(self):
        print("OUTPUT-FROM-ONE")
        self.assertIn("testserver", settings.ALLOWED_HOSTS)

    @tag("slow")
    def test_two_slow(self):
        pass

    def test_three_maybe_fails(self):
        if os.environ.get("MAKE_IT_FAIL"):
            self.fail("boom three")

    def test_four_maybe_fails(self):
        if os.environ.get("MAKE_IT_FAIL"):
            self.fail("boom four")


@tag("fast")
class Beta(unittest.TestCase):
    def test_beta(self):
        pass
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "proj_settings.py").write_text(SETTINGS)
    (tmp_path / "manage.py").write_text(MANAGE)
    (tmp_path / "test_things.py").write_text(TESTS)
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "tests.py").write_text(
        "import unittest\n\nclass PkgTests(unittest.TestCase):\n    def test_in_pkg(self):\n        pass\n"
    )
    return tmp_path


def manage(project, *args, env=None):
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NUAGES_SETTINGS_MODULE", "DJANGO_SETTINGS_MODULE"}
    }
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", "test", *args],
        cwd=project,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


pytestmark = pytest.mark.slow


def test_passing_suite_exits_zero(project):
    result = manage(project)
    assert result.returncode == 0, result.stderr
    assert "Found 6 test(s)." in result.stdout
    assert "Ran 6 tests" in result.stderr
    assert "OK" in result.stderr
    assert "OUTPUT-FROM-ONE" in result.stdout


def test_failing_suite_exits_non_zero(project):
    result = manage(project, env={"MAKE_IT_FAIL": "1"})
    assert result.returncode == 1
    assert "boom three" in result.stderr and "boom four" in result.stderr
    assert "FAILED (failures=2)" in result.stderr


def test_failfast_stops_at_first_failure(project):
    result = manage(project, "--failfast", "test_things", env={"MAKE_IT_FAIL": "1"})
    assert result.returncode == 1
    assert "FAILED (failures=1)" in result.stderr


def test_tags(project):
    result = manage(project, "--tag", "slow")
    assert "Found 1 test(s)." in result.stdout
    result = manage(project, "--tag", "fast", "--tag", "slow")
    assert "Found 2 test(s)." in result.stdout
    result = manage(project, "--exclude-tag", "slow", "-v", "2")
    assert "Found 5 test(s)." in result.stdout
    assert "test_two_slow" not in result.stderr
    assert "test_one" in result.stderr


def test_name_patterns(project):
    result = manage(project, "-k", "one", "-v", "2")
    assert "Found 1 test(s)." in result.stdout
    assert "test_one" in result.stderr
    result = manage(project, "-k", "*Beta*")
    assert "Found 1 test(s)." in result.stdout


def test_labels(project):
    assert "Found 4 test(s)." in manage(project, "test_things.Alpha").stdout
    assert "Found 1 test(s)." in manage(project, "test_things.Alpha.test_one").stdout
    assert "Found 1 test(s)." in manage(project, "pkg").stdout
    assert "Found 1 test(s)." in manage(project, "pkg/").stdout
    result = manage(project, "test_things.py")
    assert result.returncode != 0
    assert "is a path to a file" in result.stderr
    result = manage(project, "test_things.Missing")
    assert result.returncode == 1


def test_shuffle_prints_seed(project):
    result = manage(project, "--shuffle", "1234")
    assert result.returncode == 0
    assert "Using shuffle seed: 1234 (given)" in result.stdout
    assert "Used shuffle seed: 1234 (given)" in result.stdout
    result = manage(project, "--shuffle")
    assert "(generated)" in result.stdout


def test_buffer_hides_output_of_passing_tests(project):
    result = manage(project, "--buffer", "test_things.Alpha.test_one")
    assert result.returncode == 0
    assert "OUTPUT-FROM-ONE" not in result.stdout + result.stderr


def test_parallel_and_misc_options_are_accepted(project):
    result = manage(
        project,
        "--parallel",
        "2",
        "--keepdb",
        "--noinput",
        "--debug-mode",
        "--timing",
        "-r",
        "test_things",
    )
    assert result.returncode == 0, result.stderr
    assert "Total run took" in result.stderr


def test_testrunner_option(project):
    (project / "myrunner.py").write_text(
        "from nuages.test.runner import DiscoverRunner\n"
        "class Runner(DiscoverRunner):\n"
        "    @classmethod\n"
        "    def add_arguments(cls, parser):\n"
        "        super().add_arguments(parser)\n"
        "        parser.add_argument('--shout', action='store_true')\n"
        "    def __init__(self, shout=False, **kw):\n"
        "        super().__init__(**kw)\n"
        "        print('SHOUT' if shout else 'quiet')\n"
    )
    result = manage(project, "--testrunner", "myrunner.Runner", "--shout", "pkg")
    assert result.returncode == 0, result.stderr
    assert "SHOUT" in result.stdout


# --- in-process -----------------------------------------------------------------------------


def test_get_runner():
    assert get_runner(settings) is DiscoverRunner
    assert get_runner(settings, "nuages.test.runner.DiscoverRunner") is DiscoverRunner


def test_build_suite_and_ordering(project):
    with extend_sys_path(project):
        runner = DiscoverRunner(verbosity=0, top_level=str(project))
        suite = runner.build_suite([str(project)])
        ids = [t.id() for t in suite]
        # SimpleTestCase classes run before plain unittest ones.
        assert ids.index("test_things.Alpha.test_one") < ids.index("test_things.Beta.test_beta")
        reverse = DiscoverRunner(verbosity=0, reverse=True).build_suite(["test_things.Alpha"])
        assert [t.id() for t in reverse][0] == "test_things.Alpha.test_two_slow"
        shuffled_a = [
            t.id() for t in DiscoverRunner(verbosity=0, shuffle=7).build_suite(["test_things"])
        ]
        shuffled_b = [
            t.id() for t in DiscoverRunner(verbosity=0, shuffle=7).build_suite(["test_things"])
        ]
        assert shuffled_a == shuffled_b
        assert sorted(shuffled_a) == sorted(
            t.id() for t in DiscoverRunner(verbosity=0).build_suite(["test_things"])
        )
    for name in ("test_things", "pkg", "pkg.tests"):
        sys.modules.pop(name, None)


def test_suite_result_counts_problems():
    result = unittest.TestResult()
    result.failures.append((None, "x"))
    result.errors.append((None, "y"))
    result.unexpectedSuccesses.append(None)
    assert DiscoverRunner(verbosity=0).suite_result(unittest.TestSuite(), result) == 3


def test_pdb_with_parallel_is_refused():
    with pytest.raises(ValueError, match="You cannot use --pdb with parallel tests"):
        DiscoverRunner(pdb=True, parallel=2)


def test_log_respects_verbosity_and_logger(capsys):
    import logging

    DiscoverRunner(verbosity=0).log("hidden")
    DiscoverRunner(verbosity=1).log("debug-hidden", level=logging.DEBUG)
    DiscoverRunner(verbosity=1).log("shown")
    assert capsys.readouterr().out == "shown\n"
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append((record.levelno, record.getMessage()))

    logger = logging.getLogger("nuages.tests.runner")
    logger.addHandler(Collect())
    logger.setLevel(logging.DEBUG)
    DiscoverRunner(logger=logger).log("to logger", level=logging.WARNING)
    assert records == [(logging.WARNING, "to logger")]


def test_max_test_processes():
    assert get_max_test_processes() >= 1
