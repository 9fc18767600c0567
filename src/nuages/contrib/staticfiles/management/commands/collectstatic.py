"""collectstatic: copy every static file the finders know into STATIC_ROOT."""

from __future__ import annotations

import os
import shutil
from typing import Any

from nuages.apps import apps
from nuages.conf import settings
from nuages.contrib.staticfiles.apps import StaticFilesConfig
from nuages.contrib.staticfiles.finders import get_finders
from nuages.contrib.staticfiles.storage import staticfiles_storage
from nuages.contrib.staticfiles.utils import matches_patterns
from nuages.core.exceptions import ImproperlyConfigured
from nuages.core.files.base import File
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
        storage = staticfiles_storage
        copied, linked, post_processed = 0, 0, 0
        found: dict[str, tuple[Any, str]] = {}
        for finder in get_finders():
            for path, source in finder.list(ignore):
                prefixed = (
                    os.path.join(source.prefix, path) if getattr(source, "prefix", None) else path
                )
                if prefixed in found or matches_patterns(prefixed, ignore):
                    continue  # the first finder to provide a path wins, as with find()
                found[prefixed] = (source, path)
                if options["verbosity"] >= 2:
                    verb = "link" if options["link"] else "copy"
                    prefix = "Pretending to " if dry_run else ""
                    self.stdout.write(f"{prefix}{verb} '{prefixed}'")
                if dry_run:
                    continue
                if options["link"]:
                    target = storage.path(prefixed)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    if os.path.lexists(target):
                        os.remove(target)
                    os.symlink(source.path(path), target)
                    linked += 1
                else:
                    # Through the storage, so any STORAGES["staticfiles"] backend works.
                    if storage.exists(prefixed):
                        storage.delete(prefixed)
                    with source.open(path) as handle:
                        storage.save(prefixed, File(handle, prefixed))
                    copied += 1
        if options["post_process"] and hasattr(storage, "post_process"):
            for original, processed_path, processed in storage.post_process(found, dry_run=dry_run):
                if isinstance(processed, Exception):
                    self.stderr.write(f"Post-processing '{original}' failed!\n")
                    raise processed
                if processed:
                    if options["verbosity"] >= 2:
                        self.stdout.write(f"Post-processed '{original}' as '{processed_path}'")
                    post_processed += 1
        if options["verbosity"] >= 1:
            count = len(found) if dry_run else linked + copied
            verb = "symlinked" if options["link"] else "copied"
            extra = f", {post_processed} post-processed" if post_processed else ""
            return f"\n{count} static file{'s' if count != 1 else ''} {verb} to '{root}'{extra}."
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
