"""Database access: ``connections``, ``connection``, ``router`` and the database errors."""

from __future__ import annotations

from typing import Any

from nuages.core import signals
from nuages.db._errors import (
    DatabaseError,
    DataError,
    Error,
    IntegrityError,
    InterfaceError,
    InternalError,
    NotSupportedError,
    OperationalError,
    ProgrammingError,
)
from nuages.db._handler import DEFAULT_DB_ALIAS, ConnectionHandler
from nuages.db._router import ConnectionRouter

__all__ = [
    "DEFAULT_DB_ALIAS",
    "DataError",
    "DatabaseError",
    "Error",
    "IntegrityError",
    "InterfaceError",
    "InternalError",
    "NotSupportedError",
    "OperationalError",
    "ProgrammingError",
    "close_old_connections",
    "connection",
    "connections",
    "reset_queries",
    "router",
]

connections = ConnectionHandler()
router = ConnectionRouter()


class _ConnectionProxy:
    """``connection``: the default alias' wrapper of the current thread/task, looked up each time."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        return getattr(connections[DEFAULT_DB_ALIAS], name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(connections[DEFAULT_DB_ALIAS], name, value)

    def __delattr__(self, name: str) -> None:
        delattr(connections[DEFAULT_DB_ALIAS], name)

    def __eq__(self, other: object) -> bool:
        return connections[DEFAULT_DB_ALIAS] == other

    def __hash__(self) -> int:
        return hash(connections[DEFAULT_DB_ALIAS])

    def __repr__(self) -> str:
        return repr(connections[DEFAULT_DB_ALIAS])


connection: Any = _ConnectionProxy()


def reset_queries(**kwargs: Any) -> None:
    """Empty ``queries`` of every connection opened by this thread/task."""
    for conn in connections.all(initialized_only=True):
        conn.queries_log.clear()


def close_old_connections(**kwargs: Any) -> None:
    """Close connections that are broken or older than CONN_MAX_AGE (run around each request)."""
    for conn in connections.all(initialized_only=True):
        conn.close_if_unusable_or_obsolete()


signals.request_started.connect(reset_queries)
signals.request_started.connect(close_old_connections)
signals.request_finished.connect(close_old_connections)
