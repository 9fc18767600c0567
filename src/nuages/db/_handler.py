"""The ``connections`` registry: one DatabaseWrapper per alias per thread, or per asyncio task.

Sync code gets the current thread's wrapper. Code running inside an asyncio task gets a wrapper
owned by that task (child tasks get their own), whose async driver connection is closed when
the task ends. Test tools can pin wrappers for a context (``connections.pin``).
"""

from __future__ import annotations

import asyncio
import contextvars
import copy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured
from nuages.db._loading import load_backend

__all__ = ["DEFAULT_DB_ALIAS", "ConnectionDoesNotExist", "ConnectionHandler"]

DEFAULT_DB_ALIAS = "default"

_current_task = asyncio.current_task
_running_loop = asyncio._get_running_loop


class ConnectionDoesNotExist(Exception):
    """The alias is not in DATABASES."""


_DEFAULTS = {
    "ATOMIC_REQUESTS": False,
    "AUTOCOMMIT": True,
    "CONN_MAX_AGE": 0,
    "CONN_HEALTH_CHECKS": False,
    "OPTIONS": {},
    "TIME_ZONE": None,
    "NAME": "",
    "USER": "",
    "PASSWORD": "",
    "HOST": "",
    "PORT": "",
}
_TEST_DEFAULTS = {"CHARSET": None, "COLLATION": None, "MIGRATE": True, "MIRROR": None, "NAME": None}


def _complete(alias: str, conn: Any) -> dict:
    if not isinstance(conn, dict):
        raise ImproperlyConfigured(
            f"DATABASES[{alias!r}] must be a dict, not {type(conn).__name__}."
        )
    conn = dict(conn)
    if not conn.get("ENGINE"):
        raise ImproperlyConfigured(
            f"settings.DATABASES[{alias!r}] is improperly configured: supply the ENGINE value."
        )
    for key, value in _DEFAULTS.items():
        conn.setdefault(key, copy.copy(value))
    if conn["CONN_MAX_AGE"] is not None and not isinstance(conn["CONN_MAX_AGE"], (int, float)):
        raise ImproperlyConfigured(
            f"settings.DATABASES[{alias!r}]['CONN_MAX_AGE'] must be a number of seconds or None."
        )
    if not isinstance(conn["OPTIONS"], dict):
        raise ImproperlyConfigured(f"settings.DATABASES[{alias!r}]['OPTIONS'] must be a dict.")
    test = dict(conn.get("TEST") or {})
    for key, value in _TEST_DEFAULTS.items():
        test.setdefault(key, value)
    conn["TEST"] = test
    return conn


class _TaskSlot:
    __slots__ = ("conns", "task")

    def __init__(self, task: Any) -> None:
        self.task = task
        self.conns: dict[str, Any] = {}


class ConnectionHandler:
    """``connections[alias]`` -> the DatabaseWrapper of the current thread or asyncio task."""

    settings_name = "DATABASES"

    def __init__(self, databases: dict | None = None) -> None:
        self._databases = databases
        self._configured: dict | None = None
        self._thread = threading.local()
        self._task_slot: contextvars.ContextVar[_TaskSlot | None] = contextvars.ContextVar(
            "nuages_db_task_connections", default=None
        )
        self._pinned: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
            "nuages_db_pinned_connections", default=None
        )

    # --- settings ---------------------------------------------------------------------------

    @property
    def settings(self) -> dict:
        if self._configured is None:
            self._configured = self.configure_settings(self._databases)
        return self._configured

    def configure_settings(self, databases: dict | None) -> dict:
        if databases is None:
            databases = settings.DATABASES
        if databases == {}:
            databases = {DEFAULT_DB_ALIAS: {"ENGINE": "nuages.db.backends.dummy"}}
        if DEFAULT_DB_ALIAS not in databases:
            raise ImproperlyConfigured(f"You must define a '{DEFAULT_DB_ALIAS}' database.")
        if databases[DEFAULT_DB_ALIAS] == {}:
            databases = dict(databases)
            databases[DEFAULT_DB_ALIAS] = {"ENGINE": "nuages.db.backends.dummy"}
        return {alias: _complete(alias, conf) for alias, conf in databases.items()}

    def reset_settings(self) -> None:
        """Forget the parsed DATABASES (after an override in tests); open wrappers are closed."""
        self.close_all()
        self._configured = None
        self._thread = threading.local()

    def __iter__(self) -> Iterator[str]:
        return iter(self.settings)

    def create_connection(self, alias: str) -> Any:
        try:
            settings_dict = self.settings[alias]
        except KeyError:
            raise ConnectionDoesNotExist(f"The connection {alias!r} doesn't exist.") from None
        backend = load_backend(settings_dict["ENGINE"])
        return backend.DatabaseWrapper(settings_dict, alias)

    # --- look-up ----------------------------------------------------------------------------

    def _storage(self) -> dict:
        if _running_loop() is not None:
            task = _current_task()
            if task is not None:
                slot = self._task_slot.get()
                if slot is None or slot.task is not task:
                    slot = _TaskSlot(task)
                    self._task_slot.set(slot)
                    task.add_done_callback(lambda _t, s=slot: _close_task_slot(s))
                return slot.conns
        return self._thread.__dict__

    def __getitem__(self, alias: str) -> Any:
        pinned = self._pinned.get()
        if pinned is not None:
            conn = pinned.get(alias)
            if conn is not None:
                return conn
        storage = self._storage()
        conn = storage.get(alias)
        if conn is None:
            conn = storage[alias] = self.create_connection(alias)
        return conn

    def __setitem__(self, alias: str, value: Any) -> None:
        self._storage()[alias] = value

    def __delitem__(self, alias: str) -> None:
        del self._storage()[alias]

    def all(self, initialized_only: bool = False) -> list:
        """The wrappers of every alias for the current thread/task."""
        if initialized_only:
            storage = self._storage()
            pinned = self._pinned.get() or {}
            if not storage and not pinned:
                return []  # nothing opened here: the request signals' usual case, made cheap
            return [pinned.get(a) or storage[a] for a in self if a in pinned or a in storage]
        return [self[alias] for alias in self]

    def close_all(self) -> None:
        """Close the current thread's (or task's) connections."""
        for conn in self.all(initialized_only=True):
            conn.close()

    @contextmanager
    def pin(self, wrappers: dict) -> Iterator[None]:
        """Make ``connections[alias]`` return these wrappers in this context and its tasks."""
        current = dict(self._pinned.get() or {})
        current.update(wrappers)
        token = self._pinned.set(current)
        try:
            yield
        finally:
            self._pinned.reset(token)


def _close_task_slot(slot: _TaskSlot) -> None:
    """A task ended: close its wrappers (async connections go back to their pool)."""
    conns = list(slot.conns.values())
    slot.conns.clear()
    for conn in conns:
        conn._close_after_task()
