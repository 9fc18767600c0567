"""sqlsequencereset: print the SQL resetting the sequences of an app's tables."""

from __future__ import annotations

from typing import Any

from nuages.core.management.base import AppCommand, CommandParser
from nuages.db import DEFAULT_DB_ALIAS, connections

__all__ = ["Command"]


class Command(AppCommand):
    help = "Prints the SQL statements for resetting sequences for the given app name(s)."
    output_transaction = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Nominates a database to print the SQL for. Defaults to the "default" database.',
        )

    def handle_app_config(self, app_config: Any, **options: Any) -> str | None:
        if app_config.models_module is None:
            return None
        connection = connections[options["database"]]
        models = list(app_config.get_models(include_auto_created=True))
        statements = connection.ops.sequence_reset_sql(self.style, models)
        if not statements and options["verbosity"] >= 1:
            self.stderr.write("No sequences found.")
        return "\n".join(statements)
