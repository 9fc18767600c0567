"""Text fields with a shape: e-mail, URL, slug, regex, UUID, IP address, JSON."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from nuages.core import validators
from nuages.core.exceptions import ValidationError
from nuages.forms._fields_base import CharField
from nuages.forms.widgets import EmailInput, Textarea, URLInput
from nuages.utils.ipv6 import MAX_IPV6_ADDRESS_LENGTH, clean_ipv6_address
from nuages.utils.translation import gettext_lazy as _

__all__ = [
    "EmailField",
    "GenericIPAddressField",
    "InvalidJSONInput",
    "JSONField",
    "JSONString",
    "RegexField",
    "SlugField",
    "URLField",
    "UUIDField",
]


class RegexField(CharField):
    def __init__(self, regex: Any, **kwargs: Any) -> None:
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)
        self._regex_validator: Any = None
        self._set_regex(regex)

    def _get_regex(self) -> Any:
        return self._regex

    def _set_regex(self, regex: Any) -> None:
        if isinstance(regex, str):
            regex = re.compile(regex)
        self._regex = regex
        if self._regex_validator is not None and self._regex_validator in self.validators:
            self.validators.remove(self._regex_validator)
        self._regex_validator = validators.RegexValidator(regex=regex)
        self.validators.append(self._regex_validator)

    regex = property(_get_regex, _set_regex)


class EmailField(CharField):
    widget = EmailInput
    default_validators = [validators.validate_email]

    def __init__(self, **kwargs: Any) -> None:
        # RFC 3696 errata: an address is at most 320 characters.
        kwargs.setdefault("max_length", 320)
        super().__init__(strip=True, **kwargs)


class URLField(CharField):
    widget = URLInput
    default_error_messages = {"invalid": _("Enter a valid URL.")}
    default_validators = [validators.URLValidator()]

    def __init__(self, *, assume_scheme: str | None = None, **kwargs: Any) -> None:
        self.assume_scheme = assume_scheme or "https"
        super().__init__(strip=True, **kwargs)

    def to_python(self, value: Any) -> Any:
        def split_url(url: str) -> list:
            try:
                return list(urlsplit(url))
            except ValueError:
                # e.g. an unbalanced IPv6 bracket
                raise ValidationError(self.error_messages["invalid"], code="invalid")

        value = super().to_python(value)
        if value:
            url_fields = split_url(value)
            if not url_fields[0]:
                url_fields[0] = self.assume_scheme
            if not url_fields[1]:
                # "example.com/path" parses as a path; move the host to the netloc.
                url_fields[1] = url_fields[2]
                url_fields[2] = ""
                url_fields = split_url(urlunsplit(url_fields))
            value = urlunsplit(url_fields)
        return value


class SlugField(CharField):
    default_validators = [validators.validate_slug]

    def __init__(self, *, allow_unicode: bool = False, **kwargs: Any) -> None:
        self.allow_unicode = allow_unicode
        if self.allow_unicode:
            self.default_validators = [validators.validate_unicode_slug]
        super().__init__(**kwargs)


class UUIDField(CharField):
    default_error_messages = {"invalid": _("Enter a valid UUID.")}

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, uuid.UUID):
            return str(value)
        return value

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if not isinstance(value, uuid.UUID):
            try:
                value = uuid.UUID(hex=value)
            except (ValueError, TypeError):
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class GenericIPAddressField(CharField):
    def __init__(self, *, protocol: str = "both", unpack_ipv4: bool = False, **kwargs: Any) -> None:
        self.unpack_ipv4 = unpack_ipv4
        self.default_validators = validators.ip_address_validators(protocol, unpack_ipv4)
        kwargs.setdefault("max_length", MAX_IPV6_ADDRESS_LENGTH)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        if value in self.empty_values:
            return ""
        value = str(value).strip()
        if value and ":" in value:
            return clean_ipv6_address(value, self.unpack_ipv4, max_length=self.max_length or 39)
        return value


class InvalidJSONInput(str):
    """Submitted text that is not JSON: shown back to the user as typed."""


class JSONString(str):
    """A JSON document that decoded to a string (kept apart from raw input)."""


class JSONField(CharField):
    default_error_messages = {"invalid": _("Enter a valid JSON.")}
    widget = Textarea

    def __init__(self, encoder: Any = None, decoder: Any = None, **kwargs: Any) -> None:
        self.encoder = encoder
        self.decoder = decoder
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if self.disabled:
            return value
        if value in self.empty_values:
            return None
        if isinstance(value, (list, dict, int, float, JSONString)):
            return value
        try:
            converted = json.loads(value, cls=self.decoder)
        except (json.JSONDecodeError, TypeError, ValueError, RecursionError):
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )
        if isinstance(converted, str):
            return JSONString(converted)
        return converted

    def bound_data(self, data: Any, initial: Any) -> Any:
        if self.disabled:
            return initial
        if data is None:
            return None
        try:
            return json.loads(data, cls=self.decoder)
        except (json.JSONDecodeError, TypeError, ValueError, RecursionError):
            return InvalidJSONInput(data)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, cls=self.encoder)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if super().has_changed(initial, data):
            return True
        # Key order and whitespace don't count as a change.
        return json.dumps(initial, sort_keys=True, cls=self.encoder) != json.dumps(
            self.to_python(data), sort_keys=True, cls=self.encoder
        )
