"""BaseDatabaseIntrospection: what tables and columns the database holds."""

from __future__ import annotations

from collections import namedtuple
from typing import Any

from nuages.apps import apps

__all__ = ["BaseDatabaseIntrospection", "FieldInfo", "TableInfo"]

TableInfo = namedtuple("TableInfo", ["name", "type"])
FieldInfo = namedtuple(
    "FieldInfo",
    [
        "name",
        "type_code",
        "display_size",
        "internal_size",
        "precision",
        "scale",
        "null_ok",
        "default",
        "collation",
    ],
)


class BaseDatabaseIntrospection:
    """``connection.introspection``."""

    data_types_reverse: dict = {}

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def identifier_converter(self, name: str) -> str:
        return name

    def get_table_list(self, cursor: Any) -> list[TableInfo]:
        raise NotImplementedError

    def table_names(self, cursor: Any = None, include_views: bool = False) -> list[str]:
        """Sorted names of the tables (and views when asked) in the database."""

        def names(c: Any) -> list[str]:
            return sorted(t.name for t in self.get_table_list(c) if include_views or t.type == "t")

        if cursor is None:
            with self.connection.cursor() as cursor:
                return names(cursor)
        return names(cursor)

    def get_table_description(self, cursor: Any, table_name: str) -> list[FieldInfo]:
        raise NotImplementedError

    def django_table_names(
        self, only_existing: bool = False, include_views: bool = True
    ) -> list[str]:
        """Tables of every installed model (those that exist, when asked)."""
        tables = set()
        for model in _all_models(apps):
            if getattr(model._meta, "managed", True):
                tables.add(model._meta.db_table)
        if only_existing:
            existing = set(self.table_names(include_views=include_views))
            tables = {t for t in tables if self.identifier_converter(t) in existing}
        return sorted(tables)

    def installed_models(self, tables: list[str]) -> set:
        wanted = {self.identifier_converter(t) for t in tables}
        return {
            m for m in _all_models(apps) if self.identifier_converter(m._meta.db_table) in wanted
        }

    def sequence_list(self) -> list[dict]:
        return []

    def get_sequences(self, cursor: Any, table_name: str, table_fields: Any = ()) -> list[dict]:
        return []


def _all_models(apps: Any) -> list:
    get_models = getattr(apps, "get_models", None)
    if get_models is None:
        return []
    try:
        return list(get_models(include_auto_created=True))
    except TypeError:
        return list(get_models())
