"""ORM benchmark: nuages vs Django 5.2 vs the raw sqlite3 driver, same schema, one run.

Run: /tmp/benchorm/bin/python benchmarks/bench_orm.py  (a venv with nuages and django<5.3)
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

N_ROWS = 10_000
N_OPS = 1_000
TMP = Path(tempfile.mkdtemp(prefix="bench-orm-"))
SCHEMA = "CREATE TABLE {t} (id integer PRIMARY KEY AUTOINCREMENT, name varchar(50) NOT NULL, n integer NOT NULL)"


def timed(fn) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def setup_nuages():
    import nuages
    from nuages.conf import settings

    settings.configure(
        INSTALLED_APPS=[],
        USE_TZ=True,
        DATABASES={
            "default": {"ENGINE": "nuages.db.backends.sqlite3", "NAME": str(TMP / "nuages.db")}
        },
    )
    nuages.setup(set_prefix=False)
    from nuages.db import connections, models

    class Item(models.Model):
        name = models.CharField(max_length=50)
        n = models.IntegerField()

        class Meta:
            app_label = "bench"

    with connections["default"].cursor() as c:
        c.execute(SCHEMA.format(t="bench_item"))
    return Item


def setup_django():
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=[],
        USE_TZ=True,
        DATABASES={
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(TMP / "django.db")}
        },
    )
    django.setup()
    from django.db import connection, models

    class Item(models.Model):
        name = models.CharField(max_length=50)
        n = models.IntegerField()

        class Meta:
            app_label = "bench"

    with connection.cursor() as c:
        c.execute(SCHEMA.format(t="bench_item"))
    return Item


def run_orm(Item) -> dict:
    results = {}
    results["bulk_create 10k"] = timed(
        lambda: (
            Item.objects.all().delete(),
            Item.objects.bulk_create(
                [Item(name=f"n{i}", n=i % 100) for i in range(N_ROWS)], batch_size=300
            ),
        )
    )
    pks = list(Item.objects.values_list("id", flat=True)[:N_OPS])
    results["fetch 10k instances"] = timed(lambda: list(Item.objects.all()))
    results["values_list 10k"] = timed(lambda: list(Item.objects.values_list("id", "name", "n")))
    results["1000 x get(pk)"] = timed(lambda: [Item.objects.get(pk=pk) for pk in pks])
    results["1000 x filter().count()"] = timed(
        lambda: [Item.objects.filter(n=i % 100).count() for i in range(N_OPS)]
    )
    objs = list(Item.objects.all()[:N_OPS])
    results["1000 x save()"] = timed(lambda: [o.save() for o in objs])
    return results


def run_raw() -> dict:
    db = sqlite3.connect(TMP / "raw.db", isolation_level=None)
    db.execute(SCHEMA.format(t="bench_item"))
    db.executemany(
        "INSERT INTO bench_item (name, n) VALUES (?, ?)",
        [(f"n{i}", i % 100) for i in range(N_ROWS)],
    )
    return {
        "fetch 10k instances": timed(
            lambda: db.execute("SELECT id, name, n FROM bench_item").fetchall()
        ),
        "values_list 10k": timed(
            lambda: db.execute("SELECT id, name, n FROM bench_item").fetchall()
        ),
        "1000 x get(pk)": timed(
            lambda: [
                db.execute("SELECT id, name, n FROM bench_item WHERE id = ?", (pk,)).fetchone()
                for pk in range(1, N_OPS + 1)
            ]
        ),
        "1000 x filter().count()": timed(
            lambda: [
                db.execute("SELECT COUNT(*) FROM bench_item WHERE n = ?", (i % 100,)).fetchone()
                for i in range(N_OPS)
            ]
        ),
    }


def main() -> None:
    raw = run_raw()
    nu = run_orm(setup_nuages())
    try:
        dj = run_orm(setup_django())
    except ImportError:
        dj = {}
        print("django not installed: nuages and raw only", file=sys.stderr)
    print(
        f"{'benchmark':28} {'raw ms':>8} {'nuages ms':>10} {'django ms':>10} {'django/nuages':>14} {'nuages/raw':>11}"
    )
    for name, t in nu.items():
        d = dj.get(name)
        r = raw.get(name)
        print(
            f"{name:28} {r * 1e3 if r else float('nan'):8.1f} {t * 1e3:10.1f} {d * 1e3 if d else float('nan'):10.1f} "
            f"{(d / t) if d else float('nan'):13.2f}x {(t / r) if r else float('nan'):10.2f}x"
        )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
