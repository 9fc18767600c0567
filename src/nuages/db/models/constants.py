"""Constants shared by the model layer."""

__all__ = ["LOOKUP_SEP", "OnConflict"]

import enum

LOOKUP_SEP = "__"


class OnConflict(enum.Enum):
    IGNORE = "ignore"
    UPDATE = "update"
