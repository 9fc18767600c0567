"""DiscoverRunner: find tests with unittest discovery, set up the environment, run them.

With ``parallel`` > 1 the suite is split by TestCase class and run in that many worker
processes (``ParallelTestSuite``), each on its own clones of the test databases.
"""

from __future__ import annotations

import argparse
import faulthandler
import logging
import os
import pdb
import sys
import unittest
from importlib import import_module
from typing import Any

from nuages.core.management import call_command
from nuages.test import utils
from nuages.test._parallel import (
    ParallelTestSuite,
    RemoteTestResult,
    RemoteTestRunner,
    partition_suite_by_case,
)
from nuages.test._suite import Shuffler, filter_tests_by_tags, iter_test_cases, reorder_tests
from nuages.test.testcases import SimpleTestCase
from nuages.test.utils import NullTimeKeeper, TimeKeeper

__all__ = [
    "DiscoverRunner",
    "PDBDebugResult",
    "ParallelTestSuite",
    "RemoteTestResult",
    "RemoteTestRunner",
    "get_max_test_processes",
    "partition_suite_by_case",
]


def get_max_test_processes() -> int:
    """How many processes --parallel=auto means: NUAGES_TEST_PROCESSES (or
    DJANGO_TEST_PROCESSES) when set, else the CPUs this process may use."""
    for variable in ("NUAGES_TEST_PROCESSES", "DJANGO_TEST_PROCESSES"):
        if os.environ.get(variable):
            return int(os.environ[variable])
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _parallel_type(value: str) -> int | str:
    if value == "auto":
        return value
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an integer or the string 'auto'")


class PDBDebugResult(unittest.TextTestResult):
    """A result that opens the debugger on the first error or failure (--pdb)."""

    def addError(self, test: Any, err: Any) -> None:
        super().addError(test, err)
        self._debug(err)

    def addFailure(self, test: Any, err: Any) -> None:
        super().addFailure(test, err)
        self._debug(err)

    def addSubTest(self, test: Any, subtest: Any, err: Any) -> None:
        if err is not None:
            self._debug(err)
        super().addSubTest(test, subtest, err)

    def _debug(self, error: Any) -> None:
        self.buffer = False
        _exc_type, exc_value, traceback = error
        print(f"\nOpening PDB: {exc_value!r}")
        pdb.post_mortem(traceback)


def _find_top_level(path: str) -> str:
    # A directory inside packages is imported from above its outermost package.
    top = os.path.abspath(path)
    while os.path.exists(os.path.join(top, "__init__.py")):
        parent = os.path.dirname(top)
        if parent == top:
            break
        top = parent
    return top


