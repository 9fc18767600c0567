"""A constraint condition (Q) evaluated on an instance in Python, with SQL's three-valued logic.

Used by CheckConstraint.validate() and conditional UniqueConstraint.validate(): True, False or
None (unknown, as SQL's NULL: a CHECK passes). A lookup it cannot evaluate raises ``Unknown``
and the caller leaves the check to the database.
"""

from __future__ import annotations

from typing import Any

from nuages.db.models.constants import LOOKUP_SEP
from nuages.db.models.expressions import F

__all__ = ["Unknown", "evaluate", "referenced_fields"]


class Unknown(Exception):
    """The condition uses something this evaluator does not know."""


def _text(v: Any) -> str:
    return str(v)


_LOOKUPS: dict[str, Any] = {
    "exact": lambda a, b: a == b,
    "iexact": lambda a, b: _text(a).lower() == _text(b).lower(),
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
    "in": lambda a, b: a in b,
    "range": lambda a, b: b[0] <= a <= b[1],
    "contains": lambda a, b: _text(b) in _text(a),
    "icontains": lambda a, b: _text(b).lower() in _text(a).lower(),
    "startswith": lambda a, b: _text(a).startswith(_text(b)),
    "istartswith": lambda a, b: _text(a).lower().startswith(_text(b).lower()),
    "endswith": lambda a, b: _text(a).endswith(_text(b)),
    "iendswith": lambda a, b: _text(a).lower().endswith(_text(b).lower()),
}


def _value(model: Any, instance: Any, name: str) -> Any:
    field = model._meta.get_field("pk" if name == "pk" else name)
    if name == "pk":
        field = model._meta.pk
    return getattr(instance, field.attname)


def _leaf(model: Any, instance: Any, key: str, rhs: Any) -> bool | None:
    parts = key.split(LOOKUP_SEP)
    if len(parts) > 2:
        raise Unknown(key)
    lookup = parts[1] if len(parts) == 2 else "exact"
    lhs = _value(model, instance, parts[0])
    if isinstance(rhs, F):
        rhs = _value(model, instance, rhs.name)
    elif hasattr(rhs, "resolve_expression"):
        raise Unknown(key)
    if lookup == "isnull":
        return (lhs is None) == bool(rhs)
    test = _LOOKUPS.get(lookup)
    if test is None:
        raise Unknown(key)
    if lookup == "exact" and rhs is None:
        return lhs is None
    if lhs is None or rhs is None:
        return None
    try:
        return bool(test(lhs, rhs))
    except TypeError as e:
        raise Unknown(key) from e


def evaluate(model: Any, instance: Any, q: Any) -> bool | None:
    results = []
    for child in q.children:
        if hasattr(child, "children"):
            results.append(evaluate(model, instance, child))
        elif isinstance(child, tuple):
            results.append(_leaf(model, instance, *child))
        else:
            raise Unknown(repr(child))
    if q.connector == "AND":
        result = False if False in results else None if None in results else True
    elif q.connector == "OR":
        result = True if True in results else None if None in results else False
    else:
        result = None if None in results else sum(map(bool, results)) % 2 == 1
    if q.negated and result is not None:
        result = not result
    return result


def referenced_fields(q: Any) -> set[str]:
    names: set[str] = set()
    for child in q.children:
        if hasattr(child, "children"):
            names |= referenced_fields(child)
        elif isinstance(child, tuple):
            names.add(child[0].split(LOOKUP_SEP)[0])
            if isinstance(child[1], F):
                names.add(child[1].name.split(LOOKUP_SEP)[0])
    return names
