"""The validators Django documents: callables that raise ValidationError on a bad value."""

from __future__ import annotations

import ipaddress
import math
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from nuages.core.exceptions import ValidationError
from nuages.utils.encoding import punycode
from nuages.utils.ipv6 import is_valid_ipv6_address
from nuages.utils.translation import gettext_lazy as _
from nuages.utils.translation import ngettext_lazy

__all__ = [
    "BaseValidator",
    "DecimalValidator",
    "DomainNameValidator",
    "EmailValidator",
    "FileExtensionValidator",
    "MaxLengthValidator",
    "MaxValueValidator",
    "MinLengthValidator",
    "MinValueValidator",
    "ProhibitNullCharactersValidator",
    "RegexValidator",
    "StepValueValidator",
    "URLValidator",
    "get_available_image_extensions",
    "int_list_validator",
    "integer_validator",
    "ip_address_validator_map",
    "ip_address_validators",
    "validate_comma_separated_integer_list",
    "validate_domain_name",
    "validate_email",
    "validate_image_file_extension",
    "validate_integer",
    "validate_ipv4_address",
    "validate_ipv6_address",
    "validate_ipv46_address",
    "validate_slug",
    "validate_unicode_slug",
]

EMPTY_VALUES = (None, "", [], (), {})


class _Deconstructible:
    """Remembers constructor arguments so migrations can serialize the validator."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        obj = super().__new__(cls)
        obj._constructor_args = (args, kwargs)
        return obj

    def deconstruct(self) -> tuple[str, tuple, dict]:
        cls = type(self)
        module = cls.__module__
        if module == __name__:
            module = "nuages.core.validators"
        args, kwargs = self._constructor_args
        return f"{module}.{cls.__name__}", args, kwargs


def _compile(regex: Any, flags: int) -> re.Pattern:
    if isinstance(regex, str):
        return re.compile(regex, flags)
    if flags:
        raise TypeError("If the flags are set, regex must be a regular expression string.")
    return regex


class RegexValidator(_Deconstructible):
    regex: Any = ""
    message: Any = _("Enter a valid value.")
    code = "invalid"
    inverse_match = False
    flags = 0

    def __init__(
        self,
        regex: Any = None,
        message: Any = None,
        code: str | None = None,
        inverse_match: bool | None = None,
        flags: int | None = None,
    ) -> None:
        if regex is not None:
            self.regex = regex
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if inverse_match is not None:
            self.inverse_match = inverse_match
        if flags is not None:
            self.flags = flags
        self.regex = _compile(self.regex, self.flags)

    def __call__(self, value: Any) -> None:
        matched = bool(self.regex.search(str(value)))
        if matched == self.inverse_match:
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, RegexValidator)
            and self.regex.pattern == other.regex.pattern
            and self.regex.flags == other.regex.flags
            and self.message == other.message
            and self.code == other.code
            and self.inverse_match == other.inverse_match
        )

    __hash__ = object.__hash__


# Hostname pieces shared by the URL, e-mail and domain validators.
_UL = "\u00a1-\uffff"
_HOSTNAME_RE = r"[a-z" + _UL + r"0-9](?:[a-z" + _UL + r"0-9-]{0,61}[a-z" + _UL + r"0-9])?"
_DOMAIN_RE = r"(?:\.(?!-)[a-z" + _UL + r"0-9-]{1,63}(?<!-))*"
_TLD_RE = r"\.(?!-)(?:[a-z" + _UL + "-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?"
_ASCII_HOSTNAME_RE = r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
_ASCII_DOMAIN_RE = r"(?:\.(?!-)[a-zA-Z0-9-]{1,63}(?<!-))*"
_ASCII_TLD_RE = r"\.(?!-)(?:[a-zA-Z0-9-]{2,63})(?<!-)\.?"
_MAX_DOMAIN_LENGTH = 255


class DomainNameValidator(RegexValidator):
    message = _("Enter a valid domain name.")

    def __init__(self, **kwargs: Any) -> None:
        self.accept_idna = kwargs.pop("accept_idna", True)
        if self.accept_idna:
            self.regex = _HOSTNAME_RE + _DOMAIN_RE + _TLD_RE
        else:
            self.regex = _ASCII_HOSTNAME_RE + _ASCII_DOMAIN_RE + _ASCII_TLD_RE
        self.regex = r"^" + self.regex + r"\Z"
        super().__init__(flags=re.IGNORECASE, **kwargs)

    def __call__(self, value: Any) -> None:
        if not isinstance(value, str) or len(value) > _MAX_DOMAIN_LENGTH:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        if not self.accept_idna and not value.isascii():
            raise ValidationError(self.message, code=self.code, params={"value": value})
        super().__call__(value)


validate_domain_name = DomainNameValidator()


def validate_ipv4_address(value: Any) -> None:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        raise ValidationError(
            _("Enter a valid %(protocol)s address."),
            code="invalid",
            params={"protocol": _("IPv4"), "value": value},
        )


def validate_ipv6_address(value: Any) -> None:
    if not is_valid_ipv6_address(value):
        raise ValidationError(
            _("Enter a valid %(protocol)s address."),
            code="invalid",
            params={"protocol": _("IPv6"), "value": value},
        )


def validate_ipv46_address(value: Any) -> None:
    try:
        validate_ipv4_address(value)
    except ValidationError:
        try:
            validate_ipv6_address(value)
        except ValidationError:
            raise ValidationError(
                _("Enter a valid %(protocol)s address."),
                code="invalid",
                params={"protocol": _("IPv4 or IPv6"), "value": value},
            )


ip_address_validator_map = {
    "both": [validate_ipv46_address],
    "ipv4": [validate_ipv4_address],
    "ipv6": [validate_ipv6_address],
}


def ip_address_validators(protocol: str, unpack_ipv4: bool) -> list:
    """The validators for GenericIPAddressField's protocol."""
    if protocol != "both" and unpack_ipv4:
        raise ValueError("You can only use `unpack_ipv4` if `protocol` is set to 'both'")
    try:
        return ip_address_validator_map[protocol.lower()]
    except KeyError:
        raise ValueError(
            f"The protocol '{protocol}' is unknown. Supported: {list(ip_address_validator_map)}"
        )


