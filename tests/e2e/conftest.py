"""End-to-end helpers: start servers in subprocesses, fetch pages over HTTP on 127.0.0.1."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=10):
    """(status, headers, body text) for url; HTTP errors are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode()


def clean_env(extra=None):
    env = {
        k: v for k, v in os.environ.items() if not k.endswith("SETTINGS_MODULE") and k != "RUN_MAIN"
    }
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra or {})
    return env


class Server:
    def __init__(self, args, cwd, env, logdir):
        self.out = logdir / f"out-{id(self)}.txt"
        self.err = logdir / f"err-{id(self)}.txt"
        with open(self.out, "w") as out, open(self.err, "w") as err:
            self.proc = subprocess.Popen(
                args, cwd=cwd, env=env, stdout=out, stderr=err, start_new_session=True
            )

    def output(self):
        return self.out.read_text() + self.err.read_text()

    def wait_until(self, predicate, timeout=30, what="condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"{what} not met; exit={self.proc.poll()}; output:\n{self.output()}")

    def wait_for_url(self, url, timeout=30):
        def ready():
            try:
                fetch(url, timeout=2)
                return True
            except OSError:
                return False

        self.wait_until(ready, timeout, f"{url} reachable")

    def stop(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=10)


@pytest.fixture
def start_server(tmp_path):
    servers = []

    def start(args, cwd, env=None):
        server = Server(args, cwd, clean_env(env), tmp_path)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
