"""SQLite test databases: in-memory with a shared cache (default) or a file (TEST NAME)."""

from __future__ import annotations

import os
import sqlite3
from typing import Any

from nuages.db.backends.base.creation import BaseDatabaseCreation

__all__ = ["DatabaseCreation", "is_in_memory_db"]

# One open connection keeps each shared in-memory test database alive between connections.
_keepers: dict[str, sqlite3.Connection] = {}


def is_in_memory_db(name: Any) -> bool:
    name = str(name)
    return name == ":memory:" or "mode=memory" in name


class DatabaseCreation(BaseDatabaseCreation):
    def _get_test_db_name(self) -> str:
        test_name = self.connection.settings_dict["TEST"]["NAME"] or ":memory:"
        if test_name == ":memory:":
            return f"file:memorydb_{self.connection.alias}?mode=memory&cache=shared"
        return test_name

    def _create_test_db(self, verbosity: int, autoclobber: bool, keepdb: bool) -> str:
        name = self._get_test_db_name()
        if is_in_memory_db(name):
            if name not in _keepers:
                _keepers[name] = sqlite3.connect(name, uri=True, check_same_thread=False)
            return name
        if not keepdb and os.path.exists(name):
            os.remove(name)
        return name

    def _destroy_test_db(self, test_database_name: str, verbosity: int) -> None:
        keeper = _keepers.pop(test_database_name, None)
        if keeper is not None:
            keeper.close()
        elif (
            test_database_name
            and not is_in_memory_db(test_database_name)
            and os.path.exists(test_database_name)
        ):
            os.remove(test_database_name)
