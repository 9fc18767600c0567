"""The Session model: one row per session (table ``django_session``, as in Django)."""

from __future__ import annotations

from nuages.contrib.sessions.base_session import AbstractBaseSession, BaseSessionManager

__all__ = ["Session", "SessionManager"]


class SessionManager(BaseSessionManager):
    use_in_migrations = True


class Session(AbstractBaseSession):
    """A session stored in the database by the db and cached_db backends.

    Use get_decoded() to read the data: session_data is signed and compressed.
    """

    objects = SessionManager()

    @classmethod
    def get_session_store_class(cls) -> type:
        # The db backend imports this module: the store class is looked up when needed.
        from nuages.contrib.sessions.backends.db import SessionStore

        return SessionStore

    class Meta(AbstractBaseSession.Meta):
        # Explicit so the model (and the db backend) import without the app installed.
        app_label = "sessions"
        db_table = "django_session"
