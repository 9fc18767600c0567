"""BaseDatabaseWrapper: one database connection (sync and async) and its transaction state.

Backends fill in the driver hooks (``get_new_connection``, ``create_cursor``, ``_set_autocommit``
and their async twins in ``_async.AsyncWrapperMixin``); everything else is shared.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured, SynchronousOnlyOperation
from nuages.db._errors import (
    DatabaseErrorWrapper,
    InterfaceError,
    OperationalError,
    ProgrammingError,
    TransactionManagementError,
)
from nuages.db.backends.base._async import AsyncWrapperMixin
from nuages.db.backends.signals import connection_created
from nuages.db.backends.utils import CursorDebugWrapper, CursorWrapper

__all__ = ["NO_DB_ALIAS", "BaseDatabaseWrapper"]

NO_DB_ALIAS = "__no_db__"
logger = logging.getLogger("nuages.db.backends.base")


def _async_unsafe_allowed() -> bool:
    return bool(
        os.environ.get("NUAGES_ALLOW_ASYNC_UNSAFE") or os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    )


class BaseDatabaseWrapper(AsyncWrapperMixin):
    """Represents a database connection; ``connections[alias]`` returns one."""

    vendor = "unknown"
    display_name = "unknown"
    data_types: dict[str, str] = {}
    data_types_suffix: dict[str, str] = {}
    data_type_check_constraints: dict[str, str] = {}
    operators: dict[str, str] = {}
    pattern_esc = ""
    pattern_ops: dict[str, str] = {}
    Database: Any = None
    SchemaEditorClass: Any = None
    client_class: Any = None
    creation_class: Any = None
    features_class: Any = None
    introspection_class: Any = None
    ops_class: Any = None
    queries_limit = 9000

    def __init__(self, settings_dict: dict, alias: str = "default") -> None:
        self.connection: Any = None
        self.aconnection: Any = None
        self.settings_dict = settings_dict
        self.alias = alias
        self.queries_log: deque = deque(maxlen=self.queries_limit)
        self.force_debug_cursor = False
        self.autocommit = False
        self.in_atomic_block = False
        self.savepoint_state = 0
        self.savepoint_ids: list = []
        self.atomic_blocks: list = []
        self.commit_on_exit = True
        self.needs_rollback = False
        self.rollback_exc: BaseException | None = None
        self.close_at: float | None = None
        self.closed_in_transaction = False
        self.errors_occurred = False
        self.health_check_enabled = False
        self.health_check_done = False
        self.run_on_commit: list = []
        self.run_commit_hooks_on_set_autocommit_on = False
        self.execute_wrappers: list = []
        self.inline_async = False  # test pinning: the async API drives the sync connection
        self.wrap_database_errors = DatabaseErrorWrapper(self)
        self.client = self.client_class(self)
        self.creation = self.creation_class(self)
        self.features = self.features_class(self)
        self.introspection = self.introspection_class(self)
        self.ops = self.ops_class(self)

    def __repr__(self) -> str:
        return f"<{type(self).__qualname__} vendor={self.vendor!r} alias={self.alias!r}>"

    @property
    def driver_error_modules(self) -> tuple:
        return (self.Database,)

    # --- query log ------------------------------------------------------------------------

    @property
    def queries_logged(self) -> bool:
        return self.force_debug_cursor or settings.DEBUG

    @property
    def queries(self) -> list[dict]:
        return list(self.queries_log)

    def record_query(self, sql: str, params: Any, duration: float, many: bool = False) -> None:
        if many:
            shown = f"{len(params)} times: {self.ops.last_executed_query(None, sql, params and params[0])}"
        else:
            shown = self.ops.last_executed_query(None, sql, params)
        self.queries_log.append({"sql": shown, "time": f"{duration:.3f}"})
        logger.debug("(%.3f) %s; args=%r; alias=%s", duration, sql, params, self.alias)

    @contextmanager
    def execute_wrapper(self, wrapper: Callable) -> Iterator[None]:
        """Install ``wrapper(execute, sql, params, many, context)`` around every query."""
        self.execute_wrappers.append(wrapper)
        try:
            yield
        finally:
            self.execute_wrappers.pop()

    # --- driver hooks (backends implement) ------------------------------------------------

    def get_connection_params(self) -> dict:
        raise NotImplementedError

    def get_new_connection(self, conn_params: dict) -> Any:
        raise NotImplementedError

    def init_connection_state(self) -> None:
        """Session setup after connecting (time zone, SQL mode...)."""

    def create_cursor(self, name: str | None = None) -> Any:
        raise NotImplementedError

    def _set_autocommit(self, autocommit: bool) -> None:
        raise NotImplementedError

    def _commit(self) -> None:
        if self.connection is not None:
            with self.wrap_database_errors:
                self.connection.commit()

    def _rollback(self) -> None:
        if self.connection is not None:
            with self.wrap_database_errors:
                self.connection.rollback()

    def _close(self) -> None:
        if self.connection is not None:
            with self.wrap_database_errors:
                self.connection.close()

    def is_usable(self) -> bool:
        raise NotImplementedError

    def _is_broken(self, raw: Any) -> bool:
        """True when the driver connection ``raw`` is known dead after an error."""
        return False

    def check_settings(self) -> None:
        if self.settings_dict["TIME_ZONE"] is not None and not settings.USE_TZ:
            raise ImproperlyConfigured(
                f"Connection {self.alias!r} cannot set TIME_ZONE because USE_TZ is False."
            )

    # --- connecting ------------------------------------------------------------------------

    def _check_sync(self) -> None:
        if (
            not self.inline_async
            and asyncio._get_running_loop() is not None
            and not _async_unsafe_allowed()
        ):
            raise SynchronousOnlyOperation(
                "You cannot call this from an async context - use a thread or sync_to_async."
            )

    def _reset_state_for_connect(self) -> None:
        self.in_atomic_block = False
        self.savepoint_ids = []
        self.atomic_blocks = []
        self.needs_rollback = False
        max_age = self.settings_dict["CONN_MAX_AGE"]
        self.close_at = None if max_age is None else time.monotonic() + max_age
        self.closed_in_transaction = False
        self.errors_occurred = False
        self.health_check_enabled = self.settings_dict["CONN_HEALTH_CHECKS"]
        self.health_check_done = False
        self.run_on_commit = []

    def connect(self) -> None:
        """Open the sync driver connection."""
        self.check_settings()
        self._reset_state_for_connect()
        params = self.get_connection_params()
        with self.wrap_database_errors:
            self.connection = self.get_new_connection(params)
        self.set_autocommit(self.settings_dict["AUTOCOMMIT"])
        self.init_connection_state()
        connection_created.send(sender=type(self), connection=self)

    def ensure_connection(self) -> None:
        """Connect if no connection is open (or the last one broke)."""
        self._check_sync()
        self._ensure_connection()

    def _ensure_connection(self) -> None:
        if self.connection is None:
            if self.in_atomic_block and self.closed_in_transaction:
                raise ProgrammingError("Cannot open a new connection in an atomic block.")
            self.connect()

    def cursor(self) -> CursorWrapper:
        """A cursor taking Django-style ``%s`` placeholders."""
        self._check_sync()
        return self._cursor()

    def _cursor(self, name: str | None = None) -> CursorWrapper:
        self.close_if_health_check_failed()
        self._ensure_connection()
        with self.wrap_database_errors:
            return self._prepare_cursor(self.create_cursor(name))

    def _prepare_cursor(self, cursor: Any) -> CursorWrapper:
        if self.queries_logged:
            return CursorDebugWrapper(cursor, self)
        return CursorWrapper(cursor, self)

    def chunked_cursor(self) -> CursorWrapper:
        """A cursor for fetching big results in chunks (server-side where supported)."""
        return self.cursor()

    def make_cursor(self, cursor: Any) -> CursorWrapper:
        return CursorWrapper(cursor, self)

    def make_debug_cursor(self, cursor: Any) -> CursorDebugWrapper:
        return CursorDebugWrapper(cursor, self)

    # --- errors and health ----------------------------------------------------------------

    def on_driver_error(self, ours: type, exc: BaseException) -> None:
        """Called by DatabaseErrorWrapper for every translated driver error."""
        if self.in_atomic_block:
            self.needs_rollback = True
            self.rollback_exc = exc
        if ours in (OperationalError, InterfaceError) or issubclass(ours, OperationalError):
            self.errors_occurred = True
            if self.connection is not None and self._is_broken(self.connection):
                self._drop_sync_connection()
            if self.aconnection is not None and self._is_broken(self.aconnection):
                self._drop_async_connection()

    def _drop_sync_connection(self) -> None:
        raw, self.connection = self.connection, None
        try:
            raw.close()
        except Exception:
            pass
        self._note_lost_connection()

    def _note_lost_connection(self) -> None:
        if self.in_atomic_block:
            self.closed_in_transaction = True
            self.needs_rollback = True

    def close_if_health_check_failed(self) -> None:
        if self.connection is None or not self.health_check_enabled or self.health_check_done:
            return
        if not self.is_usable():
            self.close()
        self.health_check_done = True

    def close_if_unusable_or_obsolete(self) -> None:
        """Close a broken connection, or one past CONN_MAX_AGE (used around requests)."""
        if self.connection is None:
            return
        self.health_check_done = False
        if self.autocommit != self.settings_dict["AUTOCOMMIT"]:
            self.close()
            return
        if self.errors_occurred:
            if self.is_usable():
                self.errors_occurred = False
                self.health_check_done = True
            else:
                self.close()
                return
        if self.close_at is not None and time.monotonic() >= self.close_at:
            self.close()

    def close(self) -> None:
        """Close the sync connection (at the end of an atomic block if inside one)."""
        self.run_on_commit = []
        if self.closed_in_transaction or self.connection is None:
            return
        try:
            self._close()
        finally:
            if self.in_atomic_block:
                self.closed_in_transaction = True
                self.needs_rollback = True
            else:
                self.connection = None

    # --- transactions (sync primitives; the atomic logic is in nuages.db._atomic) -------------

    def get_autocommit(self) -> bool:
        if self.connection is None and self.aconnection is None:
            return self.settings_dict["AUTOCOMMIT"]
        return self.autocommit

    def set_autocommit(
        self, autocommit: bool, force_begin_transaction_with_broken_autocommit: bool = False
    ) -> None:
        self.validate_no_atomic_block()
        self.close_if_health_check_failed()
        self._ensure_connection()
        self._set_autocommit(autocommit)
        self.autocommit = autocommit
        if autocommit and self.run_commit_hooks_on_set_autocommit_on:
            self.run_and_clear_commit_hooks()
            self.run_commit_hooks_on_set_autocommit_on = False

    def commit(self) -> None:
        self._check_sync()
        self.validate_no_atomic_block()
        self._commit()
        self.errors_occurred = False
        self.run_commit_hooks_on_set_autocommit_on = True

    def rollback(self) -> None:
        self._check_sync()
        self.validate_no_atomic_block()
        self._rollback()
        self.errors_occurred = False
        self.needs_rollback = False
        self.run_on_commit = []

    def _savepoint_allowed(self) -> bool:
        return self.features.uses_savepoints and not self.get_autocommit()

    def _new_savepoint_id(self) -> str:
        self.savepoint_state += 1
        return f"nuages_sp{id(self) % 100000}_{self.savepoint_state}"

    def savepoint(self) -> str | None:
        self._check_sync()
        if not self._savepoint_allowed():
            return None
        sid = self._new_savepoint_id()
        with self._cursor() as cursor:
            cursor.execute(self.ops.savepoint_create_sql(sid))
        return sid

    def savepoint_rollback(self, sid: str) -> None:
        if not self._savepoint_allowed():
            return
        with self._cursor() as cursor:
            cursor.execute(self.ops.savepoint_rollback_sql(sid))
        self._forget_hooks_after(sid)

    def savepoint_commit(self, sid: str) -> None:
        if not self._savepoint_allowed():
            return
        with self._cursor() as cursor:
            cursor.execute(self.ops.savepoint_commit_sql(sid))

    def _forget_hooks_after(self, sid: str) -> None:
        self.run_on_commit = [hook for hook in self.run_on_commit if sid not in hook[0]]

    def clean_savepoints(self) -> None:
        self.savepoint_state = 0

    def get_rollback(self) -> bool:
        if not self.in_atomic_block:
            raise TransactionManagementError(
                "The rollback flag doesn't work outside of an 'atomic' block."
            )
        return self.needs_rollback

    def set_rollback(self, rollback: bool) -> None:
        if not self.in_atomic_block:
            raise TransactionManagementError(
                "The rollback flag doesn't work outside of an 'atomic' block."
            )
        self.needs_rollback = rollback

    def validate_no_atomic_block(self) -> None:
        if self.in_atomic_block:
            raise TransactionManagementError("This is forbidden when an 'atomic' block is active.")

    def validate_no_broken_transaction(self) -> None:
        if self.needs_rollback:
            raise TransactionManagementError(
                "An error occurred in the current transaction. You can't execute queries until "
                "the end of the 'atomic' block."
            ) from self.rollback_exc

    def on_commit(self, func: Callable, robust: bool = False) -> None:
        if not callable(func):
            raise TypeError("on_commit()'s callback must be a callable.")
        if self.in_atomic_block:
            self.run_on_commit.append((set(self.savepoint_ids), func, robust))
        elif not self.get_autocommit():
            raise TransactionManagementError(
                "on_commit() cannot be used in manual transaction management"
            )
        else:
            self._run_hook(func, robust)

    def _run_hook(self, func: Callable, robust: bool) -> Any:
        if not robust:
            return func()
        try:
            return func()
        except Exception as exc:
            logger.exception(
                "Error calling %s in on_commit() (%s).", getattr(func, "__qualname__", func), exc
            )
            return None

    def run_and_clear_commit_hooks(self) -> list:
        """Run the on_commit callbacks; returns what they returned (awaitables are awaited by
        the async path)."""
        self.validate_no_atomic_block()
        hooks, self.run_on_commit = self.run_on_commit, []
        results = []
        while hooks:
            _, func, robust = hooks.pop(0)
            results.append(self._run_hook(func, robust))
        return results

    @contextmanager
    def constraint_checks_disabled(self) -> Iterator[None]:
        disabled = self.disable_constraint_checking()
        try:
            yield
        finally:
            if disabled:
                self.enable_constraint_checking()

    def disable_constraint_checking(self) -> bool:
        return False

    def enable_constraint_checking(self) -> None:
        """Re-enable foreign key checks (backends that can disable them)."""

    def schema_editor(self, *args: Any, **kwargs: Any) -> Any:
        """A schema editor (DDL), as a context manager: ``with connection.schema_editor() as e:``."""
        if self.SchemaEditorClass is None:
            raise NotImplementedError(f"{self.display_name} has no schema editor.")
        return self.SchemaEditorClass(self, *args, **kwargs)

    def copy(self, alias: str | None = None) -> BaseDatabaseWrapper:
        """A new, unconnected wrapper with the same settings."""
        return type(self)(dict(self.settings_dict), alias or self.alias)

    def _close_after_task(self) -> None:
        """The owning asyncio task finished: release both connections."""
        if self.aconnection is not None:
            self._release_async_connection_soon()
        if self.connection is not None:
            try:
                self.close()
            except Exception:
                pass
