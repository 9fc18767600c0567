"""The password validators and their Django messages."""

from __future__ import annotations

import types

import pytest

from nuages.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
    UserAttributeSimilarityValidator,
    get_password_validators,
    password_validators_help_text_html,
    validate_password,
)
from nuages.core.exceptions import ImproperlyConfigured, ValidationError

CONFIG = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "nuages.contrib.auth.password_validation.NumericPasswordValidator"},
]


def messages(validator, password, user=None):
    with pytest.raises(ValidationError) as info:
        validator.validate(password, user)
    return info.value.messages


def test_minimum_length():
    assert messages(MinimumLengthValidator(), "short") == [
        "This password is too short. It must contain at least 8 characters."
    ]
    MinimumLengthValidator().validate("long enough")
    assert (
        MinimumLengthValidator(1).get_help_text()
        == "Your password must contain at least 1 character."
    )


def test_common_and_numeric():
    assert messages(CommonPasswordValidator(), "Password123 ") == ["This password is too common."]
    assert messages(CommonPasswordValidator(), "qwerty") == ["This password is too common."]
    CommonPasswordValidator().validate("correct-horse-battery-staple")
    assert messages(NumericPasswordValidator(), "20240101") == [
        "This password is entirely numeric."
    ]
    NumericPasswordValidator().validate("2024a")


def test_similarity():
    user = types.SimpleNamespace(
        username="johnsmith", email="john.smith@example.com", first_name=""
    )
    assert messages(UserAttributeSimilarityValidator(), "johnsmith1", user) == [
        "The password is too similar to the username."
    ]
    UserAttributeSimilarityValidator().validate("entirely different", user)
    with pytest.raises(ValueError, match="at least 0.1"):
        UserAttributeSimilarityValidator(max_similarity=0.05)
    # Long passwords do not make the comparison quadratic.
    UserAttributeSimilarityValidator().validate("x" * 1_000_000, user)


def test_validate_password_collects_all_errors():
    validators = get_password_validators(CONFIG)
    with pytest.raises(ValidationError) as info:
        validate_password("1234", password_validators=validators)
    assert info.value.messages == [
        "This password is too short. It must contain at least 12 characters.",
        "This password is entirely numeric.",
    ]
    html = password_validators_help_text_html(validators)
    assert html.startswith("<ul><li>Your password must contain at least 12 characters.</li>")
    assert password_validators_help_text_html([]) == ""
    with pytest.raises(ImproperlyConfigured, match="could not be imported"):
        get_password_validators([{"NAME": "nope.Validator"}])
