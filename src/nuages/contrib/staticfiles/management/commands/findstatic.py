"""findstatic: show where the finders find a static file."""

from __future__ import annotations

import os
from typing import Any

from nuages.contrib.staticfiles import finders
from nuages.core.management.base import CommandParser, LabelCommand

__all__ = ["Command"]


class Command(LabelCommand):
    help = "Finds the absolute paths for the given static file(s)."
    label = "staticfile"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--first",
            action="store_false",
            dest="all",
            help="Only return the first match for each static file.",
        )

    def handle_label(self, path: str, **options: Any) -> str:
        verbosity = options["verbosity"]
        result = finders.find(path, find_all=options["all"])
        searched = (
            "\nLooking in the following locations:\n  " + "\n  ".join(finders.searched_locations)
            if verbosity >= 2
            else ""
        )
        if result:
            paths = [
                os.path.realpath(p) for p in (result if isinstance(result, list) else [result])
            ]
            if verbosity >= 1:
                return f"Found '{path}' here:\n  " + "\n  ".join(paths) + searched
            return "\n".join(paths)
        if verbosity >= 1:
            self.stderr.write(f"No matching file found for '{path}'." + searched)
        return ""
