"""Migrations benchmark: makemigrations and migrate (from zero) of an app of 50 models, nuages vs
Django 5.2 in one run, on SQLite and (when it answers on 127.0.0.1:5432) PostgreSQL.

The models have eight columns each and no relations yet (ForeignKey/ManyToMany wait for the
relations issue in nuages). Both apps are generated on disk, with the same models, as two
packages (``nbench`` for nuages, ``dbench`` for Django) so both frameworks share one process.

Run: /tmp/benchmig/bin/python benchmarks/bench_migrate.py  (a venv with nuages and django<5.3)
"""

from __future__ import annotations

import importlib
import io
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

N_MODELS = 50
REPEAT = 3
TMP = Path(tempfile.mkdtemp(prefix="bench-migrate-"))
PG = {"USER": "postgres", "HOST": "127.0.0.1"}

FIELDS = """\
    name = models.CharField(max_length=100)
    slug = models.CharField(max_length=50, unique=True)
    body = models.TextField(blank=True, default="")
    count = models.IntegerField(default=0)
    price = models.DecimalField(max_digits=8, decimal_places=2, null=True)
    active = models.BooleanField(default=True)
    created = models.DateTimeField(null=True, db_index=True)
    ratio = models.FloatField(null=True)
"""


def write_app(package: str, framework: str) -> None:
    root = TMP / package
    (root / "migrations").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "migrations" / "__init__.py").write_text("")
    body = [f"from {framework}.db import models\n"]
    for i in range(N_MODELS):
        body.append(
            f"\nclass Model{i:02d}(models.Model):\n{FIELDS}\n"
            f"    class Meta:\n        ordering = ['name']\n        verbose_name = 'thing {i}'\n"
        )
    (root / "models.py").write_text("\n".join(body))


def pg_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return True
    except OSError:
        return False


def create_pg_databases(names: list[str]) -> None:
    import psycopg

    with psycopg.connect(user="postgres", host="127.0.0.1", dbname="postgres") as conn:
        conn.autocommit = True
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')


def databases(engine: str, prefix: str, with_pg: bool) -> dict:
    dbs = {"default": {"ENGINE": f"{engine}.sqlite3", "NAME": str(TMP / f"{prefix}.sqlite3")}}
    if with_pg:
        dbs["pg"] = {"ENGINE": f"{engine}.postgresql", "NAME": f"bench_mig_{prefix}", **PG}
    return dbs


def best(fn: Any, before: Any = None) -> float:
    times = []
    for _ in range(REPEAT):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(call_command: Any, package: str, aliases: list[str]) -> dict[str, float]:
    migrations_dir = TMP / package / "migrations"
    quiet = {"verbosity": 0, "stdout": io.StringIO()}

    def reset_migrations() -> None:
        for path in migrations_dir.glob("0*.py"):
            path.unlink()
        shutil.rmtree(migrations_dir / "__pycache__", ignore_errors=True)
        for name in [m for m in sys.modules if m.startswith(f"{package}.migrations.")]:
            del sys.modules[name]
        importlib.invalidate_caches()

    results = {
        "makemigrations": best(
            lambda: call_command("makemigrations", package, **quiet), reset_migrations
        )
    }
    for alias in aliases:
        call_command("migrate", package, "zero", database=alias, **quiet)

        def forwards(alias: str = alias) -> None:
            call_command("migrate", package, database=alias, **quiet)

        def backwards(alias: str = alias) -> None:
            call_command("migrate", package, "zero", database=alias, **quiet)

        results[f"migrate {alias}"] = best(forwards, backwards)
        results[f"migrate zero {alias}"] = best(backwards, forwards)
    return results


def run_nuages(with_pg: bool) -> dict[str, float]:
    import nuages
    from nuages.conf import settings

    settings.configure(
        INSTALLED_APPS=["nbench"],
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="nuages.db.models.BigAutoField",
        DATABASES=databases("nuages.db.backends", "nuages", with_pg),
    )
    nuages.setup(set_prefix=False)
    from nuages.core.management import call_command

    return measure(call_command, "nbench", ["default", "pg"] if with_pg else ["default"])


def run_django(with_pg: bool) -> dict[str, float]:
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=["dbench"],
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        DATABASES=databases("django.db.backends", "django", with_pg),
    )
    django.setup()
    from django.core.management import call_command

    return measure(call_command, "dbench", ["default", "pg"] if with_pg else ["default"])


def main() -> None:
    write_app("nbench", "nuages")
    write_app("dbench", "django")
    sys.path.insert(0, str(TMP))
    with_pg = pg_available()
    if with_pg:
        create_pg_databases(["bench_mig_nuages", "bench_mig_django"])
    nuages_results = run_nuages(with_pg)
    django_results = run_django(with_pg)
    print(
        f"Migrations: an app of {N_MODELS} models (8 columns, 1 unique, 1 index each; no "
        f"relations yet), best of {REPEAT}"
    )
    print(f"{'operation':<24}{'nuages':>12}{'Django 5.2':>14}{'ratio':>9}")
    for key, nuages_time in nuages_results.items():
        django_time = django_results[key]
        print(
            f"{key:<24}{nuages_time * 1000:>10.1f}ms{django_time * 1000:>12.1f}ms"
            f"{django_time / nuages_time:>8.1f}x"
        )
    if not with_pg:
        print("(PostgreSQL does not answer on 127.0.0.1:5432: SQLite only)")
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
