"""Fixtures for the migration tests: a real connection per backend, outside any transaction
(DDL commits on MariaDB), with the tables a test made dropped afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from tests.db.conftest import SELECTED, _prepare_backend

from nuages.db import connections


def drop_tables(conn: Any, prefix: str = "mig") -> None:
    with conn.cursor() as cursor:
        tables = conn.introspection.table_names(cursor)
    names = [
        t for t in tables if t.startswith((prefix, f"new__{prefix}")) or t == "django_migrations"
    ]
    for table in names:
        with conn.cursor() as cursor:
            cursor.execute(f"DROP TABLE {conn.ops.quote_name(table)}")


@pytest.fixture(params=[pytest.param(n, id=n) for n in SELECTED])
def conn(request: pytest.FixtureRequest) -> Any:
    alias = _prepare_backend(request.param)
    connection = connections[alias]
    drop_tables(connection)
    with connections.pin({"default": connection, alias: connection}):
        try:
            yield connection
        finally:
            if connection.in_atomic_block:
                connection.needs_rollback = True
            drop_tables(connection)
