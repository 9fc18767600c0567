"""Translation: gettext and friends, lazy variants, the active language.

Each call goes to ``trans_real`` (gettext catalogs) when settings.USE_I18N is true, else to
``trans_null`` (identity). The choice is read from settings once and again after the
setting_changed signal names USE_I18N (override_settings sends it), as in Django.
"""

from __future__ import annotations

from contextlib import ContextDecorator
from types import ModuleType
from typing import Any

from nuages.conf import settings
from nuages.conf.locale import LANG_INFO
from nuages.core.signals import setting_changed
from nuages.utils.functional import Promise, lazy
from nuages.utils.translation import trans_null, trans_real
from nuages.utils.translation._codes import (
    round_away_from_one,
    to_language,
    to_locale,
    trim_whitespace,
)

__all__ = [
    "LANGUAGE_CODE_MAX_LENGTH",
    "TranslatorCommentWarning",
    "activate",
    "check_for_language",
    "deactivate",
    "deactivate_all",
    "get_language",
    "get_language_bidi",
    "get_language_from_path",
    "get_language_from_request",
    "get_language_info",
    "get_supported_language_variant",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "override",
    "pgettext",
    "pgettext_lazy",
    "round_away_from_one",
    "to_language",
    "to_locale",
    "trim_whitespace",
]

LANGUAGE_CODE_MAX_LENGTH = trans_real.LANGUAGE_CODE_MAX_LENGTH


class TranslatorCommentWarning(SyntaxWarning):
    """A translator comment that cannot be attached to a message (makemessages)."""


_backends: list[ModuleType] = []


def _backend() -> ModuleType:
    try:
        return _backends[0]
    except IndexError:
        pass
    backend = trans_real if settings.USE_I18N else trans_null
    _backends.append(backend)
    return backend


def _reset_backend(*, setting: str, **kwargs: Any) -> None:
    if setting == "USE_I18N":
        _backends.clear()


setting_changed.connect(_reset_backend, dispatch_uid="nuages.utils.translation.backend")


def gettext_noop(message: str) -> str:
    """Mark a string for translation without translating it now."""
    return message


def gettext(message: str) -> str:
    """Translate ``message`` into the active language."""
    return _backend().gettext(message)


