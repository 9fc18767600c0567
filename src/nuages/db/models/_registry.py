"""Per-class lookup registries (used by fields and transforms; filled by lookups.py)."""

from __future__ import annotations

from typing import Any

__all__ = [
    "RegisterLookupMixin",
    "class_lookups",
    "register_class_lookup",
    "unregister_class_lookup",
]

_cache: dict[type, dict] = {}


def class_lookups(cls: type) -> dict:
    """All lookups registered on cls and its bases, nearest class winning."""
    found = _cache.get(cls)
    if found is None:
        found = {}
        for klass in reversed(cls.__mro__):
            found.update(klass.__dict__.get("class_lookups", {}))
        _cache[cls] = found
    return found


def register_class_lookup(cls: type, lookup: Any, lookup_name: str | None = None) -> Any:
    name = lookup_name or lookup.lookup_name
    if "class_lookups" not in cls.__dict__:
        cls.class_lookups = {}  # type: ignore[attr-defined]
    cls.__dict__["class_lookups"][name] = lookup
    _cache.clear()
    return lookup


def unregister_class_lookup(cls: type, lookup: Any, lookup_name: str | None = None) -> None:
    name = lookup_name or lookup.lookup_name
    cls.__dict__.get("class_lookups", {}).pop(name, None)
    _cache.clear()


class RegisterLookupMixin:
    """get_lookup/get_transform/register_lookup for fields and transforms."""

    @classmethod
    def get_lookups(cls) -> dict:
        return class_lookups(cls)

    def get_lookup(self, lookup_name: str) -> Any:
        found = class_lookups(type(self)).get(lookup_name)
        if found is not None and not getattr(found, "is_transform", False):
            return found
        output = getattr(self, "output_field", None)
        if output is not None and output is not self:
            return output.get_lookup(lookup_name)
        return None

    def get_transform(self, lookup_name: str) -> Any:
        found = class_lookups(type(self)).get(lookup_name)
        if found is not None and getattr(found, "is_transform", False):
            return found
        output = getattr(self, "output_field", None)
        if output is not None and output is not self:
            return output.get_transform(lookup_name)
        return None

    @classmethod
    def register_lookup(cls, lookup: Any, lookup_name: str | None = None) -> Any:
        return register_class_lookup(cls, lookup, lookup_name)

    @classmethod
    def _unregister_lookup(cls, lookup: Any, lookup_name: str | None = None) -> None:
        unregister_class_lookup(cls, lookup, lookup_name)
