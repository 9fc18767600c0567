"""test: discover and run the project's tests with settings.TEST_RUNNER."""

from __future__ import annotations

import sys
from typing import Any

from nuages.conf import settings
from nuages.core.management.base import BaseCommand, CommandParser
from nuages.test.utils import NullTimeKeeper, TimeKeeper, get_runner

__all__ = ["Command"]


def _option_value(argv: list[str], option: str) -> str | None:
    # The runner class decides which options exist, so --testrunner is read before parsing.
    for index, arg in enumerate(argv):
        if arg == option and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(option + "="):
            return arg.split("=", 1)[1]
    return None


class Command(BaseCommand):
    help = "Discover and run tests in the specified modules or the current directory."
    # The runner runs the system checks itself, after setting up the test databases.
    requires_system_checks: list[str] = []
    test_runner: str | None = None

    def run_from_argv(self, argv: list[str]) -> None:
        self.test_runner = _option_value(argv[2:], "--testrunner")
        super().run_from_argv(argv)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "args",
            metavar="test_label",
            nargs="*",
            help="Module paths to test; can be modulename, modulename.TestCase or "
            "modulename.TestCase.test_method",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells nuages to NOT prompt the user for input of any kind.",
        )
        parser.add_argument(
            "--failfast",
            action="store_true",
            help="Tells nuages to stop running the test suite after first failed test.",
        )
        parser.add_argument(
            "--testrunner",
            help="Tells nuages to use specified test runner class instead of the one "
            "specified by the TEST_RUNNER setting.",
        )
        runner_class = get_runner(settings, self.test_runner)
        if hasattr(runner_class, "add_arguments"):
            runner_class.add_arguments(parser)

    def handle(self, *test_labels: str, **options: Any) -> None:
        runner_class = get_runner(settings, options["testrunner"])
        time_keeper = TimeKeeper() if options.get("timing") else NullTimeKeeper()
        runner = runner_class(**options)
        with time_keeper.timed("Total run"):
            failures = runner.run_tests(test_labels)
        time_keeper.print_results()
        if failures:
            sys.exit(1)
