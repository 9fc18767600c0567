"""Helpers to run the command line in a subprocess, in a scratch directory."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest


class CLI:
    def __init__(self, root: Path):
        self.root = root

    def write(self, relative: str, content: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content))
        return path

    def run(self, *args, cwd=None, env=None, settings=None, input=None, timeout=60, script=False):
        environ = {k: v for k, v in os.environ.items() if not k.endswith("SETTINGS_MODULE")}
        environ["PYTHONPATH"] = str(self.root)
        environ.pop("NUAGES_COLORS", None)
        if settings:
            environ["NUAGES_SETTINGS_MODULE"] = settings
        environ.update(env or {})
        return subprocess.run(
            # -m puts the working directory on sys.path; the script does not.
            [os.path.join(os.path.dirname(sys.executable), "nuages-admin"), *args]
            if script
            else [sys.executable, "-m", "nuages", *args],
            cwd=cwd or self.root,
            env=environ,
            capture_output=True,
            text=True,
            input=input,
            timeout=timeout,
        )


@pytest.fixture
def cli(tmp_path):
    return CLI(tmp_path)


@pytest.fixture
def settings_override():
    """Set settings for one test, restoring them afterwards."""
    from nuages.conf import settings

    saved = {}
    missing = object()

    def apply(**values):
        for name, value in values.items():
            saved.setdefault(name, settings._wrapped.__dict__.get(name, missing))
            setattr(settings, name, value)

    yield apply
    for name, value in saved.items():
        if value is missing:
            # delattr() would hide the default too; drop the override instead.
            settings._wrapped.__dict__.pop(name, None)
            settings.__dict__.pop(name, None)
        else:
            setattr(settings, name, value)
