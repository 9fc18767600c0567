"""BaseDatabaseClient: runs the database's command-line client (dbshell)."""

from __future__ import annotations

import os
import subprocess
from typing import Any

__all__ = ["BaseDatabaseClient"]


class BaseDatabaseClient:
    """``connection.client.runshell(parameters)``."""

    executable_name: str | None = None

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    @classmethod
    def settings_to_cmd_args_env(
        cls, settings_dict: dict, parameters: list
    ) -> tuple[list, dict | None]:
        raise NotImplementedError(
            "subclasses of BaseDatabaseClient must provide settings_to_cmd_args_env()"
        )

    def runshell(self, parameters: list) -> None:
        args, env = self.settings_to_cmd_args_env(self.connection.settings_dict, parameters)
        self._run(args, env)

    def _run(self, args: list, env: dict | None) -> None:
        env = {**os.environ, **env} if env else None
        subprocess.run(args, env=env, check=True)
