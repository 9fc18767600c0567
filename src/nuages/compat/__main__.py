"""Run a Django program with the django -> nuages alias installed.

python -m nuages.compat manage.py <command> [options]   (or: nuages-compat manage.py ...)
python -m nuages.compat -m pytest [args]               (any module, like python -m)
python -m nuages.compat -c "import django; print(django.VERSION)"
"""

from __future__ import annotations

import os
import runpy
import sys
from collections.abc import Callable

from nuages.compat import install

__all__ = ["main"]

USAGE = (
    "usage: nuages-compat SCRIPT [args...] | -m MODULE [args...] | -c CODE [args...]\n"
    "Runs a program written for Django on nuages (django imports resolve to nuages)."
)


def _reload_through_compat() -> None:
    """Make runserver's reloader restart the child through nuages.compat too.

    The reloader re-runs ``sys.argv``; the script's child would otherwise start without the
    alias. Only this entry point's process is affected.
    """
    from nuages.utils import autoreload

    original: Callable[[], list[str]] = autoreload.get_child_arguments
    if getattr(original, "_nuages_compat", False):
        return

    def get_child_arguments() -> list[str]:
        args = original()
        flags = 1 + len(sys.warnoptions) + len(sys._xoptions)
        if args[flags : flags + 2] == ["-m", "nuages.compat"]:
            return args
        return [*args[:flags], "-m", "nuages.compat", *args[flags:]]

    get_child_arguments._nuages_compat = True  # type: ignore[attr-defined]
    autoreload.get_child_arguments = get_child_arguments


def main(argv: list[str] | None = None) -> int:
    """The ``nuages-compat`` command line; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(USAGE, file=sys.stderr if not args else sys.stdout)
        return 0 if args else 2
    install()
    if args[0] == "-m":
        if len(args) < 2:
            print(USAGE, file=sys.stderr)
            return 2
        sys.argv = [args[1], *args[2:]]
        sys.path.insert(0, os.getcwd())
        runpy.run_module(args[1], run_name="__main__", alter_sys=True)
        return 0
    if args[0] == "-c":
        if len(args) < 2:
            print(USAGE, file=sys.stderr)
            return 2
        sys.argv = ["-c", *args[2:]]
        sys.path.insert(0, "")
        exec(compile(args[1], "<string>", "exec"), {"__name__": "__main__"})
        return 0
    script = os.path.abspath(args[0])
    if not os.path.exists(script):
        print(f"nuages-compat: can't open file {args[0]!r}", file=sys.stderr)
        return 2
    sys.argv = args
    sys.path.insert(0, os.path.dirname(script))
    _reload_through_compat()
    runpy.run_path(script, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
