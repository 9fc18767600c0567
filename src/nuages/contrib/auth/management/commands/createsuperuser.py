"""createsuperuser: create a user with is_staff/is_superuser through the user manager's
``create_superuser``. Non-interactive: values from ``--<field>`` options or the environment
(``NUAGES_SUPERUSER_<FIELD>``, or Django's ``DJANGO_SUPERUSER_<FIELD>``), the password from
``..._PASSWORD`` (without one the password is unusable)."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from nuages.contrib.auth import get_user_model
from nuages.contrib.auth.password_validation import validate_password
from nuages.core import exceptions
from nuages.core.management.base import BaseCommand, CommandError
from nuages.db import DEFAULT_DB_ALIAS

__all__ = ["Command"]


def _env(name: str) -> str | None:
    for prefix in ("NUAGES_SUPERUSER_", "DJANGO_SUPERUSER_"):
        value = os.environ.get(prefix + name.upper())
        if value is not None:
            return value
    return None


class Command(BaseCommand):
    help = "Used to create a superuser."
    stealth_options = ("stdin",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.UserModel = get_user_model()
        self.username_field = self.UserModel._meta.get_field(self.UserModel.USERNAME_FIELD)

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            f"--{self.UserModel.USERNAME_FIELD}",
            help="Specifies the login for the superuser.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do NOT prompt for input; fields come from options and NUAGES_SUPERUSER_* "
            "environment variables.",
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help='Database to use (default "default").'
        )
        for field_name in self.UserModel.REQUIRED_FIELDS:
            parser.add_argument(
                f"--{field_name}", help=f"Specifies the {field_name} for the superuser."
            )

    def _clean(self, field_name: str, raw: Any) -> Any:
        field = self.UserModel._meta.get_field(field_name)
        try:
            return field.clean(raw, None)
        except exceptions.ValidationError as e:
            raise CommandError("; ".join(e.messages)) from None

    def handle(self, *args: Any, **options: Any) -> None:
        username_name = self.UserModel.USERNAME_FIELD
        database = options["database"]
        user_data: dict[str, Any] = {}
        password: str | None = None
        if not options["interactive"]:
            for field_name in [username_name, *self.UserModel.REQUIRED_FIELDS]:
                value = options.get(field_name) or _env(field_name)
                if not value:
                    raise CommandError(f"You must use --{field_name} with --noinput.")
                user_data[field_name] = self._clean(field_name, value)
            password = _env("password")
            if password is not None:
                try:
                    validate_password(password, self.UserModel(**user_data))
                except exceptions.ValidationError as e:
                    raise CommandError("\n".join(e.messages)) from None
        else:
            stdin = options.get("stdin", sys.stdin)
            if not getattr(stdin, "isatty", lambda: False)():
                raise CommandError(
                    "Superuser creation skipped due to not running in a TTY. You can run "
                    "`manage.py createsuperuser` in your project to create one manually."
                )
            for field_name in [username_name, *self.UserModel.REQUIRED_FIELDS]:
                value = options.get(field_name)
                while not value:
                    value = input(f"{field_name.capitalize()}: ").strip()
                user_data[field_name] = self._clean(field_name, value)
            while password is None:
                first = getpass.getpass()
                second = getpass.getpass("Password (again): ")
                if first != second:
                    self.stderr.write("Error: Your passwords didn't match.")
                    continue
                try:
                    validate_password(first, self.UserModel(**user_data))
                except exceptions.ValidationError as e:
                    self.stderr.write("\n".join(e.messages))
                    continue
                password = first
        manager = self.UserModel._default_manager.db_manager(database)
        if manager.filter(**{username_name: user_data[username_name]}).exists():
            raise CommandError(f"Error: That {username_name} is already taken.")
        user_data["password"] = password
        manager.create_superuser(**user_data)
        if options["verbosity"] >= 1:
            self.stdout.write("Superuser created successfully.")
