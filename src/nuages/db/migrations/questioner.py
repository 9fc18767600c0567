"""Questioners: what makemigrations asks (renames, one-off defaults, merges)."""

from __future__ import annotations

import datetime
import importlib
import os
import sys
from typing import Any

from nuages.apps import apps
from nuages.core.management.base import OutputWrapper
from nuages.db.migrations.loader import MigrationLoader
from nuages.db.models import NOT_PROVIDED
from nuages.utils import timezone

__all__ = [
    "InteractiveMigrationQuestioner",
    "MigrationQuestioner",
    "NonInteractiveMigrationQuestioner",
]


class MigrationQuestioner:
    """Answers from ``defaults`` without asking (the safe choice: no renames, no defaults)."""

    def __init__(
        self, defaults: dict | None = None, specified_apps: Any = None, dialect: Any = None
    ) -> None:
        self.defaults = defaults or {}
        self.specified_apps = set(specified_apps or ())
        self.dialect = dialect

    def ask_initial(self, app_label: str) -> bool:
        """Should an initial migration be made for this app?"""
        if app_label in self.specified_apps:
            return True
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:
            return self.defaults.get("ask_initial", False)
        module_name, _ = MigrationLoader.migrations_module(app_config.label)
        if module_name is None:
            return False
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            return self.defaults.get("ask_initial", False)
        if getattr(module, "__file__", None):
            filenames = os.listdir(os.path.dirname(module.__file__))
        elif hasattr(module, "__path__"):
            if len(module.__path__) > 1:
                return False
            filenames = os.listdir(next(iter(module.__path__)))
        else:
            return False
        return not any(x.endswith(".py") for x in filenames if x != "__init__.py")

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Any:
        return None

    def ask_not_null_alteration(self, field_name: str, model_name: str) -> Any:
        return None

    def ask_rename(
        self, model_name: str, old_name: str, new_name: str, field_instance: Any
    ) -> bool:
        return self.defaults.get("ask_rename", False)

    def ask_rename_model(self, old_model_state: Any, new_model_state: Any) -> bool:
        return self.defaults.get("ask_rename_model", False)

    def ask_merge(self, app_label: str) -> bool:
        return self.defaults.get("ask_merge", False)

    def ask_auto_now_add_addition(self, field_name: str, model_name: str) -> Any:
        return None

    def ask_unique_callable_default_addition(self, field_name: str, model_name: str) -> Any:
        return None


