"""An app evolves over several model changes: makemigrations + migrate after each, data checked
at every step, then back to zero. (Adding a ForeignKey / ManyToMany waits for relations;
Meta.indexes waits for models.Index: the index step uses db_index.)"""

from __future__ import annotations

import importlib
import io
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from nuages.apps import apps
from nuages.core.management import call_command
from nuages.core.management.base import CommandError

APP = "migevo"

HEADER = "from nuages.db import models\n\n\nclass Book(models.Model):\n"


@pytest.fixture
def app_dir(tmp_path: Path, conn: Any) -> Any:
    package = tmp_path / APP
    package.mkdir()
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(tmp_path))
    installed: list = []

    def load(body: str) -> None:
        (package / "models.py").write_text(HEADER + body)
        shutil.rmtree(package / "__pycache__", ignore_errors=True)
        if installed:
            apps.unset_installed_apps()
        for name in [m for m in sys.modules if m == APP or m.startswith(APP + ".")]:
            del sys.modules[name]
        apps.all_models.pop(APP, None)
        importlib.invalidate_caches()
        apps.set_installed_apps([APP])
        installed.append(True)

    try:
        yield package, load
    finally:
        if installed:
            apps.unset_installed_apps()
        apps.all_models.pop(APP, None)
        for name in [m for m in sys.modules if m == APP or m.startswith(APP + ".")]:
            del sys.modules[name]
        sys.path.remove(str(tmp_path))


def run(*args: Any, **kwargs: Any) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out, **kwargs)
    return out.getvalue()


def book_rows(conn: Any, *cols: str) -> list:
    q = conn.ops.quote_name
    with conn.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(q(c) for c in cols)} FROM {q('migevo_book')} ORDER BY {q('id')}"
        )
        return [tuple(r) for r in cursor.fetchall()]


def test_app_evolves_and_goes_back_to_zero(
    app_dir: Any, conn: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    package, load = app_dir
    load("    title = models.CharField(max_length=100)\n")
    out = run("makemigrations", APP, interactive=False)
    assert "0001_initial.py" in out and "+ Create model Book" in out
    out = run("migrate", APP)
    assert "Operations to perform:" in out and "  Apply all migrations: migevo" in out
    assert "Running migrations:" in out and "  Applying migevo.0001_initial... OK" in out
    Book = apps.get_model(APP, "Book")
    Book.objects.create(title="Dune")
    Book.objects.create(title="Emma")

    # 1. add a field with a default
    load(
        "    title = models.CharField(max_length=100)\n    pages = models.IntegerField(default=0)\n"
    )
    assert "0002_book_pages.py" in run("makemigrations", APP, interactive=False)
    run("migrate", APP)
    assert book_rows(conn, "title", "pages") == [("Dune", 0), ("Emma", 0)]

    # 2. rename a field (asked; answered yes)
    load(
        "    name = models.CharField(max_length=100)\n    pages = models.IntegerField(default=0)\n"
    )
    monkeypatch.setattr("builtins.input", lambda *a: "y")
    out = run("makemigrations", APP, interactive=True)
    assert "Rename field title on book to name" in out
    run("migrate", APP)
    assert book_rows(conn, "name", "pages") == [("Dune", 0), ("Emma", 0)]

    # 3. alter a type
    load(
        "    name = models.CharField(max_length=100)\n    pages = models.BigIntegerField(default=0)\n"
    )
    assert "~ Alter field pages on book" in run("makemigrations", APP, interactive=False)
    run("migrate", APP)
    assert book_rows(conn, "name", "pages") == [("Dune", 0), ("Emma", 0)]

    # 4. add an index
    load(
        "    name = models.CharField(max_length=100, db_index=True)\n    pages = models.BigIntegerField(default=0)\n"
    )
    run("makemigrations", APP, interactive=False)
    run("migrate", APP)
    with conn.schema_editor() as editor:
        assert editor._constraint_names(apps.get_model(APP, "Book"), ["name"], index=True)

    # 5. remove a field
    load("    name = models.CharField(max_length=100, db_index=True)\n")
    assert "- Remove field pages from book" in run("makemigrations", APP, interactive=False)
    run("migrate", APP)
    assert book_rows(conn, "name") == [("Dune",), ("Emma",)]
    assert "No changes detected in app 'migevo'" in run("makemigrations", APP, interactive=False)

    listing = run("showmigrations", APP)
    assert listing.splitlines()[0] == "migevo" and listing.count("[X]") == 6
    sql = run("sqlmigrate", APP, "0002")
    assert "pages" in sql

    # back one step, then to zero: the data follows as far as the schema allows
    run("migrate", APP, "0005")
    assert book_rows(conn, "name", "pages") == [("Dune", 0), ("Emma", 0)]
    out = run("migrate", APP, "zero")
    assert "  Unapplying migevo.0001_initial... OK" in out
    assert "migevo_book" not in conn.introspection.table_names()
    assert run("showmigrations", APP).count("[ ]") == 6


def test_check_and_noinput_not_null(app_dir: Any, conn: Any) -> None:
    package, load = app_dir
    load("    title = models.CharField(max_length=100)\n")
    with pytest.raises(SystemExit) as exit_info:
        run("makemigrations", APP, "--check", interactive=False)
    assert exit_info.value.code == 1
    run("makemigrations", APP, interactive=False)
    load("    title = models.CharField(max_length=100)\n    year = models.IntegerField()\n")
    with pytest.raises(SystemExit) as exit_info:
        out = io.StringIO()
        call_command("makemigrations", APP, interactive=False, stdout=out, stderr=out)
    assert exit_info.value.code == 3


def test_conflicts_inconsistent_history_and_missing_dependency(app_dir: Any, conn: Any) -> None:
    package, load = app_dir
    load("    title = models.CharField(max_length=100)\n")
    run("makemigrations", APP, interactive=False)
    migrations_dir = package / "migrations"
    template = (
        "from nuages.db import migrations\n\n\nclass Migration(migrations.Migration):\n"
        "    dependencies = [{deps}]\n    operations = []\n"
    )
    (migrations_dir / "0002_a.py").write_text(template.format(deps="('migevo', '0001_initial')"))
    (migrations_dir / "0002_b.py").write_text(template.format(deps="('migevo', '0001_initial')"))
    importlib.invalidate_caches()
    with pytest.raises(CommandError, match="makemigrations --merge"):
        run("migrate", APP)
    out = run("makemigrations", APP, "--merge", interactive=False)
    assert "0003_merge_a_b" in out
    run("migrate", APP)
    # Inconsistent history: a migration recorded without its dependency.
    from nuages.db.migrations.recorder import MigrationRecorder

    MigrationRecorder(conn).record_unapplied(APP, "0002_a")
    with pytest.raises(Exception, match="is applied before its dependency migevo.0002_a"):
        run("migrate", APP)
    # Missing dependency.
    (migrations_dir / "0004_x.py").write_text(template.format(deps="('migevo', '0099_nope')"))
    importlib.invalidate_caches()
    with pytest.raises(
        Exception,
        match=r"Migration migevo.0004_x dependencies reference nonexistent parent node \('migevo', '0099_nope'\)",
    ):
        run("migrate", APP)
    MigrationRecorder(conn).record_applied(APP, "0002_a")
    (migrations_dir / "0004_x.py").unlink()
    run("migrate", APP, "zero")
