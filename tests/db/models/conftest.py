"""ORM test setup: the testapp models, and a `conn` fixture with their tables on SQLite.

When W4a's tests/db/conftest.py `db` fixture (every backend, sync and async) lands, the tests
should move to it; until then the tables are built here from the models' db_type().
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from nuages.conf import settings  # noqa: E402

_DB_FILE = os.path.join(tempfile.mkdtemp(prefix="nuages-orm-"), "orm.sqlite3")
_BACKENDS = os.environ.get("NUAGES_ORM_BACKENDS", "sqlite").split(",")
if not getattr(settings, "DATABASES", None):
    settings.DATABASES = {"default": {"ENGINE": "nuages.db.backends.sqlite3", "NAME": _DB_FILE}}

from testapp.models import MODELS  # noqa: E402

from nuages.db import connections  # noqa: E402
from nuages.db.models.sql.dialects import get_dialect  # noqa: E402


def create_table(conn, model) -> None:
    dialect = get_dialect(conn)
    cols = []
    for field in model._meta.concrete_fields:
        db_type = field.db_type(conn)
        col = f"{dialect.quote(field.column)} {db_type}"
        col += " NULL" if field.null else " NOT NULL"
        if field.primary_key:
            col += " PRIMARY KEY"
            suffix = field.db_type_suffix(conn)
            if suffix:
                col += " " + suffix
        elif field.unique:
            col += " UNIQUE"
        cols.append(col)
    for names in model._meta.unique_together:
        cols.append(
            "UNIQUE ("
            + ", ".join(dialect.quote(model._meta.get_field(n).column) for n in names)
            + ")"
        )
    with conn.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {dialect.quote(model._meta.db_table)}")
        cursor.execute(f"CREATE TABLE {dialect.quote(model._meta.db_table)} ({', '.join(cols)})")


_created: set = set()


@pytest.fixture
def conn():
    connection = connections["default"]
    if "default" not in _created:
        for model in MODELS:
            create_table(connection, model)
        _created.add("default")
    yield connection
    with connection.cursor() as cursor:
        for model in MODELS:
            cursor.execute(f"DELETE FROM {get_dialect(connection).quote(model._meta.db_table)}")