class URLValidator(RegexValidator):
    message = _("Enter a valid URL.")
    schemes = ["http", "https", "ftp", "ftps"]
    unsafe_chars = frozenset("\t\r\n")
    max_length = 2048

    _ipv4 = r"(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)(?:\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}"
    _ipv6 = r"\[[0-9a-f:.]+\]"
    _host = "(" + _HOSTNAME_RE + _DOMAIN_RE + _TLD_RE + "|localhost)"
    regex = (
        r"^(?:[a-z0-9.+-]*)://"
        r"(?:[^\s:@/]+(?::[^\s:@/]*)?@)?"
        r"(?:" + _ipv4 + "|" + _ipv6 + "|" + _host + ")"
        r"(?::[0-9]{1,5})?"
        r"(?:[/?#][^\s]*)?"
        r"\Z"
    )
    flags = re.IGNORECASE

    def __init__(self, schemes: list | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if schemes is not None:
            self.schemes = schemes

    def __call__(self, value: Any) -> None:
        if not isinstance(value, str) or len(value) > self.max_length:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        if self.unsafe_chars.intersection(value):
            raise ValidationError(self.message, code=self.code, params={"value": value})
        scheme = value.split("://")[0].lower()
        if scheme not in self.schemes:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        try:
            parts = urlsplit(value)
        except ValueError:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        try:
            super().__call__(value)
        except ValidationError:
            # A non-ASCII domain may still be valid once IDNA-encoded.
            if not parts.netloc:
                raise
            try:
                netloc = punycode(parts.netloc)
            except UnicodeError:
                raise ValidationError(self.message, code=self.code, params={"value": value})
            super().__call__(parts._replace(netloc=netloc).geturl())
        host = parts.hostname or ""
        if parts.netloc and "[" in parts.netloc and not is_valid_ipv6_address(host):
            raise ValidationError(self.message, code=self.code, params={"value": value})
        if len(host) > 253:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        try:
            parts.port  # noqa: B018 - raises on an out-of-range port
        except ValueError:
            raise ValidationError(self.message, code=self.code, params={"value": value})


integer_validator = RegexValidator(r"^-?\d+\Z", message=_("Enter a valid integer."))


def validate_integer(value: Any) -> None:
    integer_validator(value)


class EmailValidator(_Deconstructible):
    message = _("Enter a valid email address.")
    code = "invalid"
    user_regex = re.compile(
        r"(^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*\Z"
        r'|^"([\001-\010\013\014\016-\037!#-\[\]-\177]|\\[\001-\011\013\014\016-\177])*"\Z)',
        re.IGNORECASE,
    )
    domain_regex = re.compile(r"^" + _HOSTNAME_RE + _DOMAIN_RE + _TLD_RE + r"\Z", re.IGNORECASE)
    literal_regex = re.compile(r"\[([A-F0-9:.]+)\]\Z", re.IGNORECASE)
    domain_allowlist = ["localhost"]

    def __init__(self, message: Any = None, code: str | None = None, allowlist: Any = None) -> None:
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if allowlist is not None:
            self.domain_allowlist = allowlist

    def __call__(self, value: Any) -> None:
        if not value or not isinstance(value, str) or "@" not in value or len(value) > 320:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        user_part, domain_part = value.rsplit("@", 1)
        if not self.user_regex.match(user_part):
            raise ValidationError(self.message, code=self.code, params={"value": value})
        if domain_part not in self.domain_allowlist and not self.validate_domain_part(domain_part):
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def validate_domain_part(self, domain_part: str) -> bool:
        if self.domain_regex.match(domain_part):
            return True
        literal = self.literal_regex.match(domain_part)
        if literal:
            try:
                validate_ipv46_address(literal[1])
            except ValidationError:
                return False
            return True
        try:
            return bool(self.domain_regex.match(punycode(domain_part)))
        except UnicodeError:
            return False

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, EmailValidator)
            and set(self.domain_allowlist) == set(other.domain_allowlist)
            and self.message == other.message
            and self.code == other.code
        )

    __hash__ = object.__hash__


