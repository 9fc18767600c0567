"""Number filters: add, divisibleby, get_digit, floatformat, filesizeformat, pluralize."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, getcontext
from typing import Any

from nuages.utils import formats
from nuages.utils.html import avoid_wrapping
from nuages.utils.safestring import mark_safe
from nuages.utils.translation import gettext, ngettext

__all__ = ["add", "divisibleby", "filesizeformat", "floatformat", "get_digit", "pluralize"]


def add(value: Any, arg: Any) -> Any:
    """Integer addition if both look like integers, else value + arg, else ''."""
    try:
        return int(value) + int(arg)
    except (ValueError, TypeError):
        try:
            return value + arg
        except Exception:
            return ""


def divisibleby(value: Any, arg: Any) -> bool:
    return int(value) % int(arg) == 0


def get_digit(value: Any, arg: Any) -> Any:
    """The arg-th digit from the right (1 is the last); 0 past the start; value if invalid."""
    try:
        position = int(arg)
        number = int(value)
    except ValueError:
        return value
    if position < 1:
        return value
    try:
        return int(str(number)[-position])
    except IndexError:
        return 0


def _parse_floatformat_arg(arg: Any) -> tuple[Any, bool, bool]:
    """Split the 'g' (grouping) and 'u' (unlocalized) suffixes off arg."""
    grouping = False
    use_l10n = True
    if isinstance(arg, str) and arg:
        suffix = ""
        while arg and arg[-1] in "gu" and arg[-1] not in suffix and len(suffix) < 2:
            suffix += arg[-1]
            arg = arg[:-1]
        grouping = "g" in suffix
        use_l10n = "u" not in suffix
        if not arg:
            arg = -1
    return arg, grouping, use_l10n


# Decimal contexts by precision and quantize exponents by places, built once (read-only use:
# only their flags change, which nothing reads).
_contexts: dict[int, Context] = {}
_exponents: dict[int, Decimal] = {}


def floatformat(text: Any, arg: Any = -1) -> str:
    """Round to abs(arg) decimals; a negative arg drops them when the number is whole.

    'g' adds thousand separators, 'u' disables localization. Rounding is half-up.
    """
    if type(arg) is int:
        grouping, use_l10n = False, True
    else:
        arg, grouping, use_l10n = _parse_floatformat_arg(arg)
    input_val = source = str(text)
    try:
        d = Decimal(input_val)
    except InvalidOperation:
        try:
            source = str(float(text))
            d = Decimal(source)
        except (ValueError, InvalidOperation, TypeError):
            return ""
    try:
        places = int(arg)
    except ValueError:
        return input_val
    if not d.is_finite():
        return input_val
    if places <= 0 and d == d.to_integral_value():
        number = formats.number_format(str(int(d)), 0, use_l10n=use_l10n, force_grouping=grouping)
        return mark_safe(number)
    places = abs(places)
    # Enough precision for every integer digit plus the decimals (no rounding surprises).
    # Any precision that is enough gives the same result: in plain notation the digits and
    # the decimals are each at most the text's length, which spares splitting d into digits.
    if len(source) < 40 and "e" not in source and "E" not in source:
        needed = 2 * len(source)
    else:
        _sign, digit_tuple, exponent = d.as_tuple()
        needed = len(digit_tuple) + abs(exponent)
    prec = max(getcontext().prec, places + needed + 1)
    context = _contexts.get(prec)
    if context is None:
        context = Context(prec=prec)
        if len(_contexts) < 100:
            _contexts[prec] = context
    exp = _exponents.get(places)
    if exp is None:
        exp = Decimal(1).scaleb(-places)
        if places < 100:
            _exponents[places] = exp
    rounded = d.quantize(exp, ROUND_HALF_UP, context)
    number = format(rounded, "f")
    if not rounded and number.startswith("-"):
        number = number[1:]  # no "-0.0"
    return mark_safe(
        formats.number_format(number, places, use_l10n=use_l10n, force_grouping=grouping)
    )


_UNITS = (
    (1 << 50, "%s PB"),
    (1 << 40, "%s TB"),
    (1 << 30, "%s GB"),
    (1 << 20, "%s MB"),
    (1 << 10, "%s KB"),
)


def filesizeformat(bytes_: Any) -> str:
    """A human-readable size: '13 KB', '4.1 MB', '102 bytes' (1 KB = 1024 bytes)."""
    try:
        size = int(bytes_)
    except (TypeError, ValueError, UnicodeDecodeError):
        return avoid_wrapping(ngettext("%(size)d byte", "%(size)d bytes", 0) % {"size": 0})
    negative = size < 0
    size = abs(size)
    if size < 1 << 10:
        value = ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}
    else:
        # Largest unit first; the loop always stops by KB since size >= 1024 here.
        for unit, label in _UNITS:
            if size >= unit:
                value = gettext(label) % formats.number_format(round(size / unit, 1), 1)
                break
    if negative:
        value = f"-{value}"
    return avoid_wrapping(value)


def pluralize(value: Any, arg: str = "s") -> str:
    """The plural suffix unless value (a number or a sized object) is 1."""
    if "," not in arg:
        arg = "," + arg
    bits = arg.split(",")
    if len(bits) > 2:
        return ""
    singular, plural = bits
    try:
        return singular if float(value) == 1 else plural
    except ValueError:
        # A string that isn't a number.
        return ""
    except TypeError:
        try:
            return singular if len(value) == 1 else plural
        except TypeError:
            return ""
