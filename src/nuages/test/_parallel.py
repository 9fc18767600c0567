"""Running a suite in worker processes: one TestCase class per task, results sent back as data.

The parent partitions the suite by class (``partition_suite_by_case``), starts the workers
(fork where the platform allows it, spawn elsewhere), and replays each task's events on its
own result, in suite order. A worker points its connections at its cloned test databases
(``test_<name>_<n>``) before running anything. Failures and errors travel as formatted text,
so an exception or traceback that cannot be pickled is still reported.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import unittest
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

__all__ = [
    "ParallelTestSuite",
    "RemoteTestResult",
    "RemoteTestRunner",
    "partition_suite_by_case",
]

# Set in the parent before the workers fork; a forked worker reads its tasks from here.
_SUBSUITES: list[list[unittest.TestCase]] = []
# The worker's number (1, 2, ...), which names its cloned databases.
_worker_id = 0


def partition_suite_by_case(suite: Iterable[Any]) -> list[unittest.TestSuite]:
    """Split the tests into one suite per run of consecutive tests of the same class."""
    from nuages.test._suite import iter_test_cases

    groups: list[unittest.TestSuite] = []
    current: type | None = None
    for test in iter_test_cases(suite):
        if type(test) is not current or not groups:
            groups.append(unittest.TestSuite())
            current = type(test)
        groups[-1].addTest(test)
    return groups


class _Repr:
    """A subtest parameter as the worker printed it (the value itself may not pickle)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


class _RemoteFailure(AssertionError):
    """Stands for a failure raised in a worker; its message is the formatted traceback."""


class _RemoteError(Exception):
    """Stands for an error raised in a worker; its message is the formatted traceback."""


class RemoteTestResult(unittest.TestResult):
    """A worker's result: records every event as picklable data for the parent to replay."""

    def __init__(
        self, tests: list[unittest.TestCase], failfast: bool = False, buffer: bool = False
    ):
        super().__init__()
        self.failfast = failfast
        self.buffer = buffer
        self.events: list[tuple] = []
        self._index = {id(test): n for n, test in enumerate(tests)}

    def _ref(self, test: Any) -> tuple:
        if id(test) in self._index:
            return ("test", self._index[id(test)])
        return ("holder", str(test))  # a class/module fixture error (_ErrorHolder)

    def _text(self, err: Any, test: Any) -> tuple[str, str]:
        kind = "failure" if issubclass(err[0], getattr(test, "failureException", ())) else "error"
        try:
            return kind, self._exc_info_to_string(err, test)
        except Exception as exc:  # formatting must never lose the report
            return kind, f"{err[0].__name__}: {err[1]!r} (traceback unavailable: {exc!r})"

    def startTest(self, test: Any) -> None:
        super().startTest(test)
        self.events.append(("startTest", self._ref(test)))

    def stopTest(self, test: Any) -> None:
        self._mirrorOutput = False  # buffered output travels inside the report text
        super().stopTest(test)
        self.events.append(("stopTest", self._ref(test)))

    def addSuccess(self, test: Any) -> None:
        super().addSuccess(test)
        self.events.append(("addSuccess", self._ref(test)))

    def addError(self, test: Any, err: Any) -> None:
        kind, text = self._text(err, test)
        super().addError(test, err)
        self.events.append(("addError", self._ref(test), kind, text))

    def addFailure(self, test: Any, err: Any) -> None:
        _kind, text = self._text(err, test)
        super().addFailure(test, err)
        self.events.append(("addFailure", self._ref(test), "failure", text))

    def addSkip(self, test: Any, reason: str) -> None:
        super().addSkip(test, reason)
        self.events.append(("addSkip", self._ref(test), str(reason)))

    def addExpectedFailure(self, test: Any, err: Any) -> None:
        _kind, text = self._text(err, test)
        super().addExpectedFailure(test, err)
        self.events.append(("addExpectedFailure", self._ref(test), "error", text))

    def addUnexpectedSuccess(self, test: Any) -> None:
        super().addUnexpectedSuccess(test)
        self.events.append(("addUnexpectedSuccess", self._ref(test)))

    def addSubTest(self, test: Any, subtest: Any, err: Any) -> None:
        message = subtest._message
        if message is unittest.case._subtest_msg_sentinel:
            message = None
        params = {key: _Repr(repr(value)) for key, value in subtest.params.items()}
        kind, text = self._text(err, test) if err is not None else ("", None)
        super().addSubTest(test, subtest, err)
        self.events.append(("addSubTest", self._ref(test), (message, params), kind, text))

    def addDuration(self, test: Any, elapsed: float) -> None:
        self.events.append(("addDuration", self._ref(test), elapsed))


