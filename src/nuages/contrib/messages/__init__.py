"""One-time notifications ("flash messages") for the next page a user sees."""

from __future__ import annotations

from nuages.contrib.messages.api import (
    MessageFailure,
    add_message,
    debug,
    error,
    get_level,
    get_messages,
    info,
    set_level,
    success,
    warning,
)
from nuages.contrib.messages.constants import (
    DEBUG,
    DEFAULT_LEVELS,
    DEFAULT_TAGS,
    ERROR,
    INFO,
    SUCCESS,
    WARNING,
)
from nuages.contrib.messages.storage.base import Message

__all__ = [
    "DEBUG",
    "DEFAULT_LEVELS",
    "DEFAULT_TAGS",
    "ERROR",
    "INFO",
    "SUCCESS",
    "WARNING",
    "Message",
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
