"""SQLCompiler: a Query -> (sql, params) per dialect, cached by the query's shape."""

from __future__ import annotations

from typing import Any

from nuages.core.exceptions import EmptyResultSet, FullResultSet
from nuages.db.models.sql.cache_key import statement_cache
from nuages.db.models.sql.dialects import get_dialect

__all__ = ["SQLCompiler", "compile_delete", "compile_select", "compile_update"]


class SQLCompiler:
    """Walks expressions and lookups; each node's as_sql(compiler, connection) does the work."""

    def __init__(self, query: Any, connection: Any) -> None:
        self.query = query
        self.connection = connection
        self.dialect = get_dialect(connection)
        self.quote = self.dialect.quote

    def compile(self, node: Any) -> tuple[str, list]:
        vendor_impl = getattr(node, f"as_{self.connection.vendor}", None)
        if vendor_impl is not None:
            return vendor_impl(self, self.connection)
        return node.as_sql(self, self.connection)

    def where_sql(self, query: Any) -> tuple[str, list]:
        """(' WHERE ...', params); raises EmptyResultSet when nothing can match."""
        if query.is_empty:
            raise EmptyResultSet
        if not query.where:
            return "", []
        try:
            sql, params = self.compile(query.where)
        except FullResultSet:
            return "", []
        return f" WHERE {sql}", params

    def order_sql(self, query: Any) -> str:
        terms = []
        q = self.quote
        table = q(query.table)
        for item in query.get_ordering():
            if isinstance(item, str):
                if item == "?":
                    terms.append(self.dialect.random_function)
                    continue
                descending = item.startswith("-")
                name = item.lstrip("-")
                field = query.names_to_path(name)
                if not query.standard_ordering:
                    descending = not descending
                terms.append(f"{table}.{q(field.column)}{' DESC' if descending else ' ASC'}")
            else:
                expr = getattr(item, "expression", item)
                field = query.names_to_path(expr.name)
                descending = bool(getattr(item, "descending", False)) != (
                    not query.standard_ordering
                )
                term = f"{table}.{q(field.column)}{' DESC' if descending else ' ASC'}"
                if getattr(item, "nulls_last", None):
                    term += " NULLS LAST" if self.connection.vendor != "mysql" else ""
                elif getattr(item, "nulls_first", None):
                    term += " NULLS FIRST" if self.connection.vendor != "mysql" else ""
                terms.append(term)
        return " ORDER BY " + ", ".join(terms) if terms else ""

    def select_sql(self, query: Any) -> tuple[str, list, tuple]:
        q = self.quote
        table = q(query.table)
        if query.combinator:
            parts, params = [], []
            for sub in query.combined_queries:
                sql, p, fields = self.select_sql(sub)
                parts.append(
                    f"SELECT * FROM ({sql}) AS {q('u' + str(len(parts)))}"
                    if self.connection.vendor in ("sqlite", "mysql")
                    and (sub.order_by or sub.is_sliced)
                    else sql
                )
                params.extend(p)
            glue = f" {query.combinator.upper()}{' ALL' if query.combinator_all else ''} "
            sql = glue.join(parts)
            ordering = []
            for item in query.order_by:
                name = item.lstrip("-")
                idx = [f.name for f in fields].index(query.names_to_path(name).name) + 1
                ordering.append(f"{idx}{' DESC' if item.startswith('-') else ''}")
            if ordering:
                sql += " ORDER BY " + ", ".join(ordering)
            if query.is_sliced:
                sql += " " + self.dialect.limit_offset_sql(query.low_mark, query.high_mark)
            return sql, params, fields
        if query.dates_select is not None:
            from nuages.db.models._dates import dates_select_sql

            return dates_select_sql(self, query)
        fields = query.select_fields()
        where, params = self.where_sql(query)
        if query.exists_only:
            sql = f"SELECT 1 AS {q('a')} FROM {table}{where} LIMIT 1"
            return sql, params, ()
        cols = ", ".join(f"{table}.{q(f.column)}" for f in fields)
        distinct = ""
        if query.distinct_fields:
            if not self.dialect.supports_distinct_on:
                from nuages.db import NotSupportedError

                raise NotSupportedError(
                    "DISTINCT ON fields is not supported by this database backend"
                )
            distinct = (
                "DISTINCT ON ("
                + ", ".join(
                    f"{table}.{q(query.names_to_path(n).column)}" for n in query.distinct_fields
                )
                + ") "
            )
        elif query.distinct:
            distinct = "DISTINCT "
        if query.count_only:
            if query.distinct or query.is_sliced:
                inner = f"SELECT {distinct}{cols} FROM {table}{where}"
                if query.is_sliced:
                    inner += " " + self.dialect.limit_offset_sql(query.low_mark, query.high_mark)
                return f"SELECT COUNT(*) FROM ({inner}) {q('subquery')}", params, ()
            return f"SELECT COUNT(*) FROM {table}{where}", params, ()
        sql = f"SELECT {distinct}{cols} FROM {table}{where}{self.order_sql(query)}"
        if query.is_sliced:
            sql += " " + self.dialect.limit_offset_sql(query.low_mark, query.high_mark)
        if query.select_for_update:
            if not self.dialect.supports_select_for_update:
                return sql, params, fields  # SQLite: whole-database locks, FOR UPDATE is a no-op
            of = tuple(q(query.model._meta.db_table) for _ in query.select_for_update_of)
            sql += " " + self.dialect.for_update_sql(
                query.select_for_update_nowait,
                query.select_for_update_skip_locked,
                of,
                query.select_for_no_key_update,
            )
        return sql, params, fields


