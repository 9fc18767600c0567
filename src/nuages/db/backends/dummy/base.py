"""A DatabaseWrapper that refuses to work: DATABASES is not configured."""

from __future__ import annotations

from typing import Any

from nuages.core.exceptions import ImproperlyConfigured
from nuages.db.backends.base.base import BaseDatabaseWrapper
from nuages.db.backends.base.client import BaseDatabaseClient
from nuages.db.backends.base.creation import BaseDatabaseCreation
from nuages.db.backends.base.features import BaseDatabaseFeatures
from nuages.db.backends.base.introspection import BaseDatabaseIntrospection
from nuages.db.backends.base.operations import BaseDatabaseOperations

__all__ = ["DatabaseWrapper"]


def complain(*args: Any, **kwargs: Any) -> Any:
    raise ImproperlyConfigured(
        "settings.DATABASES is improperly configured. Please supply the ENGINE value. Check "
        "settings documentation for more details."
    )


class DatabaseOperations(BaseDatabaseOperations):
    quote_name = complain


class DatabaseWrapper(BaseDatabaseWrapper):
    vendor = "dummy"
    display_name = "Dummy"
    client_class = BaseDatabaseClient
    creation_class = BaseDatabaseCreation
    features_class = BaseDatabaseFeatures
    introspection_class = BaseDatabaseIntrospection
    ops_class = DatabaseOperations

    connect = complain
    aconnect = complain
    _ensure_connection = complain
    create_cursor = complain
    _commit = complain
    _rollback = complain
    _set_autocommit = complain

    def _close(self) -> None:
        return None

    def is_usable(self) -> bool:
        return True
