"""Locale-aware formats: which date/number format applies, and localizing values with it.

A format is looked up in the active language's format modules (FORMAT_MODULE_PATH first, then
``nuages.conf.locale.<locale>.formats``), falling back to the setting of the same name. This
utility reads ``nuages.conf.settings``, as Django's design has it.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import re
import unicodedata
from collections.abc import Iterator
from importlib import import_module
from types import ModuleType
from typing import Any

from nuages.conf import settings
from nuages.core.signals import setting_changed
from nuages.utils import dateformat, numberformat
from nuages.utils.functional import lazy
from nuages.utils.translation import check_for_language, get_language, to_locale

__all__ = [
    "FORMAT_SETTINGS",
    "ISO_INPUT_FORMATS",
    "date_format",
    "get_format",
    "get_format_lazy",
    "get_format_modules",
    "iter_format_modules",
    "localize",
    "localize_input",
    "number_format",
    "reset_format_cache",
    "sanitize_separators",
    "sanitize_strftime_format",
    "time_format",
]

# Format names a locale module may define; anything else passed to get_format() is returned
# as a literal format string.
FORMAT_SETTINGS = frozenset(
    [
        "DECIMAL_SEPARATOR",
        "THOUSAND_SEPARATOR",
        "NUMBER_GROUPING",
        "FIRST_DAY_OF_WEEK",
        "MONTH_DAY_FORMAT",
        "TIME_FORMAT",
        "DATE_FORMAT",
        "DATETIME_FORMAT",
        "SHORT_DATE_FORMAT",
        "SHORT_DATETIME_FORMAT",
        "YEAR_MONTH_FORMAT",
        "DATE_INPUT_FORMATS",
        "TIME_INPUT_FORMATS",
        "DATETIME_INPUT_FORMATS",
    ]
)

# Always accepted as input, whatever the locale says.
ISO_INPUT_FORMATS = {
    "DATE_INPUT_FORMATS": ["%Y-%m-%d"],
    "TIME_INPUT_FORMATS": ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"],
    "DATETIME_INPUT_FORMATS": [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M:%S.%f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d",
    ],
}

_format_cache: dict[tuple[str, str | None], Any] = {}
_format_modules_cache: dict[str, list[ModuleType]] = {}
# (DECIMAL_SEPARATOR, NUMBER_GROUPING, THOUSAND_SEPARATOR) per language (None: unlocalized).
_number_formats_cache: dict[str | None, tuple[Any, Any, Any]] = {}


def reset_format_cache() -> None:
    """Forget cached formats and format modules (after settings or locale files change)."""
    _format_cache.clear()
    _format_modules_cache.clear()
    _number_formats_cache.clear()


def iter_format_modules(
    lang: str, format_module_path: str | list | None = None
) -> Iterator[ModuleType]:
    """The format modules of ``lang``: custom paths first, then nuages' own; regional first."""
    if not check_for_language(lang):
        return
    if format_module_path is None:
        format_module_path = settings.FORMAT_MODULE_PATH
    packages = []
    if format_module_path:
        if isinstance(format_module_path, str):
            format_module_path = [format_module_path]
        packages.extend(format_module_path)
    packages.append("nuages.conf.locale")
    locale = to_locale(lang)
    locales = [locale]
    if "_" in locale:
        locales.append(locale.split("_")[0])
    for package in packages:
        for loc in locales:
            try:
                yield import_module(f"{package}.{loc}.formats")
            except ImportError:
                pass


def get_format_modules(lang: str | None = None) -> list[ModuleType]:
    """The format modules of ``lang`` (default: the active language), cached."""
    if lang is None:
        lang = get_language()
    modules = _format_modules_cache.get(lang)
    if modules is None:
        modules = _format_modules_cache[lang] = list(
            iter_format_modules(lang, settings.FORMAT_MODULE_PATH)
        )
    return modules


def get_format(format_type: Any, lang: str | None = None, use_l10n: bool | None = None) -> Any:
    """The value of format ``format_type`` ('DATE_FORMAT', ...) for ``lang``.

    With ``use_l10n`` false the setting is used directly. A name that is not a format setting
    is returned unchanged, so get_format('Y-m-d') is 'Y-m-d'.
    """
    format_type = str(format_type)  # it may be lazy
    if use_l10n is None:
        use_l10n = True
    if use_l10n and lang is None:
        lang = get_language()
    cache_key = (format_type, lang if use_l10n else None)
    try:
        return _format_cache[cache_key]
    except KeyError:
        pass
    value = None
    if use_l10n:
        for module in get_format_modules(lang):
            value = getattr(module, format_type, None)
            if value is not None:
                break
    if value is None:
        if format_type not in FORMAT_SETTINGS:
            # A format string itself ('Y-m-d'): cached too (bounded), for a one-look-up repeat.
            if len(_format_cache) < 1000:
                _format_cache[cache_key] = format_type
            return format_type
        value = getattr(settings, format_type)
    elif format_type in ISO_INPUT_FORMATS:
        # A locale's input formats always also accept ISO 8601.
        value = list(value)
        value.extend(fmt for fmt in ISO_INPUT_FORMATS[format_type] if fmt not in value)
    _format_cache[cache_key] = value
    return value


