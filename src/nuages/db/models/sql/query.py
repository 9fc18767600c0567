"""Query: the internal, structural description of a SELECT/UPDATE/DELETE built by QuerySet."""

from __future__ import annotations

from typing import Any

from nuages.core.exceptions import FieldDoesNotExist, FieldError
from nuages.db.models.constants import LOOKUP_SEP
from nuages.db.models.lookups import Col, Exact, IsNull
from nuages.db.models.query_utils import Q
from nuages.db.models.sql.where import AND, WhereNode

__all__ = ["Query"]


class Query:
    """What to select from one model's table: where tree, ordering, limits, columns."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.table = model._meta.db_table if model is not None else None
        self.where = WhereNode()
        self.order_by: tuple = ()
        self.default_ordering = True
        self.standard_ordering = True
        self.low_mark = 0
        self.high_mark: int | None = None
        self.distinct = False
        self.distinct_fields: tuple = ()
        self.values_select: tuple = ()  # names for values()/values_list(); () means the model
        self.deferred: tuple[frozenset, bool] = (frozenset(), True)
        self.select_for_update = False
        self.select_for_update_nowait = False
        self.select_for_update_skip_locked = False
        self.select_for_update_of: tuple = ()
        self.select_for_no_key_update = False
        self.combinator: str | None = None
        self.combinator_all = False
        self.combined_queries: tuple = ()
        self.is_empty = False
        self.extra_where: tuple = ()
        self.count_only = False
        self.exists_only = False
        self.dates_select: tuple | None = None  # dates()/datetimes(): see models/_dates.py

    def clone(self) -> Query:
        obj = Query.__new__(Query)
        obj.__dict__.update(self.__dict__)
        obj.where = self.where.clone()
        return obj

    # -- names -> fields ------------------------------------------------------------------------
    def names_to_path(self, name: str) -> Any:
        opts = self.model._meta
        if name == "pk":
            return opts.pk
        try:
            return opts.get_field(name)
        except FieldDoesNotExist:
            choices = ", ".join(sorted({"pk", *(f.name for f in opts.get_fields())}))
            raise FieldError(
                f"Cannot resolve keyword '{name}' into field. Choices are: {choices}"
            ) from None

    def resolve_ref(self, name: str) -> Col:
        if LOOKUP_SEP in name:
            raise FieldError(f"Joined field references are not permitted in this query: {name!r}.")
        return Col(self.table, self.names_to_path(name))

    # -- filters --------------------------------------------------------------------------------
    def build_lookup(self, lookup_path: str, value: Any, negated: bool) -> Any:
        parts = lookup_path.split(LOOKUP_SEP)
        field = self.names_to_path(parts[0])
        lhs: Any = Col(self.table, field)
        names = parts[1:] or ["exact"]
        for i, name in enumerate(names):
            last = i == len(names) - 1
            lookup_class = lhs.get_lookup(name) if last else None
            if lookup_class is not None:
                break
            transform = lhs.get_transform(name)
            if transform is None:
                output = lhs.output_field
                available = sorted(k for k in output.get_lookups())
                raise FieldError(
                    f"Unsupported lookup '{name}' for {output.get_internal_type()} or join on the "
                    f"field not permitted. Choices are: {', '.join(available)}"
                )
            lhs = transform(lhs)
            if last:
                lookup_class = lhs.get_lookup("exact")
        if hasattr(value, "resolve_expression"):
            value = value.resolve_expression(self)
        elif hasattr(value, "query") and hasattr(value, "_as_subquery"):
            value = value._as_subquery()
        if value is None and not getattr(lookup_class, "can_use_none_as_rhs", False):
            if lookup_class.lookup_name not in ("exact", "iexact"):
                raise ValueError("Cannot use None as a query value")
            return IsNull(lhs, True)
        lookup = lookup_class(lhs, value)
        if negated and field.null and lookup_class is not IsNull:
            node = WhereNode([lookup, IsNull(lhs, False)], AND)
            return node
        return lookup

    def build_q(self, q: Q, negated: bool = False) -> WhereNode:
        node = WhereNode(connector=q.connector, negated=q.negated)
        inner_negated = negated ^ q.negated
        for child in q.children:
            if isinstance(child, Q):
                built = self.build_q(child, inner_negated)
                node.add(built) if built.children else None
            elif hasattr(child, "conditional") and hasattr(child, "as_sql"):
                node.children.append(child)
            else:
                key, value = child
                node.children.append(self.build_lookup(key, value, inner_negated))
        return node

    def add_q(self, q: Q) -> None:
        node = self.build_q(q)
        if node.children:
            self.where.add(node)

    def set_empty(self) -> None:
        self.is_empty = True

    # -- ordering, limits -------------------------------------------------------------------------
    def add_ordering(self, *ordering: Any) -> None:
        for item in ordering:
            if isinstance(item, str):
                if item == "?":
                    continue
                name = item[1:] if item[:1] == "-" else item
                if LOOKUP_SEP in name or "." in name:
                    raise FieldError(
                        f"Cannot resolve keyword '{name}' into field. Joins are not supported yet."
                    )
                self.names_to_path(name)
            elif not hasattr(item, "expression") and not hasattr(item, "resolve_expression"):
                raise FieldError(f"Invalid order_by arguments: [{item!r}]")
        self.order_by = self.order_by + ordering if ordering else ()
        if not ordering:
            self.default_ordering = False

    def clear_ordering(self, force: bool = False) -> None:
        self.order_by = ()
        self.default_ordering = False

    def set_limits(self, low: int | None = None, high: int | None = None) -> None:
        if high is not None:
            self.high_mark = (
                min(self.high_mark, self.low_mark + high)
                if self.high_mark is not None
                else self.low_mark + high
            )
        if low is not None:
            self.low_mark = (
                min(self.high_mark, self.low_mark + low)
                if self.high_mark is not None
                else self.low_mark + low
            )
        if self.low_mark == self.high_mark:
            self.set_empty()

    def clear_limits(self) -> None:
        self.low_mark, self.high_mark = 0, None

    @property
    def is_sliced(self) -> bool:
        return self.low_mark != 0 or self.high_mark is not None

    def get_ordering(self) -> tuple:
        if self.order_by:
            return self.order_by
        if self.default_ordering:
            return tuple(self.model._meta.ordering)
        return ()

    # -- selected columns ---------------------------------------------------------------------------
    def select_fields(self) -> tuple:
        opts = self.model._meta
        if self.values_select:
            return tuple(self.names_to_path(n) for n in self.values_select)
        names, defer = self.deferred
        if not names:
            return opts.concrete_fields
        if defer:
            return tuple(
                f
                for f in opts.concrete_fields
                if (f.name not in names and f.attname not in names) or f.primary_key
            )
        return tuple(
            f
            for f in opts.concrete_fields
            if f.name in names or f.attname in names or f.primary_key
        )

    def shape(self) -> Any:
        where_shape = self.where.shape()
        if where_shape is None:
            return None
        ordering = []
        for item in self.get_ordering():
            if not isinstance(item, str):
                return None
            ordering.append(item)
        sub = ()
        if self.combined_queries:
            sub = tuple(q.shape() for q in self.combined_queries)
            if None in sub:
                return None
        return (
            self.model,
            self.table,
            where_shape,
            tuple(ordering),
            self.standard_ordering,
            self.low_mark,
            self.high_mark,
            self.distinct,
            self.distinct_fields,
            self.values_select,
            self.deferred,
            self.select_for_update,
            self.select_for_update_nowait,
            self.select_for_update_skip_locked,
            self.select_for_update_of,
            self.select_for_no_key_update,
            self.combinator,
            self.combinator_all,
            sub,
            self.count_only,
            self.exists_only,
            self.extra_where,
            self.dates_select,
            # none() must never reuse the SQL cached for the same query without it.
            self.is_empty,
        )

    def params(self, connection: Any) -> list:
        params = self.where.params(connection)
        for q in self.combined_queries:
            params += q.params(connection)
        return params


_ = Exact