class DiscoverRunner:
    """Django's default test runner, for unittest-style suites."""

    test_suite = unittest.TestSuite
    parallel_test_suite = ParallelTestSuite
    test_runner = unittest.TextTestRunner
    test_loader = unittest.defaultTestLoader
    reorder_by: tuple[type, ...] = (SimpleTestCase,)

    def __init__(
        self,
        pattern: str | None = None,
        top_level: str | None = None,
        verbosity: int = 1,
        interactive: bool = True,
        failfast: bool = False,
        keepdb: bool = False,
        reverse: bool = False,
        debug_mode: bool = False,
        debug_sql: bool = False,
        parallel: int | str = 0,
        tags: list[str] | None = None,
        exclude_tags: list[str] | None = None,
        test_name_patterns: list[str] | None = None,
        pdb: bool = False,
        buffer: bool = False,
        enable_faulthandler: bool = True,
        timing: bool = False,
        shuffle: bool | int | None = False,
        logger: logging.Logger | None = None,
        durations: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.pattern = pattern
        self.top_level = top_level
        self.verbosity = verbosity
        self.interactive = interactive
        self.failfast = failfast
        self.keepdb = keepdb
        self.reverse = reverse
        self.debug_mode = debug_mode
        self.debug_sql = debug_sql
        self.parallel = get_max_test_processes() if parallel == "auto" else int(parallel or 0)
        self.tags = set(tags or [])
        self.exclude_tags = set(exclude_tags or [])
        self.pdb = pdb
        if self.pdb and isinstance(self.parallel, int) and self.parallel > 1:
            raise ValueError(
                "You cannot use --pdb with parallel tests; pass --parallel=1 to use it."
            )
        self.buffer = buffer
        if enable_faulthandler and not faulthandler.is_enabled():
            try:
                faulthandler.enable(file=sys.__stderr__.fileno())
            except (AttributeError, OSError, ValueError):
                faulthandler.enable()
        self.time_keeper: TimeKeeper | NullTimeKeeper = TimeKeeper() if timing else NullTimeKeeper()
        self.shuffle = shuffle
        self._shuffler: Shuffler | None = None
        self.logger = logger
        self.durations = durations
        self.test_name_patterns = None
        if test_name_patterns:
            # A bare word matches anywhere in the test's dotted name, as unittest's -k does.
            self.test_name_patterns = [p if "*" in p else f"*{p}*" for p in test_name_patterns]

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        """The runner's options on the test command's parser."""
        parser.add_argument(
            "-t",
            "--top-level-directory",
            dest="top_level",
            help="Top level of project for unittest discovery.",
        )
        parser.add_argument(
            "-p",
            "--pattern",
            default="test*.py",
            help="The test matching pattern. Defaults to test*.py.",
        )
        parser.add_argument(
            "--keepdb", action="store_true", help="Preserves the test DB between runs."
        )
        parser.add_argument(
            "--shuffle",
            nargs="?",
            default=False,
            type=int,
            metavar="SEED",
            help="Shuffles test case order.",
        )
        parser.add_argument(
            "-r", "--reverse", action="store_true", help="Reverses test case order."
        )
        parser.add_argument(
            "--debug-mode", action="store_true", help="Sets settings.DEBUG to True."
        )
        parser.add_argument(
            "-d", "--debug-sql", action="store_true", help="Prints logged SQL queries on failure."
        )
        parser.add_argument(
            "--parallel",
            nargs="?",
            const="auto",
            default=0,
            type=_parallel_type,
            metavar="N",
            help="Run tests using up to N parallel processes. Use the value "
            '"auto" to run one test process for each processor core.',
        )
        parser.add_argument(
            "--tag",
            action="append",
            dest="tags",
            help="Run only tests with the specified tag. Can be used multiple times.",
        )
        parser.add_argument(
            "--exclude-tag",
            action="append",
            dest="exclude_tags",
            help="Do not run tests with the specified tag. Can be used multiple times.",
        )
        parser.add_argument(
            "--pdb", action="store_true", help="Runs a debugger (pdb) on error or failure."
        )
        parser.add_argument(
            "-b", "--buffer", action="store_true", help="Discard output from passing tests."
        )
        parser.add_argument(
            "--no-faulthandler",
            action="store_false",
            dest="enable_faulthandler",
            help="Disables the Python faulthandler module during tests.",
        )
        parser.add_argument(
            "--timing",
            action="store_true",
            help="Output timings, including database set up and total run time.",
        )
        parser.add_argument(
            "-k",
            action="append",
            dest="test_name_patterns",
            help="Only run test methods and classes that match the pattern or "
            "substring. Can be used multiple times. Same as unittest -k option.",
        )
        parser.add_argument(
            "--durations",
            dest="durations",
            type=int,
            default=None,
            metavar="N",
            help="Show the N slowest test cases (N=0 for all).",
        )

    # --- output ---------------------------------------------------------------------------

    def log(self, msg: str, level: int | None = None) -> None:
        """Print msg (or send it to the logger), respecting verbosity."""
        if self.logger is None:
            if self.verbosity <= 0 or (
                self.verbosity == 1 and level is not None and level < logging.INFO
            ):
                return
            print(msg)
        else:
            self.logger.log(logging.INFO if level is None else level, msg)

    # --- the steps of run_tests() ---------------------------------------------------------

    def setup_test_environment(self, **kwargs: Any) -> None:
        utils.setup_test_environment(debug=self.debug_mode)
        unittest.installHandler()

    def teardown_test_environment(self, **kwargs: Any) -> None:
        unittest.removeHandler()
        utils.teardown_test_environment()

    def _loader(self) -> unittest.TestLoader:
        if not self.test_name_patterns:
            return self.test_loader
        loader = type(self.test_loader)()
        loader.testNamePatterns = self.test_name_patterns
        return loader

    def load_tests_for_label(
        self, label: str, discover_kwargs: dict[str, Any]
    ) -> unittest.TestSuite:
        """Tests for one label: a dotted module/class/method name or a directory path."""
        loader = self._loader()
        path = os.path.abspath(label)
        if os.path.exists(path):
            if not os.path.isdir(path):
                raise RuntimeError(
                    f"One of the test labels is a path to a file: {label!r}, which is not "
                    "supported. Use a dotted module name or path to a directory instead."
                )
            kwargs = dict(discover_kwargs)
            kwargs.setdefault("top_level_dir", _find_top_level(path))
            return loader.discover(start_dir=path, **kwargs)
        try:
            module = import_module(label)
        except ImportError:
            module = None  # a class or method name, or a bad label: unittest reports which
        if module is not None and hasattr(module, "__path__"):
            start = (
                os.path.dirname(module.__file__) if module.__file__ else next(iter(module.__path__))
            )
            kwargs = dict(discover_kwargs)
            kwargs.setdefault("top_level_dir", _find_top_level(start))
            return loader.discover(start_dir=start, **kwargs)
        return loader.loadTestsFromName(label)

    def build_suite(self, test_labels: Any = None, **kwargs: Any) -> unittest.TestSuite:
        """Load, filter by tags, order (reverse / shuffle) and wrap the tests in a suite."""
        if self.shuffle is not False:
            self._shuffler = Shuffler(seed=None if self.shuffle is None else self.shuffle)
            self.log(f"Using shuffle seed: {self._shuffler.seed_display}")
        discover_kwargs: dict[str, Any] = {}
        if self.pattern is not None:
            discover_kwargs["pattern"] = self.pattern
        if self.top_level is not None:
            discover_kwargs["top_level_dir"] = self.top_level
        labels = list(test_labels or ["."])
        tests: list[unittest.TestCase] = []
        for label in labels:
            tests.extend(iter_test_cases(self.load_tests_for_label(label, discover_kwargs)))
        if self.tags or self.exclude_tags:
            if self.tags:
                self.log(
                    f"Including test tag(s): {', '.join(sorted(self.tags))}.", level=logging.DEBUG
                )
            if self.exclude_tags:
                self.log(
                    f"Excluding test tag(s): {', '.join(sorted(self.exclude_tags))}.",
                    level=logging.DEBUG,
                )
            tests = filter_tests_by_tags(tests, self.tags, self.exclude_tags)
        tests = reorder_tests(tests, self.reorder_by, self.reverse)
        if self._shuffler is not None:
            tests = self._shuffler.shuffle(tests)
        self.log(f"Found {len(tests)} test(s).")
        suite = self.test_suite(tests)
        if self.parallel > 1:
            subsuites = partition_suite_by_case(suite)
            # Tests of one class stay in one worker: more processes than classes is waste.
            processes = min(self.parallel, len(subsuites))
            self.parallel = processes
            if processes > 1:
                suite = self.parallel_test_suite(
                    subsuites, processes, self.failfast, self.debug_mode, self.buffer
                )
        return suite

    def get_databases(self, suite: unittest.TestSuite) -> set[str]:
        """The database aliases the tests declare (their `databases` attribute)."""
        aliases: set[str] = set()
        for test in iter_test_cases(suite):
            declared = getattr(test, "databases", None) or set()
            if declared == "__all__":
                declared = {"default"}
            aliases |= set(declared)
        return aliases

    def setup_databases(self, **kwargs: Any) -> list:
        old_config = utils.setup_databases(
            self.verbosity,
            self.interactive,
            time_keeper=self.time_keeper,
            keepdb=self.keepdb,
            debug_sql=self.debug_sql,
            parallel=self.parallel,
            **kwargs,
        )
        self._cloned_aliases = [conn.alias for conn, _name, destroy in old_config if destroy]
        return old_config

    def teardown_databases(self, old_config: list, **kwargs: Any) -> None:
        utils.teardown_databases(
            old_config, verbosity=self.verbosity, parallel=self.parallel, keepdb=self.keepdb
        )

    def run_checks(self, databases: set[str]) -> None:
        """Run the system checks; errors stop the run (SystemCheckError)."""
        call_command("check", verbosity=self.verbosity, databases=sorted(databases) or None)

    def get_resultclass(self) -> type | None:
        return PDBDebugResult if self.pdb else None

    def get_test_runner_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "failfast": self.failfast,
            "resultclass": self.get_resultclass(),
            "verbosity": self.verbosity,
            "buffer": self.buffer,
        }
        if sys.version_info >= (3, 12):
            kwargs["durations"] = self.durations
        return kwargs

    def run_suite(self, suite: unittest.TestSuite, **kwargs: Any) -> unittest.TestResult:
        if isinstance(suite, ParallelTestSuite):
            suite.cloned_aliases = list(getattr(self, "_cloned_aliases", []))
        runner = self.test_runner(**self.get_test_runner_kwargs())
        try:
            return runner.run(suite)
        finally:
            if self._shuffler is not None:
                self.log(f"Used shuffle seed: {self._shuffler.seed_display}")

    def suite_result(
        self, suite: unittest.TestSuite, result: unittest.TestResult, **kwargs: Any
    ) -> int:
        """The number of problems: failures, errors and unexpected successes."""
        return len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)

    def run_tests(self, test_labels: Any, **kwargs: Any) -> int:
        """Run the tests for the labels; returns the number of failed tests."""
        self.setup_test_environment()
        suite = self.build_suite(test_labels)
        databases = self.get_databases(suite)
        with self.time_keeper.timed("Total database setup"):
            old_config = self.setup_databases(aliases=databases)
        run_failed = False
        try:
            self.run_checks(databases)
            result = self.run_suite(suite)
        except Exception:
            run_failed = True
            raise
        finally:
            try:
                with self.time_keeper.timed("Total database teardown"):
                    self.teardown_databases(old_config)
                self.teardown_test_environment()
            except Exception:
                # A teardown error must not hide the error that stopped the run.
                if not run_failed:
                    raise
        self.time_keeper.print_results()
        return self.suite_result(suite, result)
