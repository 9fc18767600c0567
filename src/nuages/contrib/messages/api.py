"""Adding and reading messages: add_message(), the level shortcuts, get_messages(), levels."""

from __future__ import annotations

from typing import Any

from nuages.contrib.messages import constants
from nuages.contrib.messages.storage import default_storage

__all__ = [
    "MessageFailure",
    "add_message",
    "debug",
    "error",
    "get_level",
    "get_messages",
    "info",
    "set_level",
    "success",
    "warning",
]


class MessageFailure(Exception):
    """A message was added to a request that has no message storage (no MessageMiddleware)."""


def add_message(
    request: Any, level: int, message: Any, extra_tags: str = "", fail_silently: bool = False
) -> None:
    """Queue a message on the request's storage."""
    try:
        messages = request._messages
    except AttributeError:
        if not hasattr(request, "META"):
            raise TypeError(
                "add_message() argument must be an HttpRequest object, not "
                f"'{request.__class__.__name__}'."
            ) from None
        if not fail_silently:
            raise MessageFailure(
                "You cannot add messages without installing "
                "nuages.contrib.messages.middleware.MessageMiddleware"
            ) from None
        return None
    return messages.add(level, message, extra_tags)


def get_messages(request: Any) -> Any:
    """The request's message storage (iterate it to read and consume), or [] without one."""
    return getattr(request, "_messages", [])


def get_level(request: Any) -> int:
    """The minimum level recorded for this request."""
    storage = getattr(request, "_messages", None)
    if storage is None:
        storage = default_storage(request)
    return storage.level


def set_level(request: Any, level: int | None) -> bool:
    """Set the minimum level for this request (None: back to MESSAGE_LEVEL); False if no storage."""
    if not hasattr(request, "_messages"):
        return False
    request._messages.level = level
    return True


def debug(request: Any, message: Any, extra_tags: str = "", fail_silently: bool = False) -> None:
    """Add a message with the DEBUG level."""
    add_message(request, constants.DEBUG, message, extra_tags, fail_silently)


def info(request: Any, message: Any, extra_tags: str = "", fail_silently: bool = False) -> None:
    """Add a message with the INFO level."""
    add_message(request, constants.INFO, message, extra_tags, fail_silently)


def success(request: Any, message: Any, extra_tags: str = "", fail_silently: bool = False) -> None:
    """Add a message with the SUCCESS level."""
    add_message(request, constants.SUCCESS, message, extra_tags, fail_silently)


def warning(request: Any, message: Any, extra_tags: str = "", fail_silently: bool = False) -> None:
    """Add a message with the WARNING level."""
    add_message(request, constants.WARNING, message, extra_tags, fail_silently)


def error(request: Any, message: Any, extra_tags: str = "", fail_silently: bool = False) -> None:
    """Add a message with the ERROR level."""
    add_message(request, constants.ERROR, message, extra_tags, fail_silently)
