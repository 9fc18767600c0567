"""JSONField transforms and lookups: data__a__b, data__0, has_key(s), contains, contained_by.

Key names never reach the SQL text: PostgreSQL gets each key as a parameter of ``->``; MariaDB,
MySQL and SQLite get one JSON path parameter (``$."a"[0]``) whose member names are JSON-quoted.
A key that is all ASCII digits is an array index, as in Django.
"""

from __future__ import annotations

import json
from typing import Any

from nuages.db.models import lookups as L
from nuages.db.models.fields.json import JSONField

__all__ = [
    "ContainedBy",
    "DataContains",
    "HasAnyKeys",
    "HasKey",
    "HasKeys",
    "KeyTextTransform",
    "KeyTransform",
    "KeyTransformFactory",
]


def _index(key: str) -> int | None:
    return int(key) if key.isascii() and key.isdigit() else None


def _chain(expr: Any) -> tuple[Any, list[str]]:
    """The base column expression and the keys applied to it, outermost last."""
    keys: list[str] = []
    while isinstance(expr, KeyTransform):
        keys.append(expr.key_name)
        expr = expr.lhs
    return expr, keys[::-1]


def json_path(keys: list[str], last_is_member: bool = False) -> str:
    """``$."a"[0]``; with last_is_member the last key is an object member even if digits."""
    path = "$"
    for i, key in enumerate(keys):
        n = None if last_is_member and i == len(keys) - 1 else _index(key)
        path += f"[{n}]" if n is not None else "." + json.dumps(key)
    return path


def _pg_key(key: str) -> tuple[str, Any]:
    n = _index(key)
    return ("%s::integer", n) if n is not None else ("%s::text", key)


def _scalar(value: Any) -> bool:
    """MariaDB compares a JSON string scalar with an SQL string (unquoted), MySQL converts the
    SQL value to JSON: both agree for str and numbers passed as plain parameters."""
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _mysql_rhs(value: Any) -> tuple[str, Any]:
    if _scalar(value):
        return "%s", value
    return "JSON_EXTRACT(%s, '$')", json.dumps(value)


def _not_supported(what: str) -> Exception:
    from nuages.db import NotSupportedError

    return NotSupportedError(f"{what} lookup is not supported on this database backend.")


