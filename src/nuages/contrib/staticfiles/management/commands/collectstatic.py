"""collectstatic: copy every static file the finders know into STATIC_ROOT."""

from __future__ import annotations

import os
import shutil
from typing import Any

from nuages.apps import apps
from nuages.conf import settings
from nuages.contrib.staticfiles.apps import StaticFilesConfig
from nuages.contrib.staticfiles.finders import get_finders
from nuages.contrib.staticfiles.utils import matches_patterns
from nuages.core.exceptions import ImproperlyConfigured
from nuages.core.management.base import BaseCommand, CommandError, CommandParser

__all__ = ["Command"]


class Command(BaseCommand):
    help = "Collect static files in a single location."
    requires_system_checks = ["staticfiles"]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do NOT prompt the user for input of any kind.",
        )
        parser.add_argument(
            "--no-post-process",
            action="store_false",
            dest="post_process",
            help="Do NOT post process collected files.",
        )
        parser.add_argument(
            "-i",
            "--ignore",
            action="append",
            default=[],
            dest="ignore_patterns",
            metavar="PATTERN",
            help="Ignore files or directories matching this glob-style pattern. Use multiple "
            "times to ignore more.",
        )
        parser.add_argument(
            "-n",
            "--dry-run",
            action="store_true",
            help="Do everything except modify the filesystem.",
        )
        parser.add_argument(
            "-c",
            "--clear",
            action="store_true",
            help="Clear the existing files using the storage before trying to copy or link the "
            "original file.",
        )
        parser.add_argument(
            "-l",
            "--link",
            action="store_true",
            help="Create a symbolic link to each file instead of copying.",
        )
        parser.add_argument(
            "--no-default-ignore",
            action="store_false",
            dest="use_default_ignore_patterns",
            help="Don't ignore the common private glob-style patterns (defaults to 'CVS', '.*' and '*~').",
        )

    def handle(self, **options: Any) -> str:
        if not settings.STATIC_ROOT:
            raise ImproperlyConfigured(
                "You're using the staticfiles app without having set the STATIC_ROOT setting to "
                "a filesystem path."
            )
        root = os.path.abspath(settings.STATIC_ROOT)
        ignore = list(options["ignore_patterns"])
        if options["use_default_ignore_patterns"]:
            ignore += _default_ignore_patterns()
        dry_run = options["dry_run"]
        if options["interactive"] and not self._confirm(root, options["clear"]):
            raise CommandError("Collecting static files cancelled.")
        if options["clear"] and os.path.isdir(root) and not dry_run:
            shutil.rmtree(root)
        copied, linked, seen = 0, 0, set()
        for finder in get_finders():
            for path, storage in finder.list(ignore):
                prefixed = (
                    os.path.join(storage.prefix, path) if getattr(storage, "prefix", None) else path
                )
                if prefixed in seen or matches_patterns(prefixed, ignore):
                    continue  # the first finder to provide a path wins, as with find()
                seen.add(prefixed)
                target = os.path.join(root, prefixed)
                if options["verbosity"] >= 2:
                    verb = "link" if options["link"] else "copy"
                    prefix = "Pretending to " if dry_run else ""
                    self.stdout.write(f"{prefix}{verb} '{prefixed}'")
                if dry_run:
                    continue
                os.makedirs(os.path.dirname(target), exist_ok=True)
                if os.path.lexists(target):
                    os.remove(target)
                if options["link"]:
                    os.symlink(storage.path(path), target)
                    linked += 1
                else:
                    shutil.copy2(storage.path(path), target)
                    copied += 1
        if options["verbosity"] >= 1:
            count = len(seen) if dry_run else linked + copied
            verb = "symlinked" if options["link"] else "copied"
            return f"\n{count} static file{'s' if count != 1 else ''} {verb} to '{root}'."
        return ""

    def _confirm(self, root: str, clear: bool) -> bool:
        action = (
            "This will DELETE ALL FILES in this location!\nAre you sure you want to do this?"
            if clear
            else "This will overwrite existing files!\nAre you sure you want to do this?"
        )
        answer = input(
            f"\nYou have requested to collect static files at the destination location as "
            f"specified in your settings:\n\n    {root}\n\n{action}\n\nType 'yes' to continue, or "
            "'no' to cancel: "
        )
        return answer == "yes"


def _default_ignore_patterns() -> list[str]:
    # The installed app config may customise them (a subclass in INSTALLED_APPS).
    try:
        return list(apps.get_app_config("staticfiles").ignore_patterns)
    except LookupError:
        return list(StaticFilesConfig.ignore_patterns)
