"""clearsessions: delete expired sessions from the session store (run it from cron)."""

from __future__ import annotations

from typing import Any

from nuages.contrib.sessions.backends.base import import_session_engine
from nuages.core.management.base import BaseCommand, CommandError

__all__ = ["Command"]


class Command(BaseCommand):
    help = "Can be run as a cronjob or directly to clean out expired sessions when the backend supports it."

    def handle(self, **options: Any) -> None:
        engine = import_session_engine()
        try:
            engine.SessionStore.clear_expired()
        except NotImplementedError:
            raise CommandError(
                f"Session engine '{engine.__name__}' doesn't support clearing expired sessions."
            ) from None