class KeyTransform(L.Transform):
    """data__key: the JSON value at key (or array index) of the left-hand side."""

    cacheable = True
    text = False  # KeyTextTransform: the value as SQL text (->> / JSON_UNQUOTE)

    def __init__(self, key_name: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_name = str(key_name)

    def shape(self) -> Any:
        inner = self.lhs.shape()
        return None if inner is None else (type(self), inner, _index(self.key_name) is None)

    def params(self, connection: Any) -> list:
        base, keys = _chain(self)
        if connection.vendor == "postgresql":
            return base.params(connection) + [_pg_key(k)[1] for k in keys]
        return base.params(connection) + [json_path(keys)]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        base, keys = _chain(self)
        sql, params = compiler.compile(base)
        if connection.vendor == "postgresql":
            for i, key in enumerate(keys):
                op = "->>" if self.text and i == len(keys) - 1 else "->"
                placeholder, value = _pg_key(key)
                sql = f"({sql} {op} {placeholder})"
                params = [*params, value]
            return sql, params
        sql = f"JSON_EXTRACT({sql}, %s)"
        if self.text and connection.vendor == "mysql":
            sql = f"JSON_UNQUOTE({sql})"
        return sql, [*params, json_path(keys)]


class KeyTextTransform(KeyTransform):
    text = True


class KeyTransformFactory:
    def __init__(self, key_name: str) -> None:
        self.key_name = key_name

    def __call__(self, *args: Any, **kwargs: Any) -> KeyTransform:
        return KeyTransform(self.key_name, *args, **kwargs)


def _as_text(expr: KeyTransform) -> KeyTextTransform:
    out = KeyTextTransform(expr.key_name, expr.lhs)
    out._output_field = expr._output_field
    return out


# -- has_key, has_keys, has_any_keys -------------------------------------------------------
class HasKeyLookup(L.Lookup):
    cacheable = True
    prepare_rhs = False
    logical = "AND"
    pg_operator = "?"

    def keys(self) -> list[str]:
        rhs = self.rhs if isinstance(self.rhs, list | tuple) else [self.rhs]
        return [str(k) for k in rhs]

    def rhs_shape(self) -> Any:
        return len(self.keys())

    def _pg_rhs(self) -> list:
        keys = self.keys()
        return keys[:1] if self.pg_operator == "?" else [keys]

    def _paths(self) -> list[str]:
        prefix = _chain(self.lhs)[1]
        return [json_path([*prefix, k], last_is_member=True) for k in self.keys()]

    def params(self, connection: Any) -> list:
        if connection.vendor == "postgresql":
            return self.lhs.params(connection) + self._pg_rhs()
        base_params = _chain(self.lhs)[0].params(connection)
        if connection.vendor == "mysql":
            return base_params + self._paths()
        out: list = []
        for path in self._paths():
            out += [*base_params, path]
        return out

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        if connection.vendor == "postgresql":
            sql, params = compiler.compile(self.lhs)
            return f"{sql} {self.pg_operator} %s", params + self._pg_rhs()
        sql, params = compiler.compile(_chain(self.lhs)[0])
        paths = self._paths()
        if connection.vendor == "mysql":
            mode = "one" if self.logical == "OR" else "all"
            marks = ", ".join(["%s"] * len(paths))
            return f"JSON_CONTAINS_PATH({sql}, '{mode}', {marks})", params + paths
        parts, out = [], []
        for path in paths:
            parts.append(f"JSON_TYPE({sql}, %s) IS NOT NULL")
            out += [*params, path]
        return "(" + f" {self.logical} ".join(parts) + ")", out


class HasKey(HasKeyLookup):
    lookup_name = "has_key"


class HasKeys(HasKeyLookup):
    lookup_name = "has_keys"
    pg_operator = "?&"


class HasAnyKeys(HasKeyLookup):
    lookup_name = "has_any_keys"
    pg_operator = "?|"
    logical = "OR"


# -- contains, contained_by ------------------------------------------------------------------
class DataContains(L.Lookup):
    lookup_name = "contains"
    cacheable = True
    prepare_rhs = False

    def rhs_params(self, connection: Any) -> list:
        if connection.vendor == "sqlite":
            raise _not_supported(self.lookup_name)
        return [json.dumps(self.rhs)]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        if connection.vendor == "sqlite":
            raise _not_supported(self.lookup_name)
        lhs, params = compiler.compile(self.lhs)
        if connection.vendor == "postgresql":
            return f"{lhs} @> %s::jsonb", params + self.rhs_params(connection)
        return f"JSON_CONTAINS({lhs}, %s)", params + self.rhs_params(connection)


class ContainedBy(DataContains):
    lookup_name = "contained_by"

    def params(self, connection: Any) -> list:
        if connection.vendor == "mysql":
            return self.rhs_params(connection) + self.lhs.params(connection)
        return self.lhs.params(connection) + self.rhs_params(connection)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        if connection.vendor == "sqlite":
            raise _not_supported(self.lookup_name)
        lhs, params = compiler.compile(self.lhs)
        if connection.vendor == "postgresql":
            return f"{lhs} <@ %s::jsonb", params + self.rhs_params(connection)
        return f"JSON_CONTAINS(%s, {lhs})", self.rhs_params(connection) + params


# -- lookups on a key ----------------------------------------------------------------------
class KeyTransformExact(L.Lookup):
    """data__a=value compares JSON values; data__a=None matches a JSON null."""

    lookup_name = "exact"
    cacheable = True
    prepare_rhs = False
    can_use_none_as_rhs = True

    def rhs_shape(self) -> Any:
        return "null" if self.rhs is None else _scalar(self.rhs)

    def rhs_params(self, connection: Any) -> list:
        if self.rhs_is_expression():
            return self.rhs.params(connection)
        if connection.vendor == "mysql":
            return [_mysql_rhs(self.rhs)[1]]
        return [json.dumps(self.rhs)]

    def params(self, connection: Any) -> list:
        if self.rhs is None and connection.vendor == "sqlite":
            base, keys = _chain(self.lhs)
            return base.params(connection) + [json_path(keys)]
        return self.lhs.params(connection) + self.rhs_params(connection)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        if self.rhs is None and connection.vendor == "sqlite":
            base, keys = _chain(self.lhs)
            sql, params = compiler.compile(base)
            return f"JSON_TYPE({sql}, %s) = 'null'", [*params, json_path(keys)]
        lhs, params = compiler.compile(self.lhs)
        if self.rhs_is_expression():
            rhs, rparams = compiler.compile(self.rhs)
            return f"{lhs} = {rhs}", params + rparams
        if connection.vendor == "postgresql":
            return f"{lhs} = %s::jsonb", params + self.rhs_params(connection)
        if connection.vendor == "mysql":
            rhs, value = _mysql_rhs(self.rhs)
            return f"{lhs} = {rhs}", [*params, value]
        return f"{lhs} = JSON_EXTRACT(%s, '$')", params + self.rhs_params(connection)


class _KeyNumeric(L.Lookup):
    cacheable = True
    prepare_rhs = False
    operator = "="

    def rhs_params(self, connection: Any) -> list:
        if connection.vendor == "postgresql":
            return [json.dumps(self.rhs)]
        return [self.rhs]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        lhs, params = compiler.compile(self.lhs)
        cast = "::jsonb" if connection.vendor == "postgresql" else ""
        return f"{lhs} {self.operator} %s{cast}", params + self.rhs_params(connection)


class KeyTransformLt(_KeyNumeric):
    lookup_name, operator = "lt", "<"


class KeyTransformLte(_KeyNumeric):
    lookup_name, operator = "lte", "<="


class KeyTransformGt(_KeyNumeric):
    lookup_name, operator = "gt", ">"


class KeyTransformGte(_KeyNumeric):
    lookup_name, operator = "gte", ">="


class KeyTransformIn(L.Lookup):
    lookup_name = "in"
    cacheable = True
    prepare_rhs = False

    def get_prep_lookup(self) -> Any:
        return list(self.rhs)

    def rhs_shape(self) -> Any:
        return tuple(_scalar(v) for v in self.rhs)

    def rhs_params(self, connection: Any) -> list:
        if connection.vendor == "mysql":
            return [_mysql_rhs(v)[1] for v in self.rhs]
        return [json.dumps(v) for v in self.rhs]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        from nuages.core.exceptions import EmptyResultSet

        if not self.rhs:
            raise EmptyResultSet
        lhs, params = compiler.compile(self.lhs)
        if connection.vendor == "mysql":
            marks = ", ".join(_mysql_rhs(v)[0] for v in self.rhs)
        else:
            one = "%s::jsonb" if connection.vendor == "postgresql" else "JSON_EXTRACT(%s, '$')"
            marks = ", ".join([one] * len(self.rhs))
        return f"{lhs} IN ({marks})", params + self.rhs_params(connection)


class KeyTransformIsNull(L.Lookup):
    """data__a__isnull=True: the key is missing (a JSON null counts as present), as in Django."""

    lookup_name = "isnull"
    cacheable = True
    prepare_rhs = False

    def __init__(self, lhs: Any, rhs: Any) -> None:
        if not isinstance(rhs, bool):
            raise ValueError("The QuerySet value for an isnull lookup must be True or False.")
        super().__init__(lhs, rhs)
        self._has_key = HasKey(lhs.lhs, lhs.key_name)

    def rhs_shape(self) -> Any:
        return self.rhs

    def params(self, connection: Any) -> list:
        return self._has_key.params(connection)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        sql, params = self._has_key.as_sql(compiler, connection)
        return (f"NOT ({sql})" if self.rhs else sql), params


def _text_lookup(base: type) -> type:
    """iexact, icontains, startswith ... on the key's value as text (->> / JSON_UNQUOTE)."""

    folds = base.lookup_name.startswith("i") and base.lookup_name != "iregex"

    def process_lhs(self: Any, compiler: Any, connection: Any, lhs: Any = None) -> tuple:
        sql, params = compiler.compile(_as_text(self.lhs))
        if folds and connection.vendor == "mysql":  # JSON text has a binary collation there
            sql = f"LOWER({sql})"
        return sql, params

    def process_rhs(self: Any, compiler: Any, connection: Any) -> tuple:
        sql, params = base.process_rhs(self, compiler, connection)
        if folds and connection.vendor == "mysql":
            sql = f"LOWER({sql})"
        return sql, params

    def params(self: Any, connection: Any) -> list:
        return _as_text(self.lhs).params(connection) + self.rhs_params(connection)

    return type(
        f"KeyTransform{base.__name__}",
        (base,),
        {
            "process_lhs": process_lhs,
            "process_rhs": process_rhs,
            "params": params,
            "cacheable": True,
        },
    )


KEY_LOOKUPS = [
    KeyTransformExact,
    KeyTransformLt,
    KeyTransformLte,
    KeyTransformGt,
    KeyTransformGte,
    KeyTransformIn,
    KeyTransformIsNull,
    HasKey,
    HasKeys,
    HasAnyKeys,
    DataContains,
    ContainedBy,
    *(
        _text_lookup(c)
        for c in (
            L.IExact,
            L.IContains,
            L.StartsWith,
            L.IStartsWith,
            L.EndsWith,
            L.IEndsWith,
            L.Regex,
            L.IRegex,
        )
    ),
]

for _lookup in KEY_LOOKUPS:
    KeyTransform.register_lookup(_lookup)
for _lookup in (HasKey, HasKeys, HasAnyKeys, DataContains, ContainedBy):
    JSONField.register_lookup(_lookup)