validate_email = EmailValidator()

validate_slug = RegexValidator(
    r"^[-a-zA-Z0-9_]+\Z",
    _("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    "invalid",
)
validate_unicode_slug = RegexValidator(
    r"^[-\w]+\Z",
    _("Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."),
    "invalid",
)


def int_list_validator(
    sep: str = ",", message: Any = None, code: str = "invalid", allow_negative: bool = False
) -> RegexValidator:
    sign = "-?" if allow_negative else ""
    regex = re.compile(rf"^{sign}\d+(?:{re.escape(sep)}{sign}\d+)*\Z")
    return RegexValidator(regex, message=message, code=code)


validate_comma_separated_integer_list = int_list_validator(
    message=_("Enter only digits separated by commas.")
)


class BaseValidator(_Deconstructible):
    message: Any = _("Ensure this value is %(limit_value)s (it is %(show_value)s).")
    code = "limit_value"

    def __init__(self, limit_value: Any, message: Any = None) -> None:
        self.limit_value = limit_value
        if message:
            self.message = message

    def __call__(self, value: Any) -> None:
        cleaned = self.clean(value)
        limit_value = self.limit_value() if callable(self.limit_value) else self.limit_value
        params = {"limit_value": limit_value, "show_value": cleaned, "value": value}
        if self.compare(cleaned, limit_value):
            raise ValidationError(self.message, code=self.code, params=params)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, self.__class__):
            return NotImplemented
        return (
            self.limit_value == other.limit_value
            and self.message == other.message
            and self.code == other.code
        )

    __hash__ = object.__hash__

    def compare(self, a: Any, b: Any) -> bool:
        return a is not b

    def clean(self, x: Any) -> Any:
        return x


class MaxValueValidator(BaseValidator):
    message = _("Ensure this value is less than or equal to %(limit_value)s.")
    code = "max_value"

    def compare(self, a: Any, b: Any) -> bool:
        return a > b


class MinValueValidator(BaseValidator):
    message = _("Ensure this value is greater than or equal to %(limit_value)s.")
    code = "min_value"

    def compare(self, a: Any, b: Any) -> bool:
        return a < b


class StepValueValidator(BaseValidator):
    message = _("Ensure this value is a multiple of step size %(limit_value)s.")
    code = "step_size"

    def __init__(self, limit_value: Any, message: Any = None, offset: Any = None) -> None:
        super().__init__(limit_value, message)
        if offset is not None:
            self.message = _(
                "Ensure this value is a multiple of step size %(limit_value)s, "
                "starting from %(offset)s, e.g. %(offset)s, %(valid_value1)s, "
                "%(valid_value2)s, and so on."
            )
        self.offset = offset

    def __call__(self, value: Any) -> None:
        if self.offset is None:
            super().__call__(value)
            return
        cleaned = self.clean(value)
        limit_value = self.limit_value() if callable(self.limit_value) else self.limit_value
        if self.compare(cleaned, limit_value):
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "limit_value": limit_value,
                    "offset": self.offset,
                    "valid_value1": self.offset + limit_value,
                    "valid_value2": self.offset + 2 * limit_value,
                    "value": value,
                },
            )

    def compare(self, a: Any, b: Any) -> bool:
        offset = 0 if self.offset is None else self.offset
        if isinstance(a, float) or isinstance(b, float):
            return not math.isclose(math.remainder(a - offset, b), 0, abs_tol=1e-9)
        return (a - offset) % b != 0