get_format_lazy = lazy(get_format, str, list, tuple)


def date_format(value: Any, format: str | None = None, use_l10n: bool | None = None) -> str:
    """Format a date or datetime with a named format (default DATE_FORMAT) or a format string."""
    if not format or type(format) is not str or format.isidentifier():
        # A setting name ('SHORT_DATE_FORMAT'); other strings ('Y-m-d') are formats already.
        format = get_format(format or "DATE_FORMAT", use_l10n=use_l10n)
    return dateformat.format(value, format)


def time_format(value: Any, format: str | None = None, use_l10n: bool | None = None) -> str:
    """Format a time with a named format (default TIME_FORMAT) or a format string."""
    return dateformat.time_format(value, get_format(format or "TIME_FORMAT", use_l10n=use_l10n))


def number_format(
    value: Any,
    decimal_pos: int | None = None,
    use_l10n: bool | None = None,
    force_grouping: bool = False,
) -> str:
    """Format a number with the active locale's separators and grouping."""
    if use_l10n is None:
        use_l10n = True
    lang = get_language() if use_l10n else None
    try:
        decimal_sep, grouping, thousand_sep = _number_formats_cache[lang]
    except KeyError:
        decimal_sep, grouping, thousand_sep = _number_formats_cache[lang] = (
            get_format("DECIMAL_SEPARATOR", lang, use_l10n=use_l10n),
            get_format("NUMBER_GROUPING", lang, use_l10n=use_l10n),
            get_format("THOUSAND_SEPARATOR", lang, use_l10n=use_l10n),
        )
    return numberformat.format(
        value,
        decimal_sep,
        decimal_pos,
        grouping,
        thousand_sep,
        force_grouping=force_grouping,
        use_l10n=use_l10n,
    )


def localize(value: Any, use_l10n: bool | None = None) -> Any:
    """A number, date, time or datetime as locale-formatted text; anything else unchanged."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):  # before int: bool is an int
        return str(value)
    if isinstance(value, decimal.Decimal | float | int):
        if use_l10n is False:
            return str(value)
        return number_format(value, use_l10n=use_l10n)
    if isinstance(value, datetime.datetime):
        return date_format(value, "DATETIME_FORMAT", use_l10n=use_l10n)
    if isinstance(value, datetime.date):
        return date_format(value, use_l10n=use_l10n)
    if isinstance(value, datetime.time):
        return time_format(value, use_l10n=use_l10n)
    return value


def localize_input(value: Any, default: str | None = None) -> Any:
    """A value as form-input text, in the first input format of the locale (or ``default``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, decimal.Decimal | float | int):
        return number_format(value)
    for kind, setting in (
        (datetime.datetime, "DATETIME_INPUT_FORMATS"),
        (datetime.date, "DATE_INPUT_FORMATS"),
        (datetime.time, "TIME_INPUT_FORMATS"),
    ):
        if isinstance(value, kind):
            fmt = default or get_format(setting)[0]
            return value.strftime(sanitize_strftime_format(fmt))
    return value


@functools.cache
def _strftime_pads_years() -> bool:
    return datetime.date(1, 1, 1).strftime("%Y") == "0001"


_YEAR_DIRECTIVE = re.compile(r"((?:^|[^%])(?:%%)*)%([CFGY])")
_YEAR_WIDTH = {"C": 2, "F": 10, "G": 4, "Y": 4}


def sanitize_strftime_format(fmt: str) -> str:
    """Make strftime zero-pad years below 1000 where the C library does not (glibc)."""
    if _strftime_pads_years():
        return fmt
    return _YEAR_DIRECTIVE.sub(lambda m: f"{m[1]}%0{_YEAR_WIDTH[m[2]]}{m[2]}", fmt)


def sanitize_separators(value: Any) -> Any:
    """Turn localized number input ('1.234,5' in German) into Python's form ('1234.5')."""
    if not isinstance(value, str):
        return value
    parts = []
    decimal_separator = get_format("DECIMAL_SEPARATOR")
    if decimal_separator in value:
        value, decimals = value.split(decimal_separator, 1)
        parts.append(decimals)
    if settings.USE_THOUSAND_SEPARATOR:
        thousand_sep = get_format("THOUSAND_SEPARATOR")
        # One '.' not followed by exactly three digits was surely meant as a decimal point.
        if not (thousand_sep == "." and value.count(".") == 1 and len(value.split(".")[-1]) != 3):
            for sep in {thousand_sep, unicodedata.normalize("NFKD", thousand_sep)}:
                value = value.replace(sep, "")
    parts.append(value)
    return ".".join(reversed(parts))


def _reset_on_setting_change(*, setting: str, **kwargs: Any) -> None:
    if setting in FORMAT_SETTINGS or setting in {
        "FORMAT_MODULE_PATH",
        "USE_THOUSAND_SEPARATOR",
        "LANGUAGE_CODE",
        "LANGUAGES",
        "LOCALE_PATHS",
    }:
        reset_format_cache()


setting_changed.connect(_reset_on_setting_change, dispatch_uid="nuages.utils.formats")