class InteractiveMigrationQuestioner(MigrationQuestioner):
    """Asks on the terminal (``makemigrations`` without --noinput)."""

    def __init__(
        self,
        defaults: dict | None = None,
        specified_apps: Any = None,
        dialect: Any = None,
        prompt_output: Any = None,
    ) -> None:
        super().__init__(defaults, specified_apps, dialect)
        self.prompt_output = prompt_output or OutputWrapper(sys.stdout)

    def _boolean_input(self, question: str, default: bool | None = None) -> bool:
        self.prompt_output.write(f"{question} ", ending="")
        result = input()
        if not result and default is not None:
            return default
        while not result or result[0].lower() not in "yn":
            self.prompt_output.write("Please answer yes or no: ", ending="")
            result = input()
        return result[0].lower() == "y"

    def _choice_input(self, question: str, choices: list[str]) -> int:
        self.prompt_output.write(question)
        for i, choice in enumerate(choices):
            self.prompt_output.write(f" {i + 1}) {choice}")
        self.prompt_output.write("Select an option: ", ending="")
        while True:
            try:
                value = int(input())
            except ValueError:
                pass
            else:
                if 0 < value <= len(choices):
                    return value
            self.prompt_output.write("Please select a valid option: ", ending="")

    def _ask_default(self, default: str = "") -> Any:
        self.prompt_output.write("Please enter the default value as valid Python.")
        if default:
            self.prompt_output.write(
                f"Accept the default '{default}' by pressing 'Enter' or provide another value."
            )
        self.prompt_output.write(
            "The datetime and nuages.utils.timezone modules are available, so it is possible "
            "to provide e.g. timezone.now as a value."
        )
        self.prompt_output.write("Type 'exit' to exit this prompt")
        while True:
            prompt = f"[default: {default}] >>> " if default else ">>> "
            self.prompt_output.write(prompt, ending="")
            code = input()
            if not code and default:
                code = default
            if not code:
                self.prompt_output.write(
                    "Please enter some code, or 'exit' (without quotes) to exit."
                )
            elif code == "exit":
                sys.exit(1)
            else:
                try:
                    return eval(code, {}, {"datetime": datetime, "timezone": timezone})
                except Exception as e:
                    self.prompt_output.write(f"{e.__class__.__name__}: {e}")

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Any:
        choice = self._choice_input(
            f"It is impossible to add a non-nullable field '{field_name}' to {model_name} without "
            "specifying a default. This is because the database needs something to populate "
            "existing rows.\nPlease select a fix:",
            [
                "Provide a one-off default now (will be set on all existing rows with a null value "
                "for this column)",
                "Quit and manually define a default value in models.py.",
            ],
        )
        if choice == 2:
            sys.exit(3)
        return self._ask_default()

    def ask_not_null_alteration(self, field_name: str, model_name: str) -> Any:
        choice = self._choice_input(
            f"It is impossible to change a nullable field '{field_name}' on {model_name} to "
            "non-nullable without providing a default. This is because the database needs "
            "something to populate existing rows.\nPlease select a fix:",
            [
                "Provide a one-off default now (will be set on all existing rows with a null value "
                "for this column)",
                "Ignore for now. Existing rows that contain NULL values will have to be handled "
                "manually, for example with a RunPython or RunSQL operation.",
                "Quit and manually define a default value in models.py.",
            ],
        )
        if choice == 2:
            return NOT_PROVIDED
        if choice == 3:
            sys.exit(3)
        return self._ask_default()

    def ask_rename(
        self, model_name: str, old_name: str, new_name: str, field_instance: Any
    ) -> bool:
        return self._boolean_input(
            f"Was {model_name}.{old_name} renamed to {model_name}.{new_name} "
            f"(a {field_instance.__class__.__name__})? [y/N]",
            False,
        )

    def ask_rename_model(self, old_model_state: Any, new_model_state: Any) -> bool:
        return self._boolean_input(
            f"Was the model {old_model_state.app_label}.{old_model_state.name} renamed to "
            f"{new_model_state.name}? [y/N]",
            False,
        )

    def ask_merge(self, app_label: str) -> bool:
        return self._boolean_input(
            "\nMerging will only work if the operations printed above do not conflict\n"
            "with each other (working on different fields or models)\n"
            "Should these migration branches be merged? [y/N]",
            False,
        )


class NonInteractiveMigrationQuestioner(MigrationQuestioner):
    """--noinput: safe choices; a non-null field without default is an error (exit 3)."""

    def __init__(
        self,
        defaults: dict | None = None,
        specified_apps: Any = None,
        dialect: Any = None,
        verbosity: int = 1,
        log: Any = None,
    ) -> None:
        self.verbosity = verbosity
        self.log = log
        super().__init__(defaults, specified_apps, dialect)

    def log_lack_of_migration(self, field_name: str, model_name: str, reason: str) -> None:
        if self.verbosity > 0 and self.log is not None:
            self.log(f"Field '{field_name}' on model '{model_name}' not migrated: {reason}.")

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Any:
        self.log_lack_of_migration(
            field_name,
            model_name,
            "it is impossible to add a non-nullable field without specifying a default",
        )
        sys.exit(3)

    def ask_not_null_alteration(self, field_name: str, model_name: str) -> Any:
        if self.verbosity > 0 and self.log is not None:
            self.log(
                f"Field '{field_name}' on model '{model_name}' given a default of NOT PROVIDED "
                "and must be corrected."
            )
        return NOT_PROVIDED
