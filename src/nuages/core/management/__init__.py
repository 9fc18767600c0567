"""The command line: ManagementUtility, command discovery and call_command()."""

from __future__ import annotations

import functools
import os
import pkgutil
import sys
from argparse import (
    _AppendConstAction,
    _CountAction,
    _StoreConstAction,
    _SubParsersAction,
)
from collections.abc import Iterator
from difflib import get_close_matches
from importlib import import_module
from typing import Any

import nuages
from nuages.apps import apps
from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured
from nuages.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    handle_default_options,
)
from nuages.core.management.color import color_style

__all__ = [
    "ManagementUtility",
    "call_command",
    "execute_from_command_line",
    "find_commands",
    "get_commands",
    "load_command_class",
]

_CORE = "nuages.core"


def find_commands(management_dir: str) -> list[str]:
    """Names of the command modules in management_dir/commands (private ones skipped)."""
    command_dir = os.path.join(management_dir, "commands")
    return [
        name
        for _, name, is_pkg in pkgutil.iter_modules([command_dir])
        if not is_pkg and not name.startswith("_")
    ]


def load_command_class(app_name: str, name: str) -> BaseCommand:
    """Import app_name.management.commands.<name> and return an instance of its Command."""
    module = import_module(f"{app_name}.management.commands.{name}")
    return module.Command()


@functools.cache
def get_commands() -> dict[str, str]:
    """Map each command name to the app that provides it.

    nuages' own commands always exist; installed apps (when settings are configured) add
    theirs, and an app listed earlier in INSTALLED_APPS wins over a later one.
    """
    commands = dict.fromkeys(find_commands(__path__[0]), _CORE)
    if not settings.configured:
        return commands
    for app_config in reversed(list(apps.get_app_configs())):
        path = os.path.join(app_config.path, "management")
        commands.update(dict.fromkeys(find_commands(path), app_config.name))
    return commands


def _iter_actions(parser: Any) -> Iterator[Any]:
    for action in parser._actions:
        if isinstance(action, _SubParsersAction):
            for sub in action.choices.values():
                yield from _iter_actions(sub)
        else:
            yield action


def call_command(command_name: str | BaseCommand, *args: Any, **options: Any) -> Any:
    """Run a command from Python: call_command("check", deploy=True, stdout=buf).

    Options may be given by their option name ("no_color") or their dest; positional
    arguments and required options go through the command's parser as on the command line.
    System checks are skipped unless skip_checks=False is passed.
    """
    if isinstance(command_name, BaseCommand):
        command = command_name
        command_name = type(command).__module__.rpartition(".")[2]
    else:
        try:
            app_name = get_commands()[command_name]
        except KeyError:
            raise CommandError(f"Unknown command: {command_name!r}")
        command = (
            app_name
            if isinstance(app_name, BaseCommand)
            else load_command_class(app_name, command_name)
        )

    parser = command.create_parser("", command_name)
    # "--no-color" may be passed as no_color even when its dest has another name.
    opt_mapping = {
        min(action.option_strings).lstrip("-").replace("-", "_"): action.dest
        for action in parser._actions
        if action.option_strings
    }
    arg_options = {opt_mapping.get(key, key): value for key, value in options.items()}
    parse_args: list[str] = []
    for arg in args:
        parse_args.extend(map(str, arg) if isinstance(arg, list | tuple) else [str(arg)])

    actions = list(_iter_actions(parser))
    required_in_group = {
        action
        for group in parser._mutually_exclusive_groups
        if group.required
        for action in group._group_actions
    }
    # Required options cannot be satisfied by defaults: feed them through the parser.
    for action in actions:
        if action.dest not in arg_options or not (action.required or action in required_in_group):
            continue
        if sum(dest == action.dest for dest in opt_mapping.values()) > 1:
            raise TypeError(
                f"Cannot pass the dest {action.dest!r} that matches multiple arguments via **options."
            )
        parse_args.append(min(action.option_strings))
        if isinstance(action, _AppendConstAction | _CountAction | _StoreConstAction):
            continue
        value = arg_options[action.dest]
        parse_args.extend(map(str, value) if isinstance(value, list | tuple) else [str(value)])

    defaults = dict(vars(parser.parse_args(args=parse_args)), **arg_options)
    valid_options = (
        {action.dest for action in actions}
        | set(command.base_stealth_options + command.stealth_options)
        | set(opt_mapping)
    )
    unknown = set(options) - valid_options
    if unknown:
        raise TypeError(
            f"Unknown option(s) for {command_name} command: {', '.join(sorted(unknown))}. "
            f"Valid options are: {', '.join(sorted(valid_options))}."
        )
    positional = defaults.pop("args", ())
    if "skip_checks" not in options:
        defaults["skip_checks"] = True
    return command.execute(*positional, **defaults)


