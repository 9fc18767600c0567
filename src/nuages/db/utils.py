"""Database errors, the driver-error wrapper, backend loading, connections and the router.

The error classes follow PEP 249's hierarchy; every backend re-raises its driver's exceptions as
these, with the driver's exception chained as ``__cause__``.
"""

from nuages.db._errors import (
    DatabaseError,
    DatabaseErrorWrapper,
    DataError,
    Error,
    IntegrityError,
    InterfaceError,
    InternalError,
    NotSupportedError,
    OperationalError,
    ProgrammingError,
)
from nuages.db._handler import DEFAULT_DB_ALIAS, ConnectionDoesNotExist, ConnectionHandler
from nuages.db._loading import load_backend
from nuages.db._router import ConnectionRouter

__all__ = [
    "DEFAULT_DB_ALIAS",
    "ConnectionDoesNotExist",
    "ConnectionHandler",
    "ConnectionRouter",
    "DataError",
    "DatabaseError",
    "DatabaseErrorWrapper",
    "Error",
    "IntegrityError",
    "InterfaceError",
    "InternalError",
    "NotSupportedError",
    "OperationalError",
    "ProgrammingError",
    "load_backend",
]
