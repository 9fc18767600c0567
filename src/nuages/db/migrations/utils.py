"""Small helpers shared by the migration modules."""

from __future__ import annotations

import datetime
import re
from typing import Any

__all__ = [
    "COMPILED_REGEX_TYPE",
    "RegexObject",
    "get_migration_name_timestamp",
    "resolve_relation",
]

COMPILED_REGEX_TYPE = type(re.compile(""))
RECURSIVE_RELATIONSHIP_CONSTANT = "self"


class RegexObject:
    """A compiled regex comparable by pattern and flags (for the autodetector)."""

    def __init__(self, obj: re.Pattern) -> None:
        self.pattern = obj.pattern
        self.flags = obj.flags

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RegexObject):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags


def get_migration_name_timestamp() -> str:
    return datetime.datetime.now().strftime("%Y%m%d_%H%M")


def resolve_relation(
    model: Any, app_label: str | None = None, model_name: str | None = None
) -> tuple:
    """(app_label, model_name) of a relation target given as "self", "Model", "app.Model" or a class."""
    if isinstance(model, str):
        if model == RECURSIVE_RELATIONSHIP_CONSTANT:
            if app_label is None or model_name is None:
                raise TypeError(
                    "app_label and model_name must be provided to resolve recursive relationships."
                )
            return app_label, model_name
        if "." in model:
            label, name = model.split(".", 1)
            return label, name.lower()
        if app_label is None:
            raise TypeError("app_label must be provided to resolve unscoped model relationships.")
        return app_label, model.lower()
    return model._meta.app_label, model._meta.model_name