class RemoteTestRunner:
    """Runs one task's tests in a worker with a RemoteTestResult."""

    resultclass = RemoteTestResult

    def __init__(
        self, failfast: bool = False, resultclass: type | None = None, buffer: bool = False
    ):
        self.failfast = failfast
        self.buffer = buffer
        if resultclass is not None:
            self.resultclass = resultclass

    def run(self, tests: list[unittest.TestCase]) -> RemoteTestResult:
        result = self.resultclass(tests, failfast=self.failfast, buffer=self.buffer)
        unittest.TestSuite(tests).run(result)
        return result


def _init_worker(
    counter: Any,
    settings_module: str | None,
    initial_settings: dict[str, dict],
    cloned: list[str],
    debug_mode: bool,
    spawned: bool,
) -> None:
    """Number this worker and point its connections at its own cloned test databases."""
    global _worker_id
    with counter.get_lock():
        counter.value += 1
        _worker_id = counter.value
    if spawned:
        if settings_module:
            os.environ["NUAGES_SETTINGS_MODULE"] = settings_module
        import nuages
        from nuages.test.utils import setup_test_environment

        nuages.setup(set_prefix=False)
        setup_test_environment(debug=debug_mode)
    from nuages.db import connections

    for alias, settings_dict in initial_settings.items():
        connections[alias].settings_dict.update(settings_dict)
    moved: dict[str, str] = {}
    for alias in cloned:
        connection = connections[alias]
        before = connection.settings_dict["NAME"]
        connection.creation.setup_worker_connection(_worker_id)
        moved[before] = connection.settings_dict["NAME"]
    # Mirrors and aliases that share a test database follow the clone.
    for alias in initial_settings:
        if alias not in cloned and connections[alias].settings_dict["NAME"] in moved:
            connections[alias].settings_dict["NAME"] = moved[
                connections[alias].settings_dict["NAME"]
            ]
            connections[alias].close()


def _run_subsuite(args: tuple) -> tuple[int, list[tuple]]:
    """Run one task in a worker; returns its index and its recorded events."""
    index, tests, runner_class, failfast, buffer = args
    if tests is None:
        tests = _SUBSUITES[index]
    result = runner_class(failfast=failfast, buffer=buffer).run(list(tests))
    return index, result.events


def _start_method() -> str:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform != "darwin":
        return "fork"
    return "spawn"