def ngettext(singular: str, plural: str, number: Any) -> str:
    """Translate and choose the singular or a plural form for ``number``."""
    return _backend().ngettext(singular, plural, number)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in ``context`` (for words with several meanings)."""
    return _backend().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, number: Any) -> str:
    """ngettext() with a context."""
    return _backend().npgettext(context, singular, plural, number)


gettext_lazy = lazy(gettext, str)
pgettext_lazy = lazy(pgettext, str)


class _LazyPlural(Promise):
    """A lazy plural message whose count comes from the values it is interpolated with.

    ``number`` is a key of the mapping given to ``%`` (or of ``format()``'s keywords), or None
    when the right-hand side itself is the count.
    """

    def __init__(self, func: Any, number: str | None, kwargs: dict[str, str]) -> None:
        self._func = func
        self._number = number
        self._kwargs = kwargs

    def _translate(self, count: Any) -> str:
        return self._func(**self._kwargs, number=count)

    def _count_from(self, values: Any) -> Any:
        if self._number and isinstance(values, dict):
            try:
                return values[self._number]
            except KeyError:
                raise KeyError(
                    f"Your dictionary lacks key '{self._number}'. Please provide it, because it "
                    "is required to determine whether string is singular or plural."
                )
        return values

    def __mod__(self, rhs: Any) -> str:
        translated = self._translate(self._count_from(rhs))
        try:
            return translated % rhs
        except TypeError:
            # The chosen form may have no placeholder ("one apple" vs "%(n)s apples").
            return translated

    def format(self, *args: Any, **kwargs: Any) -> str:
        count = kwargs[self._number] if self._number and kwargs else args[0]
        return self._translate(count).format(*args, **kwargs)

    def __str__(self) -> str:
        # Without a count the singular form is the only meaningful text.
        return self._translate(1)

    def __repr__(self) -> str:
        return repr(str(self))

    def __bool__(self) -> bool:
        return bool(self._kwargs["singular"])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _LazyPlural):
            return (self._func, self._number, self._kwargs) == (
                other._func,
                other._number,
                other._kwargs,
            )
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._func, self._number, tuple(sorted(self._kwargs.items()))))

    def __deepcopy__(self, memo: dict) -> _LazyPlural:
        memo[id(self)] = self
        return self

    def __reduce__(self) -> tuple:
        return (_LazyPlural, (self._func, self._number, self._kwargs))


def _lazy_number(func: Any, number: Any, **kwargs: str) -> Any:
    if isinstance(number, int):
        return lazy(func, str)(**kwargs, number=number)
    return _LazyPlural(func, number, kwargs)


def ngettext_lazy(singular: str, plural: str, number: int | str | None = None) -> Any:
    """Lazy ngettext; ``number`` may be a count, or the key holding it in later ``%`` values."""
    return _lazy_number(ngettext, number, singular=singular, plural=plural)


def npgettext_lazy(
    context: str, singular: str, plural: str, number: int | str | None = None
) -> Any:
    """Lazy npgettext, with ``number`` as in ngettext_lazy()."""
    return _lazy_number(npgettext, number, context=context, singular=singular, plural=plural)


def activate(language: str) -> None:
    """Make ``language`` the active language of this thread or task."""
    return _backend().activate(language)


def deactivate() -> None:
    """Go back to settings.LANGUAGE_CODE in this thread or task."""
    return _backend().deactivate()


def deactivate_all() -> None:
    """Turn translation off in this thread or task (get_language() is then None)."""
    return _backend().deactivate_all()


def get_language() -> str | None:
    """The active language code."""
    return _backend().get_language()


def get_language_bidi() -> bool:
    """True if the active language is written right to left."""
    return _backend().get_language_bidi()


def check_for_language(lang_code: str | None) -> bool:
    """True if translations for ``lang_code`` can be provided."""
    return _backend().check_for_language(lang_code)


def get_supported_language_variant(lang_code: str | None, strict: bool = False) -> str:
    """The code of settings.LANGUAGES that best serves ``lang_code``; LookupError if none."""
    return _backend().get_supported_language_variant(lang_code, strict)


def get_language_from_request(request: Any, check_path: bool = False) -> str:
    """The language the request prefers among settings.LANGUAGES."""
    return _backend().get_language_from_request(request, check_path)


def get_language_from_path(path: str, strict: bool = False) -> str | None:
    """The supported language prefixing ``path`` ('/de/news/' -> 'de'), else None."""
    return _backend().get_language_from_path(path, strict=strict)


class override(ContextDecorator):
    """Activate a language for a block or function; None deactivates translation within it."""

    def __init__(self, language: str | None, deactivate: bool = False) -> None:
        self.language = language
        self.deactivate = deactivate

    def __enter__(self) -> None:
        self.old_language = get_language()
        if self.language is None:
            deactivate_all()
        else:
            activate(self.language)

    def __exit__(self, *exc_info: Any) -> None:
        if self.old_language is None:
            deactivate_all()
        elif self.deactivate:
            deactivate()
        else:
            activate(self.old_language)


def get_language_info(lang_code: str) -> dict[str, Any]:
    """bidi, code, name, name_local and name_translated of a language; KeyError if unknown."""
    try:
        info = LANG_INFO[lang_code]
        if "fallback" in info and "name" not in info:
            return get_language_info(info["fallback"][0])
    except KeyError:
        if "-" not in lang_code:
            raise KeyError(f"Unknown language code {lang_code}.")
        generic = lang_code.split("-")[0]
        try:
            info = LANG_INFO[generic]
        except KeyError:
            raise KeyError(f"Unknown language code {lang_code} and {generic}.")
    return {**info, "name_translated": gettext_lazy(info["name"])}
