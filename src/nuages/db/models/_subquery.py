"""A QuerySet used as a filter value (``__in``): one column, compiled inline with its params."""

from __future__ import annotations

from typing import Any

__all__ = ["Subquery"]


class Subquery:
    """A QuerySet used as the right-hand side of __in: one column, compiled inline."""

    is_subquery = True

    def __init__(self, qs: Any) -> None:
        query = qs._query.clone()
        if not query.values_select:
            query.values_select = (qs.model._meta.pk.name,)
        elif len(query.values_select) != 1:
            raise TypeError("Cannot use multi-field values as a filter value.")
        query.clear_ordering()
        self.query = query

    def resolve_expression(self, *args: Any, **kwargs: Any) -> Subquery:
        return self

    def shape(self) -> Any:
        s = self.query.shape()
        return None if s is None else ("subquery", s)

    def params(self, connection: Any) -> list:
        return self.query.params(connection)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        sql, params, _ = compiler.select_sql(self.query)
        return sql, params
