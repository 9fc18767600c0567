"""dbshell for MySQL / MariaDB: the mysql client."""

from __future__ import annotations

import shutil

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

    def runshell(self, parameters: list) -> None:
        # MariaDB installs may ship only the ``mariadb`` client (``mysql`` is deprecated there).
        if shutil.which("mysql") is None and shutil.which("mariadb") is not None:
            self.executable_name = "mariadb"
            args, env = self.settings_to_cmd_args_env(self.connection.settings_dict, parameters)
            args[0] = "mariadb"
            self._run(args, env)
            return
        super().runshell(parameters)
