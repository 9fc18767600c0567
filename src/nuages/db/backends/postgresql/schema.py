"""PostgreSQL DDL: foreign keys added after every table exists, deferrable."""

from __future__ import annotations

from nuages.db.backends.base.schema import BaseDatabaseSchemaEditor

__all__ = ["DatabaseSchemaEditor"]


class DatabaseSchemaEditor(BaseDatabaseSchemaEditor):
    deferrable_fk_sql = " DEFERRABLE INITIALLY DEFERRED"
