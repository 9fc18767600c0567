"""Restart the process when Python source changes, watching files with watchfiles.

The parent process only restarts children; each child runs the program in a thread while
its main thread watches the source tree, and exits with code 3 to ask for a restart.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import sysconfig
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import watchfiles

__all__ = [
    "RELOAD_EXIT_CODE",
    "RUN_MAIN_ENV",
    "get_child_arguments",
    "iter_watch_roots",
    "restart_with_reloader",
    "run_with_reloader",
    "wait_for_change",
]

logger = logging.getLogger("nuages.utils.autoreload")

# Django's variable name, kept so that tools which look for it keep working.
RUN_MAIN_ENV = "RUN_MAIN"
RELOAD_EXIT_CODE = 3


def _library_roots() -> tuple[Path, ...]:
    names = ("stdlib", "platstdlib", "purelib", "platlib")
    roots = {Path(p).resolve() for name in names if (p := sysconfig.get_paths().get(name))}
    return tuple(roots)


def iter_watch_roots(extra: Iterable[str | Path] = ()) -> list[Path]:
    """Directories to watch: those of loaded modules outside the standard library and
    installed packages, the script's directory and any extra paths, without nesting."""
    libraries = _library_roots()
    candidates: set[Path] = {Path(p).resolve() for p in extra}
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.is_file() and script.suffix == ".py":
        candidates.add(script.resolve().parent)
    for module in list(sys.modules.values()):
        filename = getattr(module, "__file__", None)
        if not filename:
            continue
        directory = Path(filename).resolve().parent
        if not any(directory.is_relative_to(lib) for lib in libraries) and directory.is_dir():
            candidates.add(directory)
    roots: list[Path] = []
    for path in sorted(candidates, key=lambda p: len(p.parts)):
        if not any(path.is_relative_to(root) for root in roots):
            roots.append(path)
    return sorted(roots)


def wait_for_change(
    roots: Iterable[Path],
    stop_event: threading.Event | None = None,
) -> set[str]:
    """Block until a Python file under roots changes; return the changed paths.

    Returns an empty set when stop_event is set first.
    """
    for changes in watchfiles.watch(
        *roots,
        watch_filter=watchfiles.PythonFilter(),
        stop_event=stop_event,
        raise_interrupt=False,
        debounce=200,
    ):
        return {path for _, path in changes}
    return set()


def get_child_arguments() -> list[str]:
    """The command line that starts this same program again."""
    args = [sys.executable, *(f"-W{opt}" for opt in sys.warnoptions)]
    args += [f"-X{k}" if v is True else f"-X{k}={v}" for k, v in sys._xoptions.items()]
    main = sys.modules["__main__"]
    spec = getattr(main, "__spec__", None)
    if spec is not None and spec.name:
        # Started with "python -m package" (or -m package.module).
        name = (
            spec.parent if spec.name.endswith(".__main__") or spec.name == "__main__" else spec.name
        )
        return [*args, "-m", name or spec.name, *sys.argv[1:]]
    script = Path(sys.argv[0])
    if not script.exists():
        raise RuntimeError(f"Script {script} does not exist.")
    return [*args, *sys.argv]


def restart_with_reloader() -> int:
    """Run children until one exits with something other than the reload code."""
    env = {**os.environ, RUN_MAIN_ENV: "true"}
    args = get_child_arguments()
    while True:
        code = subprocess.run(args, env=env, close_fds=False).returncode
        if code != RELOAD_EXIT_CODE:
            return code


def run_with_reloader(main_func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Run main_func(*args, **kwargs), restarting the process when source files change."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if os.environ.get(RUN_MAIN_ENV) == "true":
            thread = threading.Thread(
                target=main_func, args=args, kwargs=kwargs, daemon=True, name="nuages-main-thread"
            )
            thread.start()
            logger.info("Watching for file changes with watchfiles")
            # main_func imports the project while we start; a change it misses is a file
            # under the same roots anyway, since the roots are directories.
            changed = wait_for_change(iter_watch_roots())
            for path in sorted(changed):
                logger.info("%s changed, reloading.", path)
            sys.exit(RELOAD_EXIT_CODE)
        else:
            sys.exit(restart_with_reloader())
    except KeyboardInterrupt:
        pass
