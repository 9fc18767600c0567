"""Special operations: RunSQL, RunPython, SeparateDatabaseAndState."""

from __future__ import annotations

from typing import Any

from nuages.db import router
from nuages.db.migrations.operations.base import Operation, OperationCategory

__all__ = ["RunPython", "RunSQL", "SeparateDatabaseAndState"]


class SeparateDatabaseAndState(Operation):
    """Apply ``database_operations`` to the database and ``state_operations`` to the state."""

    category = OperationCategory.MIXED
    serialization_expand_args = ["database_operations", "state_operations"]

    def __init__(
        self, database_operations: list | None = None, state_operations: list | None = None
    ) -> None:
        self.database_operations = database_operations or []
        self.state_operations = state_operations or []

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs = {}
        if self.database_operations:
            kwargs["database_operations"] = self.database_operations
        if self.state_operations:
            kwargs["state_operations"] = self.state_operations
        return self.__class__.__qualname__, (), kwargs

    def state_forwards(self, app_label: str, state: Any) -> None:
        for operation in self.state_operations:
            operation.state_forwards(app_label, state)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        for operation in self.database_operations:
            to_state = from_state.clone()
            operation.state_forwards(app_label, to_state)
            operation.database_forwards(app_label, schema_editor, from_state, to_state)
            from_state = to_state

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        to_states = {}
        for operation in self.database_operations:
            to_states[operation] = to_state
            to_state = to_state.clone()
            operation.state_forwards(app_label, to_state)
        for operation in reversed(self.database_operations):
            from_state = to_state
            to_state = to_states[operation]
            operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return "Custom state/database change combination"


class RunSQL(Operation):
    """Run raw SQL: a string, a list of strings or of (sql, params) pairs; RunSQL.noop."""

    category = OperationCategory.SQL
    noop = ""

    def __init__(
        self,
        sql: Any,
        reverse_sql: Any = None,
        state_operations: list | None = None,
        hints: dict | None = None,
        elidable: bool = False,
    ) -> None:
        self.sql = sql
        self.reverse_sql = reverse_sql
        self.state_operations = state_operations or []
        self.hints = hints or {}
        self.elidable = elidable

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs: dict[str, Any] = {"sql": self.sql}
        if self.reverse_sql is not None:
            kwargs["reverse_sql"] = self.reverse_sql
        if self.state_operations:
            kwargs["state_operations"] = self.state_operations
        if self.hints:
            kwargs["hints"] = self.hints
        return self.__class__.__qualname__, (), kwargs

    @property
    def reversible(self) -> bool:  # type: ignore[override]
        return self.reverse_sql is not None

    def state_forwards(self, app_label: str, state: Any) -> None:
        for operation in self.state_operations:
            operation.state_forwards(app_label, state)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if router.allow_migrate(schema_editor.connection.alias, app_label, **self.hints):
            self._run_sql(schema_editor, self.sql)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if self.reverse_sql is None:
            raise NotImplementedError("You cannot reverse this operation")
        if router.allow_migrate(schema_editor.connection.alias, app_label, **self.hints):
            self._run_sql(schema_editor, self.reverse_sql)

    def describe(self) -> str:
        return "Raw SQL operation"

    def _run_sql(self, schema_editor: Any, sqls: Any) -> None:
        if isinstance(sqls, (list, tuple)):
            for sql in sqls:
                params = None
                if isinstance(sql, (list, tuple)):
                    if len(sql) not in (1, 2):
                        raise ValueError(f"Expected a 2-tuple but got {len(sql)}")
                    sql, params = (sql[0], sql[1]) if len(sql) == 2 else (sql[0], None)
                schema_editor.execute(sql, params=params)
        elif sqls != RunSQL.noop:
            for statement in _split_statements(sqls):
                schema_editor.execute(statement, params=None)


def _split_statements(sql: str) -> list[str]:
    """Split a script on top-level semicolons (outside quotes and comments)."""
    statements: list[str] = []
    current: list[str] = []
    quote: str | None = None
    i = 0
    while i < len(sql):
        ch = sql[i]
        if quote:
            current.append(ch)
            if ch == quote:
                quote = None
        elif ch in ("'", '"', "`"):
            quote = ch
            current.append(ch)
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = len(sql) if end == -1 else end
            continue
        elif ch == ";":
            statements.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    statements.append("".join(current))
    return [s.strip() for s in statements if s.strip()]


class RunPython(Operation):
    """Run ``code(apps, schema_editor)`` with historical models; ``reverse_code``; RunPython.noop."""

    category = OperationCategory.PYTHON
    reduces_to_sql = False

    def __init__(
        self,
        code: Any,
        reverse_code: Any = None,
        atomic: bool | None = None,
        hints: dict | None = None,
        elidable: bool = False,
    ) -> None:
        self.atomic = atomic
        if not callable(code):
            raise ValueError("RunPython must be supplied with a callable")
        self.code = code
        if reverse_code is not None and not callable(reverse_code):
            raise ValueError("RunPython must be supplied with callable arguments")
        self.reverse_code = reverse_code
        self.hints = hints or {}
        self.elidable = elidable

    def deconstruct(self) -> tuple[str, tuple, dict]:
        kwargs: dict[str, Any] = {"code": self.code}
        if self.reverse_code is not None:
            kwargs["reverse_code"] = self.reverse_code
        if self.atomic is not None:
            kwargs["atomic"] = self.atomic
        if self.hints:
            kwargs["hints"] = self.hints
        return self.__class__.__qualname__, (), kwargs

    @property
    def reversible(self) -> bool:  # type: ignore[override]
        return self.reverse_code is not None

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if router.allow_migrate(schema_editor.connection.alias, app_label, **self.hints):
            self.code(from_state.apps, schema_editor)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if self.reverse_code is None:
            raise NotImplementedError("You cannot reverse this operation")
        if router.allow_migrate(schema_editor.connection.alias, app_label, **self.hints):
            self.reverse_code(from_state.apps, schema_editor)

    def describe(self) -> str:
        return "Raw Python operation"

    @staticmethod
    def noop(apps: Any, schema_editor: Any) -> None:
        return None
