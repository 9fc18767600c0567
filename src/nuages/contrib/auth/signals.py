"""The auth signals (sent with the user's class as sender, or this module's name for
user_login_failed)."""

from __future__ import annotations

from nuages.dispatch import Signal

__all__ = ["user_logged_in", "user_logged_out", "user_login_failed"]

user_logged_in = Signal()  # request, user
user_login_failed = Signal()  # credentials (sensitive values masked), request
user_logged_out = Signal()  # request, user (None when nobody was logged in)
