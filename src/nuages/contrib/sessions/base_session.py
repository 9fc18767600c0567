"""AbstractBaseSession and BaseSessionManager: the pieces a custom session model builds on.

Kept apart from models.py so that a project can subclass them without installing the sessions
app (and so without the concrete Session table).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from nuages.db import models

__all__ = ["AbstractBaseSession", "BaseSessionManager"]


class BaseSessionManager(models.Manager):
    def encode(self, session_dict: dict) -> str:
        """The session data encoded the way this model's SessionStore encodes it."""
        return self.model.get_session_store_class()().encode(session_dict)

    def save(self, session_key: str, session_dict: dict, expire_date: datetime) -> Any:
        """Store (or, with empty data, delete) a session row; returns it, or None."""
        s = self.model(session_key, self.encode(session_dict), expire_date)
        if session_dict:
            s.save()
        else:
            s.delete()  # Clear sessions with no data.
        return s


class AbstractBaseSession(models.Model):
    session_key = models.CharField("session key", max_length=40, primary_key=True)
    session_data = models.TextField("session data")
    expire_date = models.DateTimeField("expire date", db_index=True)

    objects = BaseSessionManager()

    class Meta:
        abstract = True
        verbose_name = "session"
        verbose_name_plural = "sessions"

    def __str__(self) -> str:
        return self.session_key

    @classmethod
    def get_session_store_class(cls) -> type:
        raise NotImplementedError

    def get_decoded(self) -> dict:
        """The session data as a dict."""
        session_store_class = self.get_session_store_class()
        return session_store_class().decode(self.session_data)
