"""RawQuerySet (model instances from raw SQL) and the EXPLAIN plan; parameters always go to the driver."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nuages.core.exceptions import FieldError
from nuages.db.models._runners import CONN, EXEC, alias_for
from nuages.db.models.sql.compiler import compile_select
from nuages.db.models.sql.dialects import get_dialect

__all__ = ["RawQuerySet", "explain_plan"]


def explain_plan(qs: Any, format: str | None, options: dict) -> Any:
    conn = yield (CONN,)
    dialect = get_dialect(conn)
    sql, params, _ = compile_select(qs._query, conn)
    prefix = dialect.explain_prefix
    if format:
        if format.upper() not in ("TEXT", "JSON", "YAML", "XML", "TRADITIONAL", "TREE"):
            raise ValueError(f"{format} is not a recognized format.")
        if conn.vendor == "postgresql":
            prefix += f" (FORMAT {format.upper()})"
        elif conn.vendor == "mysql":
            prefix += f" FORMAT={format.upper()}"
    for name in options:
        if not name.isidentifier():
            raise ValueError(f"Unknown options: {name}")
    rows = yield (EXEC, f"{prefix} {sql}", params, "all")
    return "\n".join(" ".join(str(c) for c in row) for row in rows)


class RawQuerySet:
    """Model instances from a raw SQL query; params are always passed to the driver."""

    def __init__(
        self,
        raw_query: str,
        model: Any,
        params: Any = (),
        translations: dict | None = None,
        using: str | None = None,
    ) -> None:
        self.raw_query, self.model, self.params = raw_query, model, params
        self.translations = translations or {}
        self._db = using
        self._result_cache: list | None = None

    def _plan(self) -> Any:
        conn = yield (CONN,)
        with_desc = yield (
            EXEC,
            self.raw_query,
            list(self.params) if self.params is not None else None,
            "described",
        )
        return conn, with_desc

    def _decode(self, rows: list, names: list) -> list:
        opts = self.model._meta
        names = [self.translations.get(n, n) for n in names]
        fieldmap = {f.column: f for f in opts.concrete_fields}
        if opts.pk.column not in names:
            raise FieldError("Raw query must include the primary key")
        out = []
        for row in rows:
            obj = self.model.__new__(self.model)
            from nuages.db.models.base import ModelState

            obj._state = ModelState(self._db, False)
            for name, value in zip(names, row, strict=True):
                field = fieldmap.get(name)
                if field is not None:
                    for c in field.get_db_converters(_RawConn):
                        value = c(value, field, _RawConn)
                    obj.__dict__[field.attname] = value
                else:
                    obj.__dict__[name] = value
            out.append(obj)
        return out

    def _fetch(self) -> list:
        if self._result_cache is None:
            from nuages.db.models._runners import get_connection

            alias = alias_for(self.model, self._db, False)
            conn = get_connection(alias)
            global _RawConn
            _RawConn = conn
            with conn.cursor() as cursor:
                cursor.execute(
                    self.raw_query, list(self.params) if self.params is not None else None
                )
                names = [d[0] for d in cursor.description]
                self._result_cache = self._decode(cursor.fetchall(), names)
        return self._result_cache

    def __iter__(self) -> Iterator:
        return iter(self._fetch())

    def __len__(self) -> int:
        return len(self._fetch())

    def __getitem__(self, k: Any) -> Any:
        return self._fetch()[k]

    @property
    def columns(self) -> list:
        return []


_RawConn: Any = None
