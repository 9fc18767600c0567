"""The `messages` context processor: `messages` and `DEFAULT_MESSAGE_LEVELS` in templates."""

from __future__ import annotations

from typing import Any

from nuages.contrib.messages.api import get_messages
from nuages.contrib.messages.constants import DEFAULT_LEVELS

__all__ = ["messages"]


def messages(request: Any) -> dict[str, Any]:
    """The request's messages and the level names, for {% for message in messages %}."""
    return {"messages": get_messages(request), "DEFAULT_MESSAGE_LEVELS": DEFAULT_LEVELS}
