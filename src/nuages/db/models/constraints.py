"""Meta.constraints: CheckConstraint and UniqueConstraint, in the database and in full_clean().

SQL per backend: PostgreSQL and MariaDB get named table constraints (``ALTER TABLE ... ADD
CONSTRAINT``); SQLite gets them inline in CREATE TABLE (the schema editor rebuilds the table to
add or drop one). A conditional UniqueConstraint is a partial unique index (PostgreSQL, SQLite;
skipped on MySQL/MariaDB, which lack them, and validated in Python there as everywhere).
``deferrable``, ``include`` and ``nulls_distinct`` are PostgreSQL features, ignored elsewhere.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from nuages.core.exceptions import ValidationError
from nuages.db.models._check_eval import Unknown, evaluate, referenced_fields
from nuages.db.models._ddl import condition_sql, field_columns
from nuages.db.models.query_utils import Q

__all__ = ["BaseConstraint", "CheckConstraint", "Deferrable", "UniqueConstraint"]


class Deferrable(Enum):
    DEFERRED = "deferred"
    IMMEDIATE = "immediate"

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}.{self._name_}"


class BaseConstraint:
    default_violation_error_message = "Constraint “%(name)s” is violated."
    violation_error_code: str | None = None
    violation_error_message: str | None = None

    def __init__(
        self,
        *,
        name: str,
        violation_error_code: str | None = None,
        violation_error_message: str | None = None,
    ) -> None:
        self.name = name
        if violation_error_code is not None:
            self.violation_error_code = violation_error_code
        if violation_error_message is not None:
            self.violation_error_message = violation_error_message
        else:
            self.violation_error_message = self.default_violation_error_message

    def get_violation_error_message(self) -> str:
        return self.violation_error_message % {"name": self.name}  # type: ignore[operator]

    def _error(self) -> ValidationError:
        return ValidationError(self.get_violation_error_message(), code=self.violation_error_code)

    def constraint_sql(self, model: Any, schema_editor: Any) -> str | None:
        raise NotImplementedError("This method must be implemented by a subclass.")

    def create_sql(self, model: Any, schema_editor: Any) -> str | None:
        raise NotImplementedError("This method must be implemented by a subclass.")

    def remove_sql(self, model: Any, schema_editor: Any) -> str | None:
        return schema_editor.sql_delete_constraint % {
            "table": schema_editor.quote_name(model._meta.db_table),
            "name": schema_editor.quote_name(self.name),
        }

    def validate(self, model: Any, instance: Any, exclude: Any = None, using: Any = None) -> None:
        raise NotImplementedError("This method must be implemented by a subclass.")

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs: dict[str, Any] = {"name": self.name}
        if self.violation_error_message != self.default_violation_error_message:
            kwargs["violation_error_message"] = self.violation_error_message
        if self.violation_error_code is not None:
            kwargs["violation_error_code"] = self.violation_error_code
        return f"nuages.db.models.{self.__class__.__name__}", (), kwargs

    def clone(self) -> BaseConstraint:
        _path, args, kwargs = self.deconstruct()
        return self.__class__(*args, **kwargs)

    def __deepcopy__(self, memo: dict) -> BaseConstraint:
        return self.clone()

    def __eq__(self, other: object) -> bool:
        if self.__class__ is other.__class__:
            return self.deconstruct() == other.deconstruct()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(repr(self.deconstruct()))

    def _alter_add(self, model: Any, schema_editor: Any, body: str) -> str:
        q = schema_editor.quote_name
        return f"ALTER TABLE {q(model._meta.db_table)} ADD CONSTRAINT {q(self.name)} {body}"


class CheckConstraint(BaseConstraint):
    """CHECK (condition); ``check=`` is accepted as the older name of ``condition=``."""

    def __init__(
        self,
        *,
        name: str,
        condition: Any = None,
        check: Any = None,
        violation_error_code: str | None = None,
        violation_error_message: str | None = None,
    ) -> None:
        condition = condition if condition is not None else check
        if condition is None:
            raise TypeError(
                "CheckConstraint.__init__() missing 1 required keyword-only argument: 'condition'"
            )
        if not getattr(condition, "conditional", False) and not isinstance(condition, Q):
            raise TypeError("CheckConstraint.condition must be a Q instance or boolean expression.")
        self.condition = condition
        super().__init__(
            name=name,
            violation_error_code=violation_error_code,
            violation_error_message=violation_error_message,
        )

    def _check(self, model: Any, schema_editor: Any) -> str:
        return f"CHECK ({condition_sql(model, self.condition, schema_editor)})"

    def constraint_sql(self, model: Any, schema_editor: Any) -> str | None:
        q = schema_editor.quote_name
        return f"CONSTRAINT {q(self.name)} {self._check(model, schema_editor)}"

    def create_sql(self, model: Any, schema_editor: Any) -> str | None:
        return self._alter_add(model, schema_editor, self._check(model, schema_editor))

    def validate(self, model: Any, instance: Any, exclude: Any = None, using: Any = None) -> None:
        if exclude and referenced_fields(self.condition) & set(exclude):
            return
        try:
            result = evaluate(model, instance, self.condition)
        except Unknown:
            return
        if result is False:
            raise self._error()

    def deconstruct(self) -> tuple[str, tuple, dict]:
        path, args, kwargs = super().deconstruct()
        kwargs["condition"] = self.condition
        return path, args, kwargs

    def __repr__(self) -> str:
        extra = (
            f" violation_error_code={self.violation_error_code!r}"
            if self.violation_error_code
            else ""
        )
        return f"<CheckConstraint: condition={self.condition} name={self.name!r}{extra}>"


class UniqueConstraint(BaseConstraint):
    def __init__(
        self,
        *expressions: Any,
        fields: Any = (),
        name: str | None = None,
        condition: Q | None = None,
        deferrable: Deferrable | None = None,
        include: Any = None,
        opclasses: Any = (),
        nulls_distinct: bool | None = None,
        violation_error_code: str | None = None,
        violation_error_message: str | None = None,
    ) -> None:
        if not name:
            raise ValueError("A unique constraint must be named.")
        if expressions:
            raise ValueError("UniqueConstraint expressions are not supported yet; use fields=.")
        if not fields:
            raise ValueError("At least one field is required to define a unique constraint.")
        if condition is not None and not isinstance(condition, Q):
            raise ValueError("UniqueConstraint.condition must be a Q instance.")
        if condition is not None and deferrable:
            raise ValueError("UniqueConstraint with conditions cannot be deferred.")
        if include and deferrable:
            raise ValueError("UniqueConstraint with include fields cannot be deferred.")
        if opclasses and deferrable:
            raise ValueError("UniqueConstraint with opclasses cannot be deferred.")
        if deferrable is not None and not isinstance(deferrable, Deferrable):
            raise TypeError("UniqueConstraint.deferrable must be a Deferrable instance.")
        if not isinstance(include, (type(None), list, tuple)):
            raise TypeError("UniqueConstraint.include must be a list or tuple.")
        if not isinstance(opclasses, (list, tuple)):
            raise TypeError("UniqueConstraint.opclasses must be a list or tuple.")
        if opclasses and len(fields) != len(opclasses):
            raise ValueError(
                "UniqueConstraint.fields and UniqueConstraint.opclasses must have the same "
                "number of elements."
            )
        if nulls_distinct is not None and not isinstance(nulls_distinct, bool):
            raise TypeError("UniqueConstraint.nulls_distinct must be a bool.")
        self.fields = tuple(fields)
        self.expressions = ()
        self.condition = condition
        self.deferrable = deferrable
        self.include = tuple(include) if include else ()
        self.opclasses = opclasses
        self.nulls_distinct = nulls_distinct
        super().__init__(
            name=name,
            violation_error_code=violation_error_code,
            violation_error_message=violation_error_message,
        )

    def _body(self, model: Any, schema_editor: Any) -> str:
        postgres = schema_editor.connection.vendor == "postgresql"
        sql = "UNIQUE"
        if postgres and self.nulls_distinct is False:
            sql += " NULLS NOT DISTINCT"
        sql += f" ({field_columns(model, self.fields, schema_editor)})"
        if postgres and self.include:
            sql += f" INCLUDE ({field_columns(model, self.include, schema_editor)})"
        if postgres and self.deferrable is not None:
            sql += f" DEFERRABLE INITIALLY {self.deferrable.name}"
        return sql

    def _index_sql(self, model: Any, schema_editor: Any) -> str | None:
        vendor = schema_editor.connection.vendor
        if vendor == "mysql":
            return None
        q = schema_editor.quote_name
        sql = (
            f"CREATE UNIQUE INDEX {q(self.name)} ON {q(model._meta.db_table)} "
            f"({field_columns(model, self.fields, schema_editor)})"
        )
        if vendor == "postgresql" and self.include:
            sql += f" INCLUDE ({field_columns(model, self.include, schema_editor)})"
        if vendor == "postgresql" and self.nulls_distinct is False:
            sql += " NULLS NOT DISTINCT"
        return sql + f" WHERE {condition_sql(model, self.condition, schema_editor)}"

    def constraint_sql(self, model: Any, schema_editor: Any) -> str | None:
        if self.condition is not None:
            return None
        q = schema_editor.quote_name
        return f"CONSTRAINT {q(self.name)} {self._body(model, schema_editor)}"

    def create_sql(self, model: Any, schema_editor: Any) -> str | None:
        if self.condition is not None:
            return self._index_sql(model, schema_editor)
        return self._alter_add(model, schema_editor, self._body(model, schema_editor))

    def remove_sql(self, model: Any, schema_editor: Any) -> str | None:
        table = model._meta.db_table
        if self.condition is not None:
            if schema_editor.connection.vendor == "mysql":
                return None
            return schema_editor._delete_index_sql(table, self.name)
        if schema_editor.connection.vendor == "mysql":
            q = schema_editor.quote_name
            return f"ALTER TABLE {q(table)} DROP INDEX {q(self.name)}"
        return super().remove_sql(model, schema_editor)

    def validate(self, model: Any, instance: Any, exclude: Any = None, using: Any = None) -> None:
        exclude = set(exclude or ())
        if exclude.intersection(self.fields):
            return
        if self.condition is not None:
            if exclude & referenced_fields(self.condition):
                return
            try:
                if not evaluate(model, instance, self.condition):
                    return
            except Unknown:
                pass
        lookup = {}
        for name in self.fields:
            field = model._meta.get_field(name)
            value = getattr(instance, field.attname)
            if value is None:
                if self.nulls_distinct is not False:
                    return
                lookup[f"{name}__isnull"] = True
            else:
                lookup[name] = value
        qs = model._default_manager.using(using).filter(**lookup)
        if self.condition is not None:
            qs = qs.filter(self.condition)
        if not instance._state.adding and instance.pk is not None:
            qs = qs.exclude(pk=instance.pk)
        if not qs.exists():
            return
        default = self.violation_error_message == self.default_violation_error_message
        if self.condition is None and default and self.violation_error_code is None:
            raise instance.unique_error_message(model, self.fields)
        raise self._error()

    def deconstruct(self) -> tuple[str, tuple, dict]:
        path, args, kwargs = super().deconstruct()
        kwargs["fields"] = self.fields
        if self.condition is not None:
            kwargs["condition"] = self.condition
        if self.deferrable is not None:
            kwargs["deferrable"] = self.deferrable
        if self.include:
            kwargs["include"] = self.include
        if self.opclasses:
            kwargs["opclasses"] = self.opclasses
        if self.nulls_distinct is not None:
            kwargs["nulls_distinct"] = self.nulls_distinct
        return path, args, kwargs

    def __repr__(self) -> str:
        parts = [f"fields={self.fields!r}", f"name={self.name!r}"]
        if self.condition is not None:
            parts.append(f"condition={self.condition}")
        if self.deferrable is not None:
            parts.append(f"deferrable={self.deferrable!r}")
        if self.include:
            parts.append(f"include={self.include!r}")
        if self.nulls_distinct is not None:
            parts.append(f"nulls_distinct={self.nulls_distinct!r}")
        return f"<UniqueConstraint: {' '.join(parts)}>"
