"""The sessions app."""

from __future__ import annotations

from nuages.apps import AppConfig

__all__ = ["SessionsConfig"]


class SessionsConfig(AppConfig):
    name = "nuages.contrib.sessions"
    verbose_name = "Sessions"
