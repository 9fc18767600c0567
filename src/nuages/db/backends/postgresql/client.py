"""dbshell for PostgreSQL: psql."""

from __future__ import annotations

from nuages.db.backends.base.client import BaseDatabaseClient

__all__ = ["DatabaseClient"]


class DatabaseClient(BaseDatabaseClient):
    executable_name = "psql"

    @classmethod
    def settings_to_cmd_args_env(cls, settings_dict: dict, parameters: list) -> tuple[list, dict]:
        args = [cls.executable_name]
        if settings_dict["USER"]:
            args += ["-U", settings_dict["USER"]]
        if settings_dict["HOST"]:
            args += ["-h", settings_dict["HOST"]]
        if settings_dict["PORT"]:
            args += ["-p", str(settings_dict["PORT"])]
        args += [settings_dict["NAME"] or "postgres", *parameters]
        env = {"PGPASSWORD": str(settings_dict["PASSWORD"])} if settings_dict["PASSWORD"] else {}
        return args, env
