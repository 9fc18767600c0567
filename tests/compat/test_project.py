"""End to end: a project written for Django runs unchanged through ``python -m nuages.compat``.

Everything runs in subprocesses with the alias installed first, so these tests pass whether
or not the real Django is installed in the environment.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from tests.compat._project import write_project

pytestmark = pytest.mark.slow


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"NUAGES_SETTINGS_MODULE"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def manage(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nuages.compat", "manage.py", *args],
        cwd=root,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = write_project(tmp_path_factory.mktemp("mysite"))
    result = manage(root, "makemigrations", "polls")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "polls" / "migrations" / "0001_initial.py").exists()
    return root


def test_check(project):
    result = manage(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_migrate(project):
    result = manage(project, "migrate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Applying polls.0001_initial... OK" in result.stdout
    assert (project / "db.sqlite3").exists()


def test_test_command(project):
    result = manage(project, "test")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Ran 3 tests" in output and "OK" in output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_runserver_serves_a_page(project):
    manage(project, "migrate")
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nuages.compat",
            "manage.py",
            "runserver",
            "--noreload",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        body = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    body = response.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert body is not None, server.stdout.read().decode() if server.poll() is not None else ""
        assert "<h1>Polls</h1>" in body and "/static/polls/style.css" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/", timeout=5) as response:
            assert response.read() == b'{"questions": []}'
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stdout.close()