class ManagementUtility:
    """What nuages-admin and manage.py run: parse the subcommand and dispatch it."""

    def __init__(self, argv: list[str] | None = None) -> None:
        self.argv = argv or sys.argv[:]
        self.prog_name = os.path.basename(self.argv[0])
        if self.prog_name == "__main__.py":
            self.prog_name = "python -m nuages"
        self.settings_exception: Exception | None = None

    def main_help_text(self, commands_only: bool = False) -> str:
        """The list of subcommands, grouped by the app that provides them."""
        commands = get_commands()
        if commands_only:
            return "\n".join(sorted(commands))
        style = color_style()
        by_app: dict[str, list[str]] = {}
        for name, app in commands.items():
            label = "nuages" if app == _CORE else app.rpartition(".")[2]
            by_app.setdefault(label, []).append(name)
        lines = [
            "",
            f"Type '{self.prog_name} help <subcommand>' for help on a specific subcommand.",
            "",
            "Available subcommands:",
        ]
        for label in sorted(by_app):
            lines += ["", style.NOTICE(f"[{label}]")]
            lines += [f"    {name}" for name in sorted(by_app[label])]
        if self.settings_exception is not None:
            lines.append(
                style.NOTICE(
                    "Note that only nuages core commands are listed as settings are not properly "
                    f"configured (error: {self.settings_exception})."
                )
            )
        return "\n".join(lines)

    def fetch_command(self, subcommand: str) -> BaseCommand:
        """The command called subcommand; an unknown name prints a hint and exits 1."""
        commands = get_commands()
        try:
            app_name = commands[subcommand]
        except KeyError:
            if os.environ.get("NUAGES_SETTINGS_MODULE") or os.environ.get("DJANGO_SETTINGS_MODULE"):
                # Surface a broken settings module instead of a confusing "unknown command".
                settings.INSTALLED_APPS  # noqa: B018
            elif not settings.configured:
                sys.stderr.write("No nuages settings specified.\n")
            message = f"Unknown command: {subcommand!r}"
            close = get_close_matches(subcommand, commands)
            if close:
                message += f". Did you mean {close[0]}?"
            sys.stderr.write(f"{message}\nType '{self.prog_name} help' for usage.\n")
            sys.exit(1)
        if isinstance(app_name, BaseCommand):
            return app_name
        return load_command_class(app_name, subcommand)

    def execute(self) -> None:
        """Read --settings/--pythonpath, set nuages up, then run the subcommand."""
        subcommand = self.argv[1] if len(self.argv) > 1 else "help"
        # Only the options that must act before settings are read; the rest is the command's.
        parser = CommandParser(
            prog=self.prog_name,
            usage="%(prog)s subcommand [options] [args]",
            add_help=False,
            allow_abbrev=False,
        )
        parser.add_argument("--settings")
        parser.add_argument("--pythonpath")
        parser.add_argument("args", nargs="*")
        try:
            options, _ = parser.parse_known_args(self.argv[2:])
            handle_default_options(options)
        except CommandError:
            options = None

        try:
            settings.INSTALLED_APPS  # noqa: B018
        except (ImproperlyConfigured, ImportError) as exc:
            self.settings_exception = exc
        if settings.configured:
            nuages.setup()

        if subcommand == "help":
            rest = options.args if options else []
            if "--commands" in self.argv[2:]:
                sys.stdout.write(self.main_help_text(commands_only=True) + "\n")
            elif not rest:
                sys.stdout.write(self.main_help_text() + "\n")
            else:
                self.fetch_command(rest[0]).print_help(self.prog_name, rest[0])
        elif subcommand == "version" or self.argv[1:] == ["--version"]:
            sys.stdout.write(nuages.get_version() + "\n")
        elif self.argv[1:] in (["--help"], ["-h"]):
            sys.stdout.write(self.main_help_text() + "\n")
        else:
            self.fetch_command(subcommand).run_from_argv(self.argv)


def execute_from_command_line(argv: list[str] | None = None) -> None:
    """Run a ManagementUtility on argv (sys.argv by default)."""
    ManagementUtility(argv).execute()
