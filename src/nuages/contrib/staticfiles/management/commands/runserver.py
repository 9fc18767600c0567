"""runserver, extended to serve static files while DEBUG is on (or with --insecure)."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from nuages.core.management.base import CommandParser
from nuages.core.management.commands.runserver import Command as RunserverCommand

__all__ = ["Command"]


class Command(RunserverCommand):
    help = "Starts a lightweight web server for development and also serves static files."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--nostatic",
            action="store_false",
            dest="use_static_handler",
            help="Tells nuages to NOT automatically serve static files at STATIC_URL.",
        )
        parser.add_argument(
            "--insecure",
            action="store_true",
            dest="insecure_serving",
            help="Allows serving static files even if DEBUG is False.",
        )

    def get_handler(self, *args: Any, **options: Any) -> Any:
        handler = super().get_handler(*args, **options)
        if options["use_static_handler"] and (settings.DEBUG or options["insecure_serving"]):
            return ASGIStaticFilesHandler(handler)
        return handler
