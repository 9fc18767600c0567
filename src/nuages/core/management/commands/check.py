"""check: run the system checks and report what they find."""

from __future__ import annotations

from typing import Any

from nuages.apps import apps
from nuages.core import checks
from nuages.core.checks.registry import registry
from nuages.core.management.base import BaseCommand, CommandError, CommandParser

__all__ = ["Command"]


class Command(BaseCommand):
    help = "Checks the entire nuages project for potential problems."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", metavar="app_label", nargs="*")
        parser.add_argument(
            "--tag",
            "-t",
            action="append",
            dest="tags",
            help="Run only checks labeled with given tag.",
        )
        parser.add_argument("--list-tags", action="store_true", help="List available tags.")
        parser.add_argument("--deploy", action="store_true", help="Check deployment settings.")
        parser.add_argument(
            "--fail-level",
            default="ERROR",
            choices=["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"],
            help="Message level that will cause the command to exit with a non-zero status. "
            "Default is ERROR.",
        )
        parser.add_argument(
            "--database",
            action="append",
            dest="databases",
            help="Run database related checks against these aliases.",
        )

    def handle(self, *app_labels: str, **options: Any) -> None:
        deploy = options["deploy"]
        if options["list_tags"]:
            self.stdout.write("\n".join(sorted(registry.tags_available(deploy))))
            return
        app_configs = [apps.get_app_config(label) for label in app_labels] if app_labels else None
        tags = options["tags"]
        for tag in tags or ():
            if not checks.tag_exists(tag, include_deployment_checks=deploy):
                raise CommandError(f'There is no system check with the "{tag}" tag.')
        self.check(
            app_configs=app_configs,
            tags=tags,
            display_num_errors=True,
            include_deployment_checks=deploy,
            fail_level=getattr(checks, options["fail_level"]),
            databases=options["databases"],
        )
