"""The messages app."""

from __future__ import annotations

from nuages.apps import AppConfig

__all__ = ["MessagesConfig"]


class MessagesConfig(AppConfig):
    name = "nuages.contrib.messages"
    verbose_name = "Messages"
