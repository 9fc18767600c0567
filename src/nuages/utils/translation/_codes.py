"""Pure helpers on language codes and plural numbers, shared by both translation backends."""

from __future__ import annotations

import re
from decimal import ROUND_UP, Decimal

__all__ = ["round_away_from_one", "to_language", "to_locale", "trim_whitespace"]

_LINE_BREAK_RUNS = re.compile(r"\s*\n\s*")


def to_language(locale: str) -> str:
    """A locale name ('pt_BR') as a language code ('pt-br')."""
    lang, sep, country = locale.partition("_")
    if not sep:
        return locale.lower()
    return f"{lang.lower()}-{country.lower()}"


def to_locale(language: str) -> str:
    """A language code ('pt-br', 'sr-latn') as a locale name ('pt_BR', 'sr_Latn')."""
    lang, sep, rest = language.lower().partition("-")
    if not sep:
        # Already a locale name, or a bare language: only the language part is lower-cased.
        return language[:3].lower() + language[3:]
    region, sep, tail = rest.partition("-")
    # Two letters are a country (upper case); longer subtags are scripts (title case).
    region = region.upper() if len(region) <= 2 else region.title()
    return f"{lang}_{region}{sep}{tail}"


def trim_whitespace(s: str) -> str:
    """Collapse each line break and the indentation around it to one space (blocktranslate)."""
    return _LINE_BREAK_RUNS.sub(" ", s.strip())


def round_away_from_one(value: float | Decimal | int) -> int:
    """Round a count away from 1, so only exactly one picks a singular form (1.5 -> 2, 0.5 -> 0)."""
    return int(Decimal(value - 1).quantize(Decimal("0"), rounding=ROUND_UP)) + 1
