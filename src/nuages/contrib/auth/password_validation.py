"""Password validators (AUTH_PASSWORD_VALIDATORS) and the helpers that run them."""

from __future__ import annotations

import functools
import gzip
import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from nuages.conf import settings
from nuages.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from nuages.core.signals import setting_changed
from nuages.dispatch import receiver
from nuages.utils.html import format_html, format_html_join
from nuages.utils.module_loading import import_string, nuages_path
from nuages.utils.safestring import mark_safe
from nuages.utils.translation import gettext as _
from nuages.utils.translation import ngettext

__all__ = [
    "CommonPasswordValidator",
    "MinimumLengthValidator",
    "NumericPasswordValidator",
    "UserAttributeSimilarityValidator",
    "exceeds_maximum_length_ratio",
    "get_default_password_validators",
    "get_password_validators",
    "password_changed",
    "password_validators_help_text_html",
    "password_validators_help_texts",
    "validate_password",
]


@functools.cache
def get_default_password_validators() -> list[Any]:
    return get_password_validators(settings.AUTH_PASSWORD_VALIDATORS)


@receiver(setting_changed)
def _reset_validators(*, setting: str, **kwargs: Any) -> None:
    if setting == "AUTH_PASSWORD_VALIDATORS":
        get_default_password_validators.cache_clear()


def get_password_validators(validator_config: list[dict[str, Any]]) -> list[Any]:
    """Instances of the validators configured as ``[{"NAME": path, "OPTIONS": {...}}]``."""
    validators = []
    for validator in validator_config:
        name = nuages_path(validator["NAME"])
        try:
            klass = import_string(name)
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"The module in NAME could not be imported: {validator['NAME']}. "
                "Check your AUTH_PASSWORD_VALIDATORS setting."
            ) from exc
        validators.append(klass(**validator.get("OPTIONS", {})))
    return validators


def validate_password(
    password: str, user: Any = None, password_validators: list | None = None
) -> None:
    """Run every validator; raise one ValidationError with all their messages, if any."""
    errors = []
    if password_validators is None:
        password_validators = get_default_password_validators()
    for validator in password_validators:
        try:
            validator.validate(password, user)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)


def password_changed(
    password: str, user: Any = None, password_validators: list | None = None
) -> None:
    """Tell the validators that have a ``password_changed`` hook that the password changed."""
    if password_validators is None:
        password_validators = get_default_password_validators()
    for validator in password_validators:
        hook = getattr(validator, "password_changed", None)
        if hook is not None:
            hook(password, user)


def password_validators_help_texts(password_validators: list | None = None) -> list[str]:
    if password_validators is None:
        password_validators = get_default_password_validators()
    return [validator.get_help_text() for validator in password_validators]


def password_validators_help_text_html(password_validators: list | None = None) -> str:
    """The help texts as an HTML ``<ul>``, or "" when there are none."""
    texts = password_validators_help_texts(password_validators)
    items = format_html_join("", "<li>{}</li>", ((text,) for text in texts))
    return format_html("<ul>{}</ul>", items) if items else mark_safe("")


class MinimumLengthValidator:
    """At least ``min_length`` characters (8 by default)."""

    def __init__(self, min_length: int = 8) -> None:
        self.min_length = min_length

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                self.get_error_message(),
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


def exceeds_maximum_length_ratio(password: str, max_similarity: float, value: str) -> bool:
    """Whether ``password`` is so much longer than ``value`` that they cannot be similar
    (this bounds the quadratic SequenceMatcher work on long passwords)."""
    pwd_len = len(password)
    length_bound_similarity = max_similarity / 2 * pwd_len
    value_len = len(value)
    return pwd_len >= 10 * value_len and value_len < length_bound_similarity


class UserAttributeSimilarityValidator:
    """Not too similar to the user's username, names or email (ratio ``max_similarity``)."""

    DEFAULT_USER_ATTRIBUTES = ("username", "first_name", "last_name", "email")

    def __init__(
        self, user_attributes: Any = DEFAULT_USER_ATTRIBUTES, max_similarity: float = 0.7
    ) -> None:
        self.user_attributes = user_attributes
        if max_similarity < 0.1:
            raise ValueError("max_similarity must be at least 0.1")
        self.max_similarity = max_similarity

    def get_error_message(self) -> str:
        return _("The password is too similar to the %(verbose_name)s.")

    def validate(self, password: str, user: Any = None) -> None:
        if not user:
            return
        password = password.lower()
        for attribute_name in self.user_attributes:
            value = getattr(user, attribute_name, None)
            if not value or not isinstance(value, str):
                continue
            value_lower = value.lower()
            value_parts = [*re.split(r"\W+", value_lower), value_lower]
            for value_part in value_parts:
                if exceeds_maximum_length_ratio(password, self.max_similarity, value_part):
                    continue
                ratio = SequenceMatcher(a=password, b=value_part).quick_ratio()
                if ratio >= self.max_similarity:
                    try:
                        verbose_name = str(user._meta.get_field(attribute_name).verbose_name)
                    except (AttributeError, FieldDoesNotExist):
                        verbose_name = attribute_name
                    raise ValidationError(
                        self.get_error_message() % {"verbose_name": verbose_name},
                        code="password_too_similar",
                        params={"verbose_name": verbose_name},
                    )

    def get_help_text(self) -> str:
        return _("Your password can’t be too similar to your other personal information.")  # noqa: RUF001


class CommonPasswordValidator:
    """Not in a list of common passwords (nuages' own list by default: see
    ``_common_passwords_source.py`` for what it holds and where it comes from)."""

    DEFAULT_PASSWORD_LIST_PATH = Path(__file__).resolve().parent / "common-passwords.txt.gz"

    def __init__(self, password_list_path: str | Path = DEFAULT_PASSWORD_LIST_PATH) -> None:
        if password_list_path is CommonPasswordValidator.DEFAULT_PASSWORD_LIST_PATH:
            password_list_path = self.DEFAULT_PASSWORD_LIST_PATH
        self.passwords = _load_passwords(str(password_list_path))

    def get_error_message(self) -> str:
        return _("This password is too common.")

    def validate(self, password: str, user: Any = None) -> None:
        if password.lower().strip() in self.passwords:
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_help_text(self) -> str:
        return _("Your password can’t be a commonly used password.")  # noqa: RUF001


@functools.cache
def _load_passwords(path: str) -> frozenset[str]:
    """One password a line, gzip-compressed or plain text."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    return frozenset(line.strip() for line in lines if line.strip())


class NumericPasswordValidator:
    """Not made of digits only."""

    def get_error_message(self) -> str:
        return _("This password is entirely numeric.")

    def validate(self, password: str, user: Any = None) -> None:
        if password.isdigit():
            raise ValidationError(self.get_error_message(), code="password_entirely_numeric")

    def get_help_text(self) -> str:
        return _("Your password can’t be entirely numeric.")  # noqa: RUF001
