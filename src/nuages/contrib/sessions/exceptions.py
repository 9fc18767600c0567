"""The errors a session backend or the session middleware raises."""

from __future__ import annotations

from nuages.core.exceptions import BadRequest, SuspiciousOperation

__all__ = ["InvalidSessionKey", "SessionInterrupted"]


class InvalidSessionKey(SuspiciousOperation):
    """A session key holds characters that a backend refuses (file names, cache keys)."""


class SessionInterrupted(BadRequest):
    """The session was deleted (by a concurrent request, say) before this one could save it."""
