"""Number formatting with locale separators and digit grouping."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from nuages.conf import settings
from nuages.utils.safestring import mark_safe

__all__ = ["format"]

# Beyond this many digits a Decimal is written in scientific notation: '{:f}' of a huge
# exponent would build an enormous string.
_MAX_PLAIN_DIGITS = 200


def _group(int_part: str, grouping: Any, thousand_sep: str) -> str:
    """Insert ``thousand_sep`` into a string of digits, groups counted from the right.

    ``grouping`` is one group size (3: '1,234,567') or a sequence of sizes. A 0 in the sequence,
    or its end, repeats the previous size (India's (3, 2, 0): '12,34,567'); a negative size
    leaves every remaining digit in one group.
    """
    try:
        sizes = list(grouping)
    except TypeError:
        sizes = [grouping]
    size = sizes.pop(0) if sizes else 0
    groups: list[str] = []
    end = len(int_part)
    while size > 0 and end > size:
        groups.append(int_part[end - size : end])
        end -= size
        if sizes:
            size = sizes.pop(0) or size
    groups.append(int_part[:end])
    return thousand_sep.join(reversed(groups))


def format(
    number: Any,
    decimal_sep: str,
    decimal_pos: int | None = None,
    grouping: int | tuple | list = 0,
    thousand_sep: str = "",
    force_grouping: bool = False,
    use_l10n: bool | None = None,
) -> str:
    """Render ``number`` with ``decimal_sep``, ``decimal_pos`` decimals (truncated, not rounded)
    and, when grouping applies, ``thousand_sep`` every ``grouping`` digits.

    Grouping applies when ``force_grouping``, or when localizing (``use_l10n`` true or None)
    with settings.USE_THOUSAND_SEPARATOR; never when ``grouping`` is 0.
    """
    if number is None or number == "":
        return mark_safe(number)
    if use_l10n is None:
        use_l10n = True
    use_grouping = (force_grouping or (use_l10n and settings.USE_THOUSAND_SEPARATOR)) and (
        grouping != 0
    )
    if isinstance(number, int) and not use_grouping and not decimal_pos:
        return mark_safe(number)
    # Floats that repr with an exponent ('1e-10', '1e+16') are spelled out through Decimal.
    if isinstance(number, float) and "e" in str(number).lower():
        number = Decimal(str(number))
    if isinstance(number, Decimal):
        # Too small to reach any shown decimal place: it is zero (and never '-0.00').
        if (
            decimal_pos is not None
            and number.is_finite()
            and abs(number) < Decimal(1).scaleb(-max(decimal_pos, 1))
        ):
            number = Decimal(0)
        _sign, digits, exponent = number.as_tuple()
        if isinstance(exponent, int) and abs(exponent) + len(digits) > _MAX_PLAIN_DIGITS:
            coefficient, _, exp = f"{number:e}".partition("e")
            coefficient = format(
                coefficient,
                decimal_sep,
                decimal_pos,
                grouping,
                thousand_sep,
                force_grouping,
                use_l10n,
            )
            return f"{coefficient}e{exp}"
        text = f"{number:f}"
    else:
        text = str(number)
    sign = ""
    if text[:1] == "-":
        sign, text = "-", text[1:]
    int_part, _, dec_part = text.partition(".")
    if decimal_pos is not None:
        dec_part = dec_part[:decimal_pos].ljust(decimal_pos, "0")
    if dec_part:
        dec_part = decimal_sep + dec_part
    if use_grouping:
        int_part = _group(int_part, grouping, thousand_sep)
    return sign + int_part + dec_part
