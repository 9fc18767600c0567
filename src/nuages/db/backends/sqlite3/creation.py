"""SQLite test databases: in-memory with a shared cache (default) or a file (TEST NAME)."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
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

    # --- clones for parallel test workers -------------------------------------------------
    # A file database is copied to ``<root>_<n><ext>``. An in-memory one is backed up into a
    # temporary file by the parent; each worker loads that file into its own in-memory
    # database (``memorydb_<alias>_<n>``), which works the same under fork and spawn.

    def _memory_clone_file(self, suffix: str, owner_pid: int) -> str:
        name = f"nuages_test_{owner_pid}_{self.connection.alias}_{suffix}.sqlite3"
        return os.path.join(tempfile.gettempdir(), name)

    def get_test_db_clone_settings(self, suffix: str) -> dict:
        settings_dict = self.connection.settings_dict
        name = settings_dict["NAME"]
        if is_in_memory_db(name):
            clone = f"file:memorydb_{self.connection.alias}_{suffix}?mode=memory&cache=shared"
        else:
            root, ext = os.path.splitext(name)
            clone = f"{root}_{suffix}{ext}"
        return {**settings_dict, "NAME": clone}

    def _clone_test_db(self, suffix: str, verbosity: int, keepdb: bool = False) -> None:
        source = self.connection.settings_dict["NAME"]
        if is_in_memory_db(source):
            target = self._memory_clone_file(suffix, os.getpid())
        else:
            target = self.get_test_db_clone_settings(suffix)["NAME"]
            if keepdb and os.path.exists(target):
                return
        if os.path.exists(target):
            os.remove(target)
        _backup(source, target)

    def setup_worker_connection(self, _worker_id: int) -> None:
        source = self.connection.settings_dict["NAME"]
        super().setup_worker_connection(_worker_id)
        if is_in_memory_db(source):
            name = self.connection.settings_dict["NAME"]
            keeper = sqlite3.connect(name, uri=True, check_same_thread=False)
            # The parent's keepers stay referenced (never closed here): they are its copies.
            _keepers[name] = keeper
            with closing(
                sqlite3.connect(self._memory_clone_file(str(_worker_id), os.getppid()))
            ) as saved:
                saved.backup(keeper)

    def _destroy_test_db_clone(self, clone_name: str, verbosity: int, keepdb: bool) -> None:
        if is_in_memory_db(clone_name):
            suffix = clone_name.split("?", 1)[0].rsplit("_", 1)[1]
            path = self._memory_clone_file(suffix, os.getpid())
            if os.path.exists(path):
                os.remove(path)
        elif not keepdb and os.path.exists(clone_name):
            os.remove(clone_name)


def _backup(source: str, target: str) -> None:
    """Copy the database ``source`` (a path or a memory URI) into the file ``target``."""
    with closing(sqlite3.connect(source, uri=True)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
