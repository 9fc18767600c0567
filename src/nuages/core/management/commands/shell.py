"""shell: an interactive Python interpreter with the project's settings loaded."""

from __future__ import annotations

import code
import os
import select
import sys
import traceback
from typing import Any

from nuages.apps import apps
from nuages.core.management.base import BaseCommand, CommandError, CommandParser

__all__ = ["Command"]


class Command(BaseCommand):
    help = (
        "Runs a Python interactive interpreter. Tries to use IPython or bpython, if one of them "
        "is available. Any standard input is executed as code."
    )
    requires_system_checks: list[str] = []
    shells = ["ipython", "bpython", "python"]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-startup",
            action="store_true",
            help="When using plain Python, ignore the PYTHONSTARTUP environment variable and "
            "~/.pythonrc.py script.",
        )
        parser.add_argument(
            "-i",
            "--interface",
            choices=self.shells,
            help='Specify an interactive interpreter interface. Available options: "ipython", '
            '"bpython", and "python"',
        )
        parser.add_argument(
            "-c",
            "--command",
            help="Instead of opening an interactive shell, run a command as nuages and exit.",
        )

    def get_namespace(self) -> dict[str, Any]:
        """The names the interactive shell starts with: each installed model class."""
        namespace: dict[str, Any] = {"__name__": "__main__"}
        if apps.ready:
            for model in apps.get_models():
                namespace.setdefault(model.__name__, model)
        return namespace

    # One method per interface; each raises ImportError when its package is missing.
    def ipython(self, options: dict[str, Any]) -> None:
        from IPython import start_ipython  # optional dependency

        start_ipython(argv=[], user_ns=self.get_namespace())

    def bpython(self, options: dict[str, Any]) -> None:
        import bpython  # optional dependency

        bpython.embed(self.get_namespace())

    def python(self, options: dict[str, Any]) -> None:
        namespace = self.get_namespace()
        try:
            import readline  # optional: absent on some platforms
            import rlcompleter

            readline.set_completer(rlcompleter.Completer(namespace).complete)
            readline.parse_and_bind("tab: complete")
        except ImportError:
            pass
        if not options["no_startup"]:
            for path in (os.environ.get("PYTHONSTARTUP"), os.path.expanduser("~/.pythonrc.py")):
                if path and os.path.isfile(path):
                    with open(path) as handle:
                        source = handle.read()
                    try:
                        exec(compile(source, path, "exec"), namespace)
                    except Exception:
                        traceback.print_exc()
        code.interact(local=namespace)

    def handle(self, **options: Any) -> None:
        if options["command"]:
            exec(options["command"], self.get_namespace())
            return
        # Piped input runs as a script instead of opening an interpreter.
        if not sys.stdin.isatty() and _stdin_has_data():
            exec(sys.stdin.read(), self.get_namespace())
            return
        candidates = [options["interface"]] if options["interface"] else self.shells
        for shell in candidates:
            try:
                return getattr(self, shell)(options)
            except ImportError:
                continue
        raise CommandError(f"Couldn't import {candidates[-1]} interface.")


def _stdin_has_data() -> bool:
    if sys.platform == "win32":
        return True
    try:
        return bool(select.select([sys.stdin], [], [], 0)[0])
    except (OSError, ValueError):
        return False
