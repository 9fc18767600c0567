"""dbshell: run the database's command-line client with the connection's settings."""

from __future__ import annotations

import subprocess
from typing import Any

from nuages.core.management.base import BaseCommand, CommandError, CommandParser
from nuages.db import DEFAULT_DB_ALIAS, connections

__all__ = ["Command"]


class Command(BaseCommand):
    help = (
        "Runs the command-line client for specified database, or the default database if none "
        "is provided."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Nominates a database onto which to open a shell. Defaults to the "
            '"default" database.',
        )
        parameters = parser.add_argument_group("parameters", prefix_chars="--")
        parameters.add_argument("parameters", nargs="*")

    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        try:
            connection.client.runshell(options["parameters"])
        except FileNotFoundError as err:
            # Checking for the program up front would not catch a client found but broken.
            raise CommandError(
                f"You appear not to have the {connection.client.executable_name!r} program "
                "installed or on your path."
            ) from err
        except subprocess.CalledProcessError as err:
            raise CommandError(
                '"{}" returned non-zero exit status {}.'.format(
                    " ".join(map(str, err.cmd)), err.returncode
                ),
                returncode=err.returncode,
            ) from err
