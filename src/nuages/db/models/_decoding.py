"""Row decoders: rows -> model instances, dicts, tuples; generated once per shape and vendor."""

from __future__ import annotations

from collections import namedtuple
from typing import Any

__all__ = ["converters_for", "instance_decoder", "tuple_decoder"]

_cache: dict = {}


def converters_for(fields: tuple, connection: Any) -> list:
    """Per column, the converter chain (or None) turning a driver value into a Python value."""
    out = []
    for field in fields:
        chain = field.get_db_converters(connection)
        if not chain:
            out.append(None)
        elif len(chain) == 1:
            out.append(chain[0])
        else:
            out.append(_chain(chain))
    return out


def _chain(chain: list) -> Any:
    def convert(value: Any, expression: Any, connection: Any) -> Any:
        for c in chain:
            value = c(value, expression, connection)
        return value

    return convert


def instance_decoder(model: Any, fields: tuple, connection: Any) -> Any:
    """A function (rows, db) -> [instances], building each without Model.__init__."""
    key = ("i", model, fields, connection.vendor)
    found = _cache.get(key)
    if found is not None:
        return found
    from nuages.db.models.base import fetched_state_class

    converters = converters_for(fields, connection)
    all_fields = model._meta.concrete_fields
    deferred = len(fields) != len(all_fields)
    namespace: dict[str, Any] = {
        "new": object.__new__,
        "model": model,
        "state_class": fetched_state_class,
    }
    items = []
    for i, (field, conv) in enumerate(zip(fields, converters, strict=True)):
        value = f"row[{i}]"
        if conv is not None:
            namespace[f"c{i}"] = conv
            namespace[f"f{i}"] = field
            value = f"c{i}({value}, f{i}, connection)"
        items.append(f"{field.attname!r}: {value}")
    items.append("'_state': new(State)")
    body = ", ".join(items)
    source = (
        "def decode(rows, db, connection):\n"
        "    State = state_class(db)\n"
        "    out = []\n"
        "    append = out.append\n"
        "    for row in rows:\n"
        "        obj = new(model)\n"
        f"        obj.__dict__ = {{{body}}}\n"
        "        append(obj)\n"
        "    return out\n"
    )
    exec(compile(source, f"<nuages decoder {model._meta.label}>", "exec"), namespace)
    decode = namespace["decode"]
    decode.deferred = deferred
    _cache[key] = decode
    return decode


def tuple_decoder(fields: tuple, connection: Any, kind: str, names: tuple = ()) -> Any:
    """A function rows -> list of tuples / dicts / flat values / named tuples."""
    key = (kind, fields, names, connection.vendor)
    found = _cache.get(key)
    if found is not None:
        return found
    converters = converters_for(fields, connection)
    namespace: dict[str, Any] = {"connection": connection}
    values = []
    for i, (field, conv) in enumerate(zip(fields, converters, strict=True)):
        if conv is None:
            values.append(f"row[{i}]")
        else:
            namespace[f"c{i}"], namespace[f"f{i}"] = conv, field
            values.append(f"c{i}(row[{i}], f{i}, connection)")
    if kind == "flat":
        expr = values[0]
        if expr == "row[0]":
            source = "def decode(rows):\n    return [row[0] for row in rows]\n"
        else:
            source = f"def decode(rows):\n    return [{expr} for row in rows]\n"
    elif kind == "dict":
        body = ", ".join(f"{n!r}: {v}" for n, v in zip(names, values, strict=True))
        source = f"def decode(rows):\n    return [{{{body}}} for row in rows]\n"
    elif kind == "named":
        namespace["Row"] = namedtuple("Row", names, rename=True)
        source = f"def decode(rows):\n    return [Row({', '.join(values)}) for row in rows]\n"
    elif all(c is None for c in converters):
        # A driver returns one row type: a list of tuples is the answer as it is.
        source = (
            "def decode(rows):\n"
            "    if type(rows) is list and (not rows or type(rows[0]) is tuple):\n"
            "        return rows\n"
            "    return [row if type(row) is tuple else tuple(row) for row in rows]\n"
        )
    else:
        source = f"def decode(rows):\n    return [({', '.join(values)},) for row in rows]\n"
    exec(compile(source, "<nuages row decoder>", "exec"), namespace)
    decode = namespace["decode"]
    _cache[key] = decode
    return decode