class ParallelTestSuite(unittest.TestSuite):
    """A suite whose run() spreads its subsuites (one TestCase class each) over processes."""

    init_worker = staticmethod(_init_worker)
    run_subsuite = staticmethod(_run_subsuite)
    runner_class = RemoteTestRunner

    def __init__(
        self,
        subsuites: list[unittest.TestSuite],
        processes: int,
        failfast: bool = False,
        debug_mode: bool = False,
        buffer: bool = False,
    ) -> None:
        super().__init__(subsuites)
        self.subsuites = subsuites
        self.processes = processes
        self.failfast = failfast
        self.debug_mode = debug_mode
        self.buffer = buffer
        self.start_method = _start_method()
        self.initial_settings: dict[str, dict] = {}
        self.cloned_aliases: list[str] = []

    def initialize_suite(self) -> None:
        """Note the parent's test database settings (after setup_databases) for the workers."""
        from nuages.db import connections

        self.initial_settings = {}
        for alias in connections:
            settings_dict = connections[alias].settings_dict
            self.initial_settings[alias] = {
                key: value for key, value in settings_dict.items() if key != "TEST"
            }
        connections.close_all()

    def run(self, result: Any, debug: bool = False) -> Any:
        global _SUBSUITES
        self.initialize_suite()
        tasks = [list(subsuite) for subsuite in self.subsuites]
        _SUBSUITES = tasks
        spawned = self.start_method != "fork"
        context = multiprocessing.get_context(self.start_method)
        counter = context.Value("i", 0)
        settings_module = os.environ.get("NUAGES_SETTINGS_MODULE") or os.environ.get(
            "DJANGO_SETTINGS_MODULE"
        )
        initargs = (
            counter,
            settings_module,
            self.initial_settings,
            list(self.cloned_aliases),
            self.debug_mode,
            spawned,
        )
        executor = ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=context,
            initializer=self.init_worker,
            initargs=initargs,
        )
        try:
            futures: list[Future] = [
                executor.submit(
                    self.run_subsuite,
                    (n, tests if spawned else None, self.runner_class, self.failfast, self.buffer),
                )
                for n, tests in enumerate(tasks)
            ]
            for future in futures:
                if result.shouldStop:
                    break
                try:
                    index, events = future.result()
                except BrokenProcessPool as exc:
                    # A worker died (os._exit, a crash): report it and run nothing more.
                    holder = unittest.suite._ErrorHolder("parallel worker process")
                    text = f"A worker process ended abruptly ({exc}); remaining tests were not run."
                    _report(result, "addError", holder, None, "error", text)
                    break
                self._replay(result, tasks[index], events)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            _SUBSUITES = []
        return result

    def _replay(self, result: Any, tests: list[unittest.TestCase], events: list[tuple]) -> None:
        holders: dict[str, Any] = {}
        for event in events:
            name, ref, *args = event
            if ref[0] == "test":
                test = tests[ref[1]]
            else:
                test = holders.setdefault(ref[1], unittest.suite._ErrorHolder(ref[1]))
            if name in {"addError", "addFailure", "addExpectedFailure"}:
                kind, text = args
                _report(result, name, test, None, kind, text)
            elif name == "addSubTest":
                (message, params), kind, text = args
                if message is None:
                    message = unittest.case._subtest_msg_sentinel
                subtest = unittest.case._SubTest(test, message, params)
                _report(result, name, test, subtest, kind, text)
            elif name == "addDuration":
                if hasattr(result, "addDuration"):
                    result.addDuration(test, *args)
            else:
                getattr(result, name)(test, *args)
            if self.failfast and result.shouldStop:
                break


def _report(result: Any, name: str, test: Any, subtest: Any, kind: str, text: str | None) -> None:
    """Call the result's handler with a stand-in exception, then store the worker's text."""
    if text is None:
        result.addSubTest(test, subtest, None)
        return
    exc_type = _RemoteFailure if kind == "failure" else _RemoteError
    err = (exc_type, exc_type(text), None)
    if subtest is not None:
        if kind == "failure":
            err = (test.failureException, _as_failure(test, text), None)
        result.addSubTest(test, subtest, err)
        subject = subtest
    else:
        getattr(result, name)(test, err)
        subject = test
    store = {
        "addError": "errors",
        "addFailure": "failures",
        "addExpectedFailure": "expectedFailures",
    }.get(name)
    if name == "addSubTest":
        store = "failures" if kind == "failure" else "errors"
    entries = getattr(result, store, None) if store else None
    if entries and entries[-1][0] is subject:
        entries[-1] = (subject, text)


def _as_failure(test: Any, text: str) -> BaseException:
    try:
        return test.failureException(text)
    except Exception:
        return _RemoteFailure(text)
