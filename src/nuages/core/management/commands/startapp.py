"""startapp: create an app directory from nuages' app template."""

from __future__ import annotations

from typing import Any

from nuages.core.management.templates import TemplateCommand

__all__ = ["Command"]


class Command(TemplateCommand):
    help = (
        "Creates a nuages app directory structure for the given app name in the current "
        "directory or optionally in the given directory."
    )
    missing_args_message = "You must provide an application name."

    def handle(self, **options: Any) -> None:
        name = options.pop("name")
        target = options.pop("directory")
        super().handle("app", name, target, **options)
