"""Internal query representation and compilers (not a public API)."""

from nuages.db.models.sql.query import Query

__all__ = ["Query"]
