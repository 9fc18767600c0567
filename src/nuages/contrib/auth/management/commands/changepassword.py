"""changepassword: set a user's password, prompting twice (validated by
AUTH_PASSWORD_VALIDATORS, three attempts)."""

from __future__ import annotations

import getpass
from typing import Any

from nuages.contrib.auth import get_user_model
from nuages.contrib.auth.password_validation import validate_password
from nuages.core.exceptions import ValidationError
from nuages.core.management.base import BaseCommand, CommandError
from nuages.db import DEFAULT_DB_ALIAS

__all__ = ["Command"]


class Command(BaseCommand):
    help = "Change a user's password for nuages.contrib.auth."
    requires_migrations_checks = True
    requires_system_checks: list = []

    def _get_pass(self, prompt: str = "Password: ") -> str:
        password = getpass.getpass(prompt=prompt)
        if not password:
            raise CommandError("Aborting password change for user.")
        return password

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "username",
            nargs="?",
            help="Username to change password for; by default, it's the current username.",
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help='Database to use (default "default").'
        )

    def handle(self, *args: Any, **options: Any) -> str:
        username = options["username"] or getpass.getuser()
        UserModel = get_user_model()
        try:
            user = UserModel._default_manager.using(options["database"]).get(
                **{UserModel.USERNAME_FIELD: username}
            )
        except UserModel.DoesNotExist:
            raise CommandError(f"user '{username}' does not exist") from None
        self.stdout.write(f"Changing password for user '{user}'")
        for _attempt in range(3):
            p1 = self._get_pass()
            p2 = self._get_pass("Password (again): ")
            if p1 != p2:
                self.stdout.write("Passwords do not match. Please try again.")
                continue
            try:
                validate_password(p2, user)
            except ValidationError as err:
                self.stderr.write("\n".join(err.messages))
                continue
            user.set_password(p1)
            user.save()
            return f"Password changed successfully for user '{user}'"
        raise CommandError(f"Aborting password change for user '{user}' after 3 attempts")
