"""Run every benchmarks/bench_*.py module, each in its own interpreter.

Each benchmark configures nuages' and Django's settings for itself, so they cannot share a
process. `python -m benchmarks bench_urls` runs only the named ones.
"""

import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(selected: list[str]) -> int:
    names = sorted(
        info.name
        for info in pkgutil.iter_modules([str(Path(__file__).parent)])
        if info.name.startswith("bench_")
    )
    if selected:
        unknown = set(selected) - set(names)
        if unknown:
            print(
                f"unknown benchmarks: {', '.join(sorted(unknown))}; choose from {', '.join(names)}"
            )
            return 2
        names = [n for n in names if n in selected]
    failures = 0
    for name in names:
        print(f"== {name} ==", flush=True)
        result = subprocess.run([sys.executable, "-m", f"benchmarks.{name}"], cwd=ROOT)
        failures += result.returncode != 0
        print(flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
