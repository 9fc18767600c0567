"""Path converters: the typed ``<int:pk>`` parts of path() routes."""

from __future__ import annotations

import functools
import uuid
import warnings
from typing import Any

from nuages.utils.deprecation import RemovedInNextVersionWarning

__all__ = [
    "DEFAULT_CONVERTERS",
    "REGISTERED_CONVERTERS",
    "IntConverter",
    "PathConverter",
    "SlugConverter",
    "StringConverter",
    "UUIDConverter",
    "get_converter",
    "get_converters",
    "register_converter",
]


class IntConverter:
    """Zero or a positive integer."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: Any) -> str:
        return str(value)


class StringConverter:
    """Any non-empty text without a slash."""

    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: Any) -> str:
        return value


class UUIDConverter:
    """A lowercase, dashed UUID, given to the view as a uuid.UUID."""

    regex = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

    def to_python(self, value: str) -> uuid.UUID:
        return uuid.UUID(value)

    def to_url(self, value: Any) -> str:
        return str(value)


class SlugConverter(StringConverter):
    """ASCII letters, digits, hyphens and underscores."""

    regex = "[-a-zA-Z0-9_]+"


class PathConverter(StringConverter):
    """Any non-empty text, slashes included."""

    regex = ".+"


DEFAULT_CONVERTERS: dict[str, Any] = {
    "int": IntConverter(),
    "path": PathConverter(),
    "slug": SlugConverter(),
    "str": StringConverter(),
    "uuid": UUIDConverter(),
}

REGISTERED_CONVERTERS: dict[str, Any] = {}

# Called when the set of converters changes, so route parsing caches can be dropped.
_change_hooks: list = []


def register_converter(converter: type, type_name: str) -> None:
    """Make converter (a class with regex, to_python and to_url) usable as <type_name:...>."""
    if type_name in REGISTERED_CONVERTERS or type_name in DEFAULT_CONVERTERS:
        # As in Django 5.2: overriding still works, with a deprecation warning (Django 6.0
        # makes it a ValueError).
        warnings.warn(
            f"Converter {type_name!r} is already registered. Support for overriding "
            "registered converters is deprecated and will be removed in Django 6.0.",
            RemovedInNextVersionWarning,
            stacklevel=2,
        )
    REGISTERED_CONVERTERS[type_name] = converter()
    get_converters.cache_clear()
    for hook in _change_hooks:
        hook()


@functools.cache
def get_converters() -> dict[str, Any]:
    """Every converter by type name: the built-in ones and the registered ones."""
    return {**DEFAULT_CONVERTERS, **REGISTERED_CONVERTERS}


def get_converter(raw_converter: str) -> Any:
    return get_converters()[raw_converter]
