"""The identity backend used when USE_I18N is False: nothing is translated."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.utils.translation._codes import round_away_from_one

__all__ = [
    "activate",
    "check_for_language",
    "deactivate",
    "deactivate_all",
    "get_language",
    "get_language_bidi",
    "get_language_from_path",
    "get_language_from_request",
    "get_supported_language_variant",
    "gettext",
    "gettext_noop",
    "ngettext",
    "npgettext",
    "pgettext",
]


def gettext(message: str) -> str:
    return message


gettext_noop = gettext


def ngettext(singular: str, plural: str, number: Any) -> str:
    count = number if isinstance(number, int) else round_away_from_one(number)
    return singular if count == 1 else plural


def pgettext(context: str, message: str) -> str:
    return gettext(message)


def npgettext(context: str, singular: str, plural: str, number: Any) -> str:
    return ngettext(singular, plural, number)


def activate(language: str) -> None:
    return None


def deactivate() -> None:
    return None


deactivate_all = deactivate


def get_language() -> str:
    return settings.LANGUAGE_CODE


def get_language_bidi() -> bool:
    return settings.LANGUAGE_CODE in settings.LANGUAGES_BIDI


def check_for_language(lang_code: str | None) -> bool:
    return True


def get_language_from_request(request: Any, check_path: bool = False) -> str:
    return settings.LANGUAGE_CODE


def get_language_from_path(path: str, strict: bool = False) -> None:
    return None


def get_supported_language_variant(lang_code: str | None, strict: bool = False) -> str:
    # Only the one configured language exists when translation is off.
    if lang_code and lang_code.lower() == settings.LANGUAGE_CODE.lower():
        return lang_code
    raise LookupError(lang_code)
