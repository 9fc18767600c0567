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

    def run(self, *args, cwd=None, env=None, settings=None, input=None, timeout=60):
        environ = {k: v for k, v in os.environ.items() if not k.endswith("SETTINGS_MODULE")}
        environ["PYTHONPATH"] = str(self.root)
        environ.pop("NUAGES_COLORS", None)
        if settings:
            environ["NUAGES_SETTINGS_MODULE"] = settings
        environ.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "nuages", *args],
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
