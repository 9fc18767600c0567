"""Requests per second under uvicorn, measured with wrk on 127.0.0.1.

Serves /json and /plaintext from a bare ASGI app (the ceiling), nuages and Django, one after the
other on the same interpreter, and prints requests/s and the ratios.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = {
    "bare ASGI": "benchmarks.servers.bare_asgi:application",
    "nuages": "benchmarks.servers.nuages_site:application",
    "django": "benchmarks.servers.django_site:application",
}
DURATION = os.environ.get("BENCH_SERVER_SECONDS", "2")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not start")


def _wrk(url: str) -> float:
    out = subprocess.run(
        ["wrk", "-t1", "-c32", f"-d{DURATION}s", url], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not match or "Non-2xx" in out:
        raise RuntimeError(f"wrk failed or saw errors on {url}:\n{out}")
    return float(match.group(1))


ROUNDS = int(os.environ.get("BENCH_SERVER_ROUNDS", "5"))
ENDPOINTS = ("json", "plaintext")


def _start(app: str) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
            "--lifespan",
            "off",
        ],
        cwd=ROOT,
    )
    return server, port


def measure_all(apps: dict[str, str]) -> dict[str, dict[str, float]]:
    """Best requests/s of each app and endpoint over ROUNDS rounds.

    All servers run at once (idle ones cost nothing) and the measurements alternate between
    them, so a burst of load from elsewhere on the machine weighs on every app alike instead
    of on whichever was being measured.
    """
    servers = {name: _start(app) for name, app in apps.items()}
    try:
        for _, port in servers.values():
            _wait_for(port)
            _wrk(f"http://127.0.0.1:{port}/plaintext")  # warm-up
        best = {name: dict.fromkeys(ENDPOINTS, 0.0) for name in apps}
        for _ in range(ROUNDS):
            for ep in ENDPOINTS:
                for name, (_, port) in servers.items():
                    rate = _wrk(f"http://127.0.0.1:{port}/{ep}")
                    best[name][ep] = max(best[name][ep], rate)
        return best
    finally:
        for server, _ in servers.values():
            server.terminate()
        for server, _ in servers.values():
            server.wait(timeout=10)


def main() -> None:
    if shutil.which("wrk") is None:
        print("bench_server: wrk is not installed (apt-get install wrk); skipped")
        return
    results = measure_all(APPS)
    print(f"\n== requests/s under uvicorn (wrk -t1 -c32 -d{DURATION}s, best of {ROUNDS}) ==")
    print(f"{'':12}{'json':>12}{'plaintext':>12}")
    for name, r in results.items():
        print(f"{name:12}{r['json']:>12.0f}{r['plaintext']:>12.0f}")
    for ep in ("json", "plaintext"):
        ceiling = results["bare ASGI"][ep]
        print(
            f"{ep}: nuages at {results['nuages'][ep] / ceiling:.0%} of bare ASGI; "
            f"nuages/django = {results['nuages'][ep] / results['django'][ep]:.1f}x"
        )


if __name__ == "__main__":
    main()
