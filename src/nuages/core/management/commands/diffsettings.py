"""diffsettings: show how the current settings differ from nuages' defaults."""

from __future__ import annotations

from typing import Any

from nuages.conf import Settings, global_settings, settings
from nuages.core.management.base import BaseCommand, CommandParser

__all__ = ["Command", "module_to_dict"]


def module_to_dict(module: Any, omittable: Any = lambda name: False) -> dict[str, str]:
    """The upper-case names of a settings module or object, mapped to the repr of their value."""
    return {
        name: repr(getattr(module, name))
        for name in dir(module)
        if name.isupper() and name != "SETTINGS_MODULE" and not omittable(name)
    }


class Command(BaseCommand):
    help = "Displays differences between the current settings and nuages' default settings."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            help='Display all settings, regardless of their value. In "hash" mode, default '
            'values are prefixed by "###".',
        )
        parser.add_argument(
            "--default",
            metavar="MODULE",
            help="The settings module to compare the current settings against. Leave empty to "
            "compare against nuages' default settings.",
        )
        parser.add_argument(
            "--output",
            default="hash",
            choices=("hash", "unified"),
            help="Selects the output format. 'hash' mode displays each changed setting, with "
            "the settings that don't appear in the defaults followed by ###. 'unified' mode "
            "prefixes the default setting with a minus sign, followed by the changed setting "
            "prefixed with a plus sign.",
        )

    def handle(self, **options: Any) -> str:
        settings.INSTALLED_APPS  # noqa: B018 - loads the settings module
        user = module_to_dict(settings._wrapped)
        default_module = Settings(options["default"]) if options["default"] else global_settings
        default = module_to_dict(default_module)
        if options["output"] == "unified":
            return "\n".join(self._unified(user, default, options["all"]))
        return "\n".join(self._hash(user, default, options["all"]))

    def _hash(self, user: dict[str, str], default: dict[str, str], show_all: bool) -> list[str]:
        lines = []
        for key in sorted(user):
            if key not in default:
                lines.append(f"{key} = {user[key]}  ###")
            elif user[key] != default[key]:
                lines.append(f"{key} = {user[key]}")
            elif show_all:
                lines.append(f"### {key} = {user[key]}")
        return lines

    def _unified(self, user: dict[str, str], default: dict[str, str], show_all: bool) -> list[str]:
        lines = []
        for key in sorted(user):
            if key not in default:
                lines.append(self.style.SUCCESS(f"+ {key} = {user[key]}"))
            elif user[key] != default[key]:
                lines.append(self.style.ERROR(f"- {key} = {default[key]}"))
                lines.append(self.style.SUCCESS(f"+ {key} = {user[key]}"))
            elif show_all:
                lines.append(f"  {key} = {user[key]}")
        return lines
