"""Run every benchmarks/bench_*.py module's main(), one after the other."""

import importlib
import pkgutil
from pathlib import Path


def run() -> None:
    names = sorted(
        info.name
        for info in pkgutil.iter_modules([str(Path(__file__).parent)])
        if info.name.startswith("bench_")
    )
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"== {name} ==")
        module.main()
        print()


if __name__ == "__main__":
    run()
