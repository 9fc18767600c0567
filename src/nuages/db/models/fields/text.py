"""Character, text, slug, e-mail, URL, IP address, UUID and binary fields."""

from __future__ import annotations

import ipaddress
import re
import uuid
from typing import Any

from nuages import forms
from nuages.core import exceptions
from nuages.db.models.fields._base import Field

__all__ = [
    "BinaryField",
    "CharField",
    "EmailField",
    "GenericIPAddressField",
    "SlugField",
    "TextField",
    "URLField",
    "UUIDField",
]


class CharField(Field):
    description = "String (up to %(max_length)s)"

    def formfield(self, **kwargs: Any) -> Any:
        defaults: dict[str, Any] = {"max_length": self.max_length}
        if self.null:
            defaults["empty_value"] = None
        return super().formfield(**{**defaults, **kwargs})

    def __init__(self, *args: Any, db_collation: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.db_collation = db_collation

    def check(self, **kwargs: Any) -> list:
        if self.max_length is None:
            return []  # Django allows an unbounded CharField on backends that support it.
        if (
            not isinstance(self.max_length, int)
            or isinstance(self.max_length, bool)
            or self.max_length <= 0
        ):
            return ["'max_length' must be a positive integer."]
        return []

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) or value is None:
            return value
        return str(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or isinstance(value, str) or hasattr(value, "resolve_expression"):
            return value
        return str(value)

    def validate(self, value: Any, model_instance: Any) -> None:
        super().validate(value, model_instance)
        if self.max_length is not None and value is not None and len(value) > self.max_length:
            raise exceptions.ValidationError(
                "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
                code="max_length",
                params={"limit_value": self.max_length, "show_value": len(value), "value": value},
            )

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.db_collation:
            kwargs["db_collation"] = self.db_collation
        return name, path, args, kwargs


class TextField(CharField):
    description = "Text"

    def formfield(self, **kwargs: Any) -> Any:
        # A choices field keeps its Select; otherwise a Textarea (no max_length on the input).
        defaults: dict[str, Any] = {"max_length": self.max_length}
        if not self.choices:
            defaults["widget"] = forms.Textarea
        return Field.formfield(self, **{**defaults, **kwargs})


class _PatternField(CharField):
    pattern: re.Pattern = re.compile(".*")
    default_max_length = 50
    invalid_message = "Enter a valid value."

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", self.default_max_length)
        super().__init__(*args, **kwargs)

    def validate(self, value: Any, model_instance: Any) -> None:
        super().validate(value, model_instance)
        if value not in self.empty_values and not self.pattern.fullmatch(value):
            raise exceptions.ValidationError(
                self.invalid_message, code="invalid", params={"value": value}
            )


class SlugField(_PatternField):
    description = "Slug (up to %(max_length)s)"
    pattern = re.compile(r"[-a-zA-Z0-9_]+")
    invalid_message = "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(
            **{"form_class": forms.SlugField, "allow_unicode": self.allow_unicode, **kwargs}
        )

    def __init__(
        self, *args: Any, db_index: bool = True, allow_unicode: bool = False, **kwargs: Any
    ) -> None:
        self.allow_unicode = allow_unicode
        if allow_unicode:
            self.pattern = re.compile(r"[-\w]+")
        super().__init__(*args, db_index=db_index, **kwargs)


class EmailField(_PatternField):
    description = "Email address"
    default_max_length = 254
    pattern = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
    invalid_message = "Enter a valid email address."

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": forms.EmailField, **kwargs})


class URLField(_PatternField):
    description = "URL"
    default_max_length = 200
    pattern = re.compile(r"(?i)(https?|ftps?)://[^\s/?#]+[^\s]*")
    invalid_message = "Enter a valid URL."

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": forms.URLField, **kwargs})


class GenericIPAddressField(Field):
    empty_strings_allowed = False
    description = "IP address"

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(
            **{"protocol": self.protocol, "form_class": forms.GenericIPAddressField, **kwargs}
        )

    def __init__(
        self,
        verbose_name: str | None = None,
        name: str | None = None,
        protocol: str = "both",
        unpack_ipv4: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        self.protocol, self.unpack_ipv4 = protocol.lower(), unpack_ipv4
        kwargs["max_length"] = 39
        super().__init__(verbose_name, name, *args, **kwargs)

    def to_python(self, value: Any) -> Any:
        if value is None:
            return None
        value = str(value).strip()
        if not value:
            return "" if self.blank and not self.null else None
        try:
            address = ipaddress.ip_address(value)
        except ValueError as e:
            raise exceptions.ValidationError(
                "Enter a valid IPv4 or IPv6 address.", code="invalid", params={"value": value}
            ) from e
        if self.protocol == "ipv4" and address.version != 4:
            raise exceptions.ValidationError(
                "Enter a valid IPv4 address.", code="invalid", params={"value": value}
            )
        if self.protocol == "ipv6" and address.version != 6:
            raise exceptions.ValidationError(
                "Enter a valid IPv6 address.", code="invalid", params={"value": value}
            )
        if address.version == 6 and self.unpack_ipv4 and address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(address)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or hasattr(value, "resolve_expression"):
            return value
        if value == "":
            return None
        return str(value)

    def get_db_converters(self, connection: Any) -> list:
        chain = super().get_db_converters(connection)
        if connection.vendor == "postgresql":  # psycopg loads inet as ipaddress objects
            return [_inet_text, *chain]
        return chain


def _inet_text(value: Any, expression: Any, connection: Any) -> Any:
    """PostgreSQL's text form of an inet value (IPv4-mapped IPv6 as ``::ffff:1.2.3.4``)."""
    if value is None or isinstance(value, str):
        return value
    mapped = getattr(value, "ipv4_mapped", None)
    return f"::ffff:{mapped}" if mapped is not None else str(value)


class UUIDField(Field):
    empty_strings_allowed = False
    default_error_messages = {"invalid": "“%(value)s” is not a valid UUID."}
    description = "Universally unique identifier"

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": forms.UUIDField, **kwargs})

    def __init__(self, verbose_name: str | None = None, **kwargs: Any) -> None:
        kwargs["max_length"] = 32
        super().__init__(verbose_name, **kwargs)

    def to_python(self, value: Any) -> Any:
        if value is not None and not isinstance(value, uuid.UUID):
            try:
                return uuid.UUID(int=value) if isinstance(value, int) else uuid.UUID(value)
            except (AttributeError, ValueError, TypeError) as e:
                raise exceptions.ValidationError(
                    self.error_messages["invalid"], code="invalid", params={"value": value}
                ) from e
        return value

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if isinstance(value, uuid.UUID):
            return value
        return self._prep_via_to_python(value, "a UUID")

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or connection.vendor == "postgresql":
            return value
        return value.hex

    def get_db_converters(self, connection: Any) -> list:
        converters = super().get_db_converters(connection)
        if connection.vendor != "postgresql":
            converters.insert(0, _hex_to_uuid)
        return converters


def _hex_to_uuid(value: Any, expression: Any, connection: Any) -> Any:
    return value if value is None else uuid.UUID(value)


class BinaryField(Field):
    description = "Raw binary data"
    empty_values = [None, b""]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def get_default(self) -> Any:
        if self.has_default() and not callable(self.default):
            return self.default
        default = super().get_default()
        return b"" if default == "" else default

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            return memoryview(value.encode("latin-1"))
        return value

    def get_db_converters(self, connection: Any) -> list:
        return [_to_bytes, *super().get_db_converters(connection)]


def _to_bytes(value: Any, expression: Any, connection: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview | bytearray) else value
