"""dbshell for MySQL / MariaDB: the mysql client."""

from __future__ import annotations

from nuages.db.backends.base.client import BaseDatabaseClient

__all__ = ["DatabaseClient"]


class DatabaseClient(BaseDatabaseClient):
    executable_name = "mysql"

    @classmethod
    def settings_to_cmd_args_env(cls, settings_dict: dict, parameters: list) -> tuple[list, dict]:
        args = [cls.executable_name]
        if settings_dict["USER"]:
            args.append(f"--user={settings_dict['USER']}")
        if settings_dict["HOST"]:
            args.append(f"--host={settings_dict['HOST']}")
        if settings_dict["PORT"]:
            args.append(f"--port={settings_dict['PORT']}")
        if settings_dict["NAME"]:
            args.append(settings_dict["NAME"])
        env = {"MYSQL_PWD": str(settings_dict["PASSWORD"])} if settings_dict["PASSWORD"] else {}
        return args + list(parameters), env
