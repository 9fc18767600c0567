"""squashmigrations (incl. squashing a squashed migration), optimizemigration, sqlsequencereset
and dbshell, on every backend."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from tests.db.migrations.test_end_to_end import APP, app_dir, book_rows, run  # noqa: F401

from nuages.apps import apps
from nuages.core.management.base import CommandError
from nuages.db.migrations.loader import MigrationLoader

TITLE = "    title = models.CharField(max_length=100)\n"
PAGES = "    pages = models.IntegerField(default=0)\n"
YEAR = "    year = models.IntegerField(null=True)\n"


def three_migrations(load: Any) -> None:
    load(TITLE)
    run("makemigrations", APP, interactive=False)
    load(TITLE + PAGES)
    run("makemigrations", APP, interactive=False)
    load(TITLE.replace("100", "200") + PAGES)
    run("makemigrations", APP, interactive=False)


def test_squash_then_squash_the_squashed(app_dir: Any, conn: Any) -> None:  # noqa: F811
    package, load = app_dir
    three_migrations(load)
    out = run("squashmigrations", APP, "0003", interactive=False)
    assert "Will squash the following migrations:" in out and " - 0002_book_pages" in out
    assert "Optimized from 3 operations to 1 operations." in out
    squashed = package / "migrations" / "0001_squashed_0003_alter_book_title.py"
    source = squashed.read_text()
    assert "replaces = [" in source and "('migevo', '0002_book_pages')" in source
    assert "initial = True" in source and "migrations.CreateModel(" in source
    assert "max_length=200" in source and "AddField" not in source
    load(TITLE.replace("100", "200") + PAGES)
    # A fresh database applies the squashed migration and records the replaced ones.
    assert "Applying migevo.0001_squashed_0003_alter_book_title... OK" in run("migrate", APP)
    apps.get_model(APP, "Book").objects.create(title="Dune", pages=3)
    load(TITLE.replace("100", "200") + PAGES + YEAR)
    assert "0004_book_year.py" in run("makemigrations", APP, interactive=False)
    run("migrate", APP)
    with pytest.raises(CommandError, match="is replaced by a squashed migration"):
        run("squashmigrations", APP, "0003", interactive=False)
    # Squash the squashed migration with 0004: the new one replaces all four originals.
    out = run(
        "squashmigrations", APP, "0004", squashed_name="all", no_optimize=True, interactive=False
    )
    assert " - 0001_squashed_0003_alter_book_title" in out and "Optimiz" not in out
    source = (package / "migrations" / "0001_all.py").read_text()
    for name in ("0001_initial", "0002_book_pages", "0003_alter_book_title", "0004_book_year"):
        assert f"('migevo', '{name}')" in source
    assert "('migevo', '0001_squashed_0003_alter_book_title')" in source
    load(TITLE.replace("100", "200") + PAGES + YEAR)
    loader = MigrationLoader(conn)
    assert (APP, "0001_all") in loader.graph.nodes
    assert (APP, "0001_all") in loader.applied_migrations
    assert "No migrations to apply." in run("migrate", APP)
    assert book_rows(conn, "title", "pages", "year") == [("Dune", 3, None)]
    run("migrate", APP, "zero")
    assert MigrationLoader(conn).applied_migrations == {} or not any(
        k[0] == APP for k in MigrationLoader(conn).applied_migrations
    )


def test_squash_range_and_errors(app_dir: Any, conn: Any, monkeypatch: Any) -> None:  # noqa: F811
    package, load = app_dir
    three_migrations(load)
    with pytest.raises(CommandError, match="Migration 0002_book_pages already exists"):
        run("squashmigrations", APP, "0002", "0003", squashed_name="book_pages", interactive=False)
    run("squashmigrations", APP, "0002", "0003", squashed_name="tail", interactive=False)
    source = (package / "migrations" / "0002_tail.py").read_text()
    assert "('migevo', '0001_initial')" in source.split("operations")[0]
    assert "initial = True" not in source
    assert "replaces = [('migevo', '0002_book_pages'), ('migevo', '0003_alter_book_title')]" in (
        " ".join(source.split())
    )
    load(TITLE.replace("100", "200") + PAGES)
    with pytest.raises(CommandError, match="cannot be found. Maybe it comes after"):
        run("squashmigrations", APP, "0003", "0001", interactive=False)
    with pytest.raises(CommandError, match="Cannot find a migration matching 'nope'"):
        run("squashmigrations", APP, "nope", interactive=False)
    monkeypatch.setattr("builtins.input", lambda *a: "n")
    before = sorted(p.name for p in (package / "migrations").iterdir())
    run("squashmigrations", APP, "0001_initial", squashed_name="x", interactive=True)
    assert sorted(p.name for p in (package / "migrations").iterdir()) == before
    assert "Applying migevo.0001_initial... OK" in run("migrate", APP)


def test_optimizemigration(app_dir: Any, conn: Any) -> None:  # noqa: F811
    package, load = app_dir
    load(TITLE)
    run("makemigrations", APP, interactive=False)
    assert "No optimizations possible." in run("optimizemigration", APP, "0001")
    path = package / "migrations" / "0001_initial.py"
    head, _, tail = path.read_text().rpartition("    ]\n")
    add = "        migrations.AddField('book', 'pages', models.IntegerField(default=0)),\n"
    path.write_text(head + add + "    ]\n" + tail)
    load(TITLE + PAGES)
    with pytest.raises(SystemExit) as exit_info:
        run("optimizemigration", APP, "0001", check=True)
    assert exit_info.value.code == 1
    out = run("optimizemigration", APP, "0001")
    assert "Optimizing from 2 operations to 1 operations." in out and "Optimized migration" in out
    assert "AddField" not in path.read_text() and "'pages'" in path.read_text()
    load(TITLE + PAGES)
    run("migrate", APP)
    apps.get_model(APP, "Book").objects.create(title="x", pages=2)
    assert book_rows(conn, "title", "pages") == [("x", 2)]


def test_sqlsequencereset(app_dir: Any, conn: Any) -> None:  # noqa: F811
    package, load = app_dir
    load(TITLE)
    out = run("sqlsequencereset", APP)
    if conn.vendor == "postgresql":
        assert "SELECT setval(pg_get_serial_sequence('\"migevo_book\"', 'id')" in out
        assert out.startswith("BEGIN;") and out.rstrip().endswith("COMMIT;")
        run("makemigrations", APP, interactive=False)
        run("migrate", APP)
        Book = apps.get_model(APP, "Book")
        Book.objects.create(id=5, title="x")
        with conn.cursor() as cursor:
            for statement in conn.ops.sequence_reset_sql(None, [Book]):
                cursor.execute(statement)
        assert Book.objects.create(title="y").pk == 6
    else:
        assert "No sequences found." in out


def test_dbshell(conn: Any, monkeypatch: Any) -> None:
    calls: list = []

    def fake_run(args: list, env: Any = None, check: bool = False) -> None:
        calls.append((args, env))

    monkeypatch.setattr(subprocess, "run", fake_run)
    run("dbshell", "--", "-c", "select 1")
    args, env = calls[0]
    assert args[-2:] == ["-c", "select 1"]
    assert args[0] in {"sqlite": {"sqlite3"}, "postgresql": {"psql"}}.get(
        conn.vendor, {"mysql", "mariadb"}
    )
    if conn.vendor != "sqlite" and conn.settings_dict["PASSWORD"]:
        assert set(env) & {"PGPASSWORD", "MYSQL_PWD"}

    def failing_run(args: list, env: Any = None, check: bool = False) -> None:
        raise subprocess.CalledProcessError(2, args)

    monkeypatch.setattr(subprocess, "run", failing_run)
    with pytest.raises(CommandError, match="returned non-zero exit status 2") as err:
        run("dbshell")
    assert err.value.returncode == 2

    def missing_run(args: list, env: Any = None, check: bool = False) -> None:
        raise FileNotFoundError(args[0])

    monkeypatch.setattr(subprocess, "run", missing_run)
    with pytest.raises(CommandError, match="You appear not to have the '.*' program installed"):
        run("dbshell")