def _cached(kind: str, query: Any, connection: Any, build: Any) -> tuple[str | None, list, Any]:
    shape = query.shape()
    if shape is None:
        return build()
    key = (connection.vendor, kind, shape)
    entry = statement_cache.get(key)
    if entry is None:
        try:
            sql, _params, extra = build()
        except EmptyResultSet:
            statement_cache.set(key, (None, None))
            raise
        statement_cache.set(key, (sql, extra))
        return sql, _params, extra
    sql, extra = entry
    if sql is None:
        raise EmptyResultSet
    return sql, query.params(connection), extra


def compile_select(query: Any, connection: Any) -> tuple[str, list, tuple]:
    """SELECT for the query: (sql, params, selected fields). Raises EmptyResultSet."""
    return _cached(
        "select", query, connection, lambda: SQLCompiler(query, connection).select_sql(query)
    )


def compile_delete(query: Any, connection: Any) -> tuple[str, list, None]:
    def build() -> tuple[str, list, None]:
        compiler = SQLCompiler(query, connection)
        where, params = compiler.where_sql(query)
        return f"DELETE FROM {compiler.quote(query.table)}{where}", params, None

    if query.is_sliced or query.distinct:
        raise TypeError("Cannot use 'limit' or 'offset' with delete().")
    return _cached("delete", query, connection, build)


def compile_update(query: Any, connection: Any, values: list[tuple[Any, Any]]) -> tuple[str, list]:
    """UPDATE table SET ... WHERE ...; values are (field, value-or-expression) pairs."""
    compiler = SQLCompiler(query, connection)
    q = compiler.quote
    sets, params = [], []
    for field, value in values:
        if hasattr(value, "resolve_expression"):
            expr = value.resolve_expression(query, for_save=True)
            sql, p = compiler.compile(expr)
            sets.append(f"{q(field.column)} = {sql}")
            params.extend(p)
        else:
            sets.append(f"{q(field.column)} = %s")
            params.append(field.get_db_prep_save(value, connection))
    where, wparams = compiler.where_sql(query)
    sql = f"UPDATE {q(query.table)} SET {', '.join(sets)}{where}"
    return sql, params + wparams