class MinLengthValidator(BaseValidator):
    message = ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    )
    code = "min_length"

    def compare(self, a: Any, b: Any) -> bool:
        return a < b

    def clean(self, x: Any) -> int:
        return len(x)


class MaxLengthValidator(BaseValidator):
    message = ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    )
    code = "max_length"

    def compare(self, a: Any, b: Any) -> bool:
        return a > b

    def clean(self, x: Any) -> int:
        return len(x)


class DecimalValidator(_Deconstructible):
    messages = {
        "invalid": _("Enter a number."),
        "max_digits": ngettext_lazy(
            "Ensure that there are no more than %(max)s digit in total.",
            "Ensure that there are no more than %(max)s digits in total.",
            "max",
        ),
        "max_decimal_places": ngettext_lazy(
            "Ensure that there are no more than %(max)s decimal place.",
            "Ensure that there are no more than %(max)s decimal places.",
            "max",
        ),
        "max_whole_digits": ngettext_lazy(
            "Ensure that there are no more than %(max)s digit before the decimal point.",
            "Ensure that there are no more than %(max)s digits before the decimal point.",
            "max",
        ),
    }

    def __init__(self, max_digits: int | None, decimal_places: int | None) -> None:
        self.max_digits = max_digits
        self.decimal_places = decimal_places

    def __call__(self, value: Decimal) -> None:
        try:
            _sign, digit_tuple, exponent = value.as_tuple()
        except (AttributeError, InvalidOperation):
            raise ValidationError(self.messages["invalid"], code="invalid", params={"value": value})
        if exponent in {"F", "n", "N"}:
            raise ValidationError(self.messages["invalid"], code="invalid", params={"value": value})
        if exponent >= 0:
            digits = len(digit_tuple)
            if digit_tuple != (0,):
                digits += exponent
            decimals = 0
        elif abs(exponent) > len(digit_tuple):
            digits = decimals = abs(exponent)
        else:
            digits = len(digit_tuple)
            decimals = abs(exponent)
        whole_digits = digits - decimals
        if self.max_digits is not None and digits > self.max_digits:
            raise ValidationError(
                self.messages["max_digits"],
                code="max_digits",
                params={"max": self.max_digits, "value": value},
            )
        if self.decimal_places is not None and decimals > self.decimal_places:
            raise ValidationError(
                self.messages["max_decimal_places"],
                code="max_decimal_places",
                params={"max": self.decimal_places, "value": value},
            )
        if (
            self.max_digits is not None
            and self.decimal_places is not None
            and whole_digits > (self.max_digits - self.decimal_places)
        ):
            raise ValidationError(
                self.messages["max_whole_digits"],
                code="max_whole_digits",
                params={"max": (self.max_digits - self.decimal_places), "value": value},
            )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, self.__class__)
            and self.max_digits == other.max_digits
            and self.decimal_places == other.decimal_places
        )

    __hash__ = object.__hash__


class FileExtensionValidator(_Deconstructible):
    message = _(
        "File extension “%(extension)s” is not allowed. "
        "Allowed extensions are: %(allowed_extensions)s."
    )
    code = "invalid_extension"

    def __init__(
        self, allowed_extensions: Any = None, message: Any = None, code: str | None = None
    ) -> None:
        if allowed_extensions is not None:
            allowed_extensions = [ext.lower() for ext in allowed_extensions]
        self.allowed_extensions = allowed_extensions
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code

    def __call__(self, value: Any) -> None:
        extension = Path(value.name).suffix[1:].lower()
        if self.allowed_extensions is not None and extension not in self.allowed_extensions:
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "extension": extension,
                    "allowed_extensions": ", ".join(self.allowed_extensions),
                    "value": value,
                },
            )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, self.__class__)
            and set(self.allowed_extensions or []) == set(other.allowed_extensions or [])
            and self.message == other.message
            and self.code == other.code
        )

    __hash__ = object.__hash__


def get_available_image_extensions() -> list[str]:
    try:
        from PIL import Image  # optional dependency
    except ImportError:
        return []
    Image.init()
    return [ext.lower()[1:] for ext in Image.EXTENSION]


def validate_image_file_extension(value: Any) -> None:
    return FileExtensionValidator(allowed_extensions=get_available_image_extensions())(value)


class ProhibitNullCharactersValidator(_Deconstructible):
    message = _("Null characters are not allowed.")
    code = "null_characters_not_allowed"

    def __init__(self, message: Any = None, code: str | None = None) -> None:
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code

    def __call__(self, value: Any) -> None:
        if "\x00" in str(value):
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, self.__class__)
            and self.message == other.message
            and self.code == other.code
        )

    __hash__ = object.__hash__
