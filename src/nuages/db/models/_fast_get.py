"""get(field=value, ...) on a plain QuerySet: a prepared plan cached per model and shape.

When the QuerySet has no filters, slices, values(), deferral, locking or combinator and every
keyword is a plain (non-relation) field compared with the built-in ``exact`` lookup, the SELECT
... LIMIT 21 is compiled once per (model, keywords, vendor) through the ordinary path; later
calls only prepare the values (get_prep_value + get_db_prep_value, as the lookup would) and
decode the row: no QuerySet clone, no Q or where tree.
"""

from __future__ import annotations

from typing import Any

from nuages.core.exceptions import EmptyResultSet
from nuages.db.models import _decoding
from nuages.db.models._runners import CONN, EXEC
from nuages.db.models.lookups import Exact
from nuages.db.models.signals import post_init
from nuages.db.models.sql.compiler import compile_select

__all__ = ["fast_get_plan"]

# (model, names) -> tuple of fields, or False when the shape cannot take the fast path
_fields: dict = {}
# (model, names, vendor) -> (sql, row decoder)
_statements: dict = {}


def _plain(qs: Any) -> bool:
    q = qs._query
    return (
        qs._iterable_kind == "model"
        and not q.where.children
        and q.low_mark == 0
        and q.high_mark is None
        and not q.distinct
        and not q.distinct_fields
        and not q.values_select
        and not q.deferred[0]
        and q.deferred[1]
        and not q.select_for_update
        and q.combinator is None
        and not q.is_empty
        and not q.extra_where
        and q.dates_select is None
        and not q.count_only
        and not q.exists_only
    )


def _fields_for(model: Any, names: tuple) -> Any:
    key = (model, names)
    found = _fields.get(key)
    if found is None:
        found = False
        opts = model._meta
        fields = []
        for name in names:
            if "__" in name:
                break
            try:
                field = opts.pk if name == "pk" else opts.get_field(name)
            except Exception:
                break
            if field.is_relation or field.get_lookup("exact") is not Exact:
                break
            if field not in opts.concrete_fields:
                break
            fields.append(field)
        else:
            found = tuple(fields)
        _fields[key] = found
    return found


def fast_get_plan(qs: Any, kwargs: dict, limit: int, alias: str) -> Any:
    """The plan of qs.get(**kwargs) on the fast path, or None when it does not apply."""
    if qs._result_cache is not None or not _plain(qs):
        return None
    names = tuple(sorted(kwargs))
    fields = _fields_for(qs.model, names)
    if not fields:
        return None
    values = []
    for name in names:
        value = kwargs[name]
        if value is None or hasattr(value, "resolve_expression") or hasattr(value, "_meta"):
            return None
        if hasattr(value, "query"):
            return None
        values.append(value)
    return _plan(qs, names, fields, values, limit, alias)


def _plan(qs: Any, names: tuple, fields: tuple, values: list, limit: int, alias: str) -> Any:
    conn = yield (CONN,)
    model = qs.model
    key = (model, names, conn.vendor)
    entry = _statements.get(key)
    params = [
        f.get_db_prep_value(f.get_prep_value(v), conn, prepared=True)
        for f, v in zip(fields, values, strict=True)
    ]
    if entry is None:
        full = qs._get_qs((), dict(zip(names, values, strict=True)))
        try:
            sql, built, selected = compile_select(full._query, conn)
        except EmptyResultSet:
            raise model.DoesNotExist(
                f"{model._meta.object_name} matching query does not exist."
            ) from None
        decoder = _decoding.instance_decoder(model, selected, conn)
        if list(built) == params:
            _statements[key] = (sql, decoder)
        params = built
    else:
        sql, decoder = entry
    rows = yield (EXEC, sql, params, "all")
    n = len(rows)
    if n == 1:
        obj = decoder(rows, alias, conn)[0]
        if post_init.has_listeners(model):
            post_init.send(sender=model, instance=obj)
        return obj
    if not n:
        raise model.DoesNotExist(f"{model._meta.object_name} matching query does not exist.")
    raise model.MultipleObjectsReturned(
        f"get() returned more than one {model._meta.object_name} -- it returned "
        f"{n if n < limit else f'more than {limit - 1}'}!"
    )
