"""The PEP 249 error hierarchy and the wrapper re-raising driver errors as ours."""

from __future__ import annotations

from typing import Any

__all__ = [
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
    "TransactionManagementError",
    "translate_error",
]


class Error(Exception):
    """Base of every database error."""


class InterfaceError(Error):
    """The database interface (driver) failed, e.g. a closed connection."""


class DatabaseError(Error):
    """An error reported by the database."""


class DataError(DatabaseError):
    """Bad data: a value out of range, a string too long..."""


class OperationalError(DatabaseError):
    """An error in the database's operation, e.g. a lost connection."""


class IntegrityError(DatabaseError):
    """A constraint (unique, foreign key, not null, check) was violated."""


class InternalError(DatabaseError):
    """The database hit an internal error."""


class ProgrammingError(DatabaseError):
    """Bad SQL, a missing table, a wrong number of parameters..."""


class NotSupportedError(DatabaseError):
    """The database does not support the requested operation."""


# Most specific first: a driver class is mapped to the first of ours it is an instance of.
_ERROR_NAMES = (
    "DataError",
    "OperationalError",
    "IntegrityError",
    "InternalError",
    "ProgrammingError",
    "NotSupportedError",
    "DatabaseError",
    "InterfaceError",
    "Error",
)
_OURS = {name: globals()[name] for name in _ERROR_NAMES}


def translate_error(exc: BaseException, driver_modules: tuple) -> type[Error] | None:
    """Return our error class for a driver exception, or None when it is not a driver error."""
    if isinstance(exc, Error):
        return None
    for module in driver_modules:
        for name in _ERROR_NAMES:
            driver_cls = getattr(module, name, None)
            if driver_cls is not None and isinstance(exc, driver_cls):
                if exc.args and exc.args[0] in _CHECK_VIOLATIONS:
                    return IntegrityError
                return _OURS[name]
    return None


# MySQL (3819) and MariaDB (4025) report a failed CHECK constraint as an OperationalError.
_CHECK_VIOLATIONS = frozenset({3819, 4025})


class DatabaseErrorWrapper:
    """Context manager re-raising a driver's exceptions as nuages.db exceptions.

    ``with wrapper.wrap_database_errors:`` around every driver call; the wrapper (the
    DatabaseWrapper) is told about the error so it can drop a broken connection.
    """

    def __init__(self, wrapper: Any) -> None:
        self.wrapper = wrapper

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        if exc_type is None:
            return
        ours = translate_error(exc_value, self.wrapper.driver_error_modules)
        if ours is None:
            return
        self.wrapper.on_driver_error(ours, exc_value)
        new = ours(*exc_value.args)
        raise new.with_traceback(traceback) from exc_value

    def __call__(self, func: Any) -> Any:
        def inner(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **kwargs)

        return inner


class TransactionManagementError(ProgrammingError):
    """A transaction API was misused (e.g. a query after an error inside ``atomic``)."""
