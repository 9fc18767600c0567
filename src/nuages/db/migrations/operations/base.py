"""Operation: the base of every migration operation (state, database, describe, reduce)."""

from __future__ import annotations

from typing import Any

from nuages.db import router

__all__ = ["Operation", "OperationCategory"]


class OperationCategory:
    ADDITION = "+"
    REMOVAL = "-"
    ALTERATION = "~"
    PYTHON = "p"
    SQL = "s"
    MIXED = "?"


class Operation:
    """One change; subclasses implement state_forwards and database_forwards/backwards."""

    reversible = True
    reduces_to_sql = True
    atomic = False
    elidable = False
    serialization_expand_args: list[str] = []
    category: str | None = None

    def __new__(cls, *args: Any, **kwargs: Any) -> Operation:
        self = object.__new__(cls)
        self._constructor_args = (args, kwargs)
        return self

    def deconstruct(self) -> tuple[str, tuple, dict]:
        """(class name, args, kwargs) for the writer."""
        return self.__class__.__name__, self._constructor_args[0], self._constructor_args[1]

    def state_forwards(self, app_label: str, state: Any) -> None:
        raise NotImplementedError("subclasses of Operation must provide a state_forwards() method")

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        raise NotImplementedError(
            "subclasses of Operation must provide a database_forwards() method"
        )

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        raise NotImplementedError(
            "subclasses of Operation must provide a database_backwards() method"
        )

    def describe(self) -> str:
        return f"{self.__class__.__name__}: {self._constructor_args}"

    def formatted_description(self) -> str:
        return f"{self.category or '?'} {self.describe()}"

    @property
    def migration_name_fragment(self) -> str | None:
        return None

    def references_model(self, name: str, app_label: str) -> bool:
        return True

    def references_field(self, model_name: str, name: str, app_label: str) -> bool:
        return self.references_model(model_name, app_label)

    def allow_migrate_model(self, connection_alias: str, model: Any) -> bool:
        meta = model._meta
        if not meta.managed or meta.proxy or getattr(meta, "swapped", None):
            return False
        return router.allow_migrate_model(connection_alias, model)

    def reduce(self, operation: Operation, app_label: str) -> list | bool:
        """A list replacing ``self`` and ``operation``; True if ``operation`` may be moved past
        ``self``; False otherwise."""
        if self.elidable:
            return [operation]
        if operation.elidable:
            return [self]
        return False

    def __repr__(self) -> str:
        args, kwargs = self._constructor_args
        parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in sorted(kwargs.items())]
        return f"<{self.__class__.__name__} {', '.join(parts)}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Operation):
            return NotImplemented
        return self.deconstruct() == other.deconstruct()

    __hash__ = object.__hash__
