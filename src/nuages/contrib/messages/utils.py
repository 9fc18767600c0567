"""The level -> tag mapping: the defaults updated with the MESSAGE_TAGS setting."""

from __future__ import annotations

from nuages.conf import settings
from nuages.contrib.messages import constants

__all__ = ["get_level_tags"]


def get_level_tags() -> dict[int, str]:
    """DEFAULT_TAGS with MESSAGE_TAGS applied (read each time, so override_settings works)."""
    custom = getattr(settings, "MESSAGE_TAGS", None)
    if not custom:
        return constants.DEFAULT_TAGS
    return {**constants.DEFAULT_TAGS, **custom}
