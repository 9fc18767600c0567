"""Index (Meta.indexes): fields (with "-" for descending), name, condition, include, opclasses.

``condition`` (partial index) is honoured on PostgreSQL and SQLite and the index is skipped on
MySQL/MariaDB, which have no partial indexes; ``include`` and ``opclasses`` are PostgreSQL only
(ignored elsewhere), as Django documents.
"""

from __future__ import annotations

from typing import Any

from nuages.db.models._ddl import condition_sql, digest_name, field_columns
from nuages.db.models.query_utils import Q

__all__ = ["Index"]


class Index:
    suffix = "idx"
    max_name_length = 30

    def __init__(
        self,
        *expressions: Any,
        fields: Any = (),
        name: str | None = None,
        db_tablespace: str | None = None,
        opclasses: Any = (),
        condition: Q | None = None,
        include: Any = None,
    ) -> None:
        if expressions:
            raise ValueError("Index expressions are not supported yet; use fields=.")
        if not isinstance(fields, (list, tuple)):
            raise ValueError("Index.fields must be a list or tuple.")
        if not isinstance(opclasses, (list, tuple)):
            raise ValueError("Index.opclasses must be a list or tuple.")
        if not fields:
            raise ValueError("At least one field is required to define an index.")
        if opclasses and not name:
            raise ValueError("An index must be named to use opclasses.")
        if opclasses and len(fields) != len(opclasses):
            raise ValueError(
                "Index.fields and Index.opclasses must have the same number of elements."
            )
        if condition is not None and not isinstance(condition, Q):
            raise ValueError("Index.condition must be a Q instance.")
        if condition is not None and not name:
            raise ValueError("An index must be named to use condition.")
        if not isinstance(include, (type(None), list, tuple)):
            raise ValueError("Index.include must be a list or tuple.")
        if include and not name:
            raise ValueError("A covering index must be named.")
        if name and len(name) > self.max_name_length:
            raise ValueError(
                f"Index names cannot be longer than {self.max_name_length} characters."
            )
        self.fields = list(fields)
        self.name = name or ""
        self.db_tablespace = db_tablespace
        self.opclasses = opclasses
        self.condition = condition
        self.include = tuple(include) if include else ()
        self.expressions = ()

    @property
    def contains_expressions(self) -> bool:
        return False

    def set_name_with_model(self, model: Any) -> None:
        """A name from the table, the first column and a digest, at most 30 characters."""
        table = model._meta.db_table
        columns = [model._meta.get_field(f.lstrip("-")).column for f in self.fields]
        digest = digest_name(table, *self.fields, self.suffix)
        self.name = f"{table[:11]}_{columns[0][:7]}_{digest}_{self.suffix}"
        if self.name[0] == "_" or self.name[0].isdigit():
            self.name = f"D{self.name[1:]}"

    def create_sql(self, model: Any, schema_editor: Any) -> str | None:
        vendor = schema_editor.connection.vendor
        if self.condition is not None and vendor == "mysql":
            return None
        q = schema_editor.quote_name
        columns = field_columns(model, self.fields, schema_editor, orders=True)
        if self.opclasses and vendor == "postgresql":
            parts = [c.split(" ") for c in columns.split(", ")]
            columns = ", ".join(
                " ".join([p[0], op, *p[1:]]) for p, op in zip(parts, self.opclasses, strict=True)
            )
        sql = f"CREATE INDEX {q(self.name)} ON {q(model._meta.db_table)} ({columns})"
        if self.include and vendor == "postgresql":
            sql += f" INCLUDE ({field_columns(model, self.include, schema_editor)})"
        if self.condition is not None:
            sql += f" WHERE {condition_sql(model, self.condition, schema_editor)}"
        return sql

    def remove_sql(self, model: Any, schema_editor: Any) -> str | None:
        if self.condition is not None and schema_editor.connection.vendor == "mysql":
            return None
        return schema_editor._delete_index_sql(model._meta.db_table, self.name)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs: dict[str, Any] = {"fields": self.fields, "name": self.name}
        if self.db_tablespace is not None:
            kwargs["db_tablespace"] = self.db_tablespace
        if self.opclasses:
            kwargs["opclasses"] = self.opclasses
        if self.condition is not None:
            kwargs["condition"] = self.condition
        if self.include:
            kwargs["include"] = self.include
        return "nuages.db.models.Index", (), kwargs

    def clone(self) -> Index:
        _path, args, kwargs = self.deconstruct()
        return self.__class__(*args, **kwargs)

    def __eq__(self, other: object) -> bool:
        if self.__class__ is other.__class__:
            return self.deconstruct() == other.deconstruct()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(repr(self.deconstruct()))

    def __deepcopy__(self, memo: dict) -> Index:
        new = self.clone()
        new.name = self.name
        return new

    def __repr__(self) -> str:
        parts = [f"fields={self.fields!r}" if self.fields else ""]
        if self.name:
            parts.append(f"name={self.name!r}")
        if self.condition is not None:
            parts.append(f"condition={self.condition}")
        if self.include:
            parts.append(f"include={self.include!r}")
        if self.opclasses:
            parts.append(f"opclasses={self.opclasses!r}")
        return f"<{self.__class__.__name__}: {' '.join(p for p in parts if p)}>"
