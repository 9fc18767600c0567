"""startproject: create a project directory from nuages' project template."""

from __future__ import annotations

from typing import Any

from nuages.core.management.templates import TemplateCommand
from nuages.core.management.utils import get_random_secret_key

__all__ = ["Command"]


class Command(TemplateCommand):
    help = (
        "Creates a nuages project directory structure for the given project name in the "
        "current directory or optionally in the given directory."
    )
    missing_args_message = "You must provide a project name."

    def handle(self, **options: Any) -> None:
        name = options.pop("name")
        target = options.pop("directory")
        # The prefix marks the key as a placeholder: check --deploy warns about it (W009).
        options["extra_context"] = {"secret_key": "nuages-insecure-" + get_random_secret_key()}
        super().handle("project", name, target, **options)
