"""dbshell for SQLite: the sqlite3 command-line program."""

from __future__ import annotations

from nuages.db.backends.base.client import BaseDatabaseClient

__all__ = ["DatabaseClient"]


class DatabaseClient(BaseDatabaseClient):
    executable_name = "sqlite3"

    @classmethod
    def settings_to_cmd_args_env(cls, settings_dict: dict, parameters: list) -> tuple[list, None]:
        return [cls.executable_name, str(settings_dict["NAME"]), *parameters], None
