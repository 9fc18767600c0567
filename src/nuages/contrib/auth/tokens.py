"""Password reset tokens: ``<timestamp in base36>-<every other hex digit of an HMAC>``.

The HMAC covers the user's pk, password hash, last login and email, so a token stops working
once it is used (the password changes), once the user logs in again, or after
PASSWORD_RESET_TIMEOUT seconds. The key salt is the one Django uses, so reset links a Django
site sent keep working after the move to nuages (same SECRET_KEY).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from nuages.conf import settings
from nuages.utils.crypto import constant_time_compare, salted_hmac
from nuages.utils.http import base36_to_int, int_to_base36

__all__ = ["PasswordResetTokenGenerator", "default_token_generator"]


class PasswordResetTokenGenerator:
    """Makes and checks one-use, expiring tokens for password reset links."""

    key_salt = "django.contrib.auth.tokens.PasswordResetTokenGenerator"
    algorithm: str | None = None
    _secret: str | bytes | None = None
    _secret_fallbacks: list | None = None

    def __init__(self) -> None:
        self.algorithm = self.algorithm or "sha256"

    @property
    def secret(self) -> str | bytes:
        return self._secret if self._secret is not None else settings.SECRET_KEY

    @secret.setter
    def secret(self, value: str | bytes) -> None:
        self._secret = value

    @property
    def secret_fallbacks(self) -> list:
        if self._secret_fallbacks is None:
            return list(settings.SECRET_KEY_FALLBACKS)
        return self._secret_fallbacks

    @secret_fallbacks.setter
    def secret_fallbacks(self, value: list) -> None:
        self._secret_fallbacks = value

    def make_token(self, user: Any) -> str:
        """A token the user can use once to reset their password."""
        return self._make_token_with_timestamp(user, self._num_seconds(self._now()), self.secret)

    def check_token(self, user: Any, token: str | None) -> bool:
        """Whether ``token`` is valid for ``user``: untampered, unused and not expired."""
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= settings.PASSWORD_RESET_TIMEOUT

    def _make_token_with_timestamp(self, user: Any, timestamp: int, secret: Any) -> str:
        ts_b36 = int_to_base36(timestamp)
        digest = salted_hmac(
            self.key_salt,
            self._make_hash_value(user, timestamp),
            secret=secret,
            algorithm=self.algorithm,
        ).hexdigest()[::2]  # half the digits keep URLs short and still 128 bits
        return f"{ts_b36}-{digest}"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        """What invalidates a token when it changes: password, last login, email."""
        last_login = user.last_login
        login_timestamp = (
            "" if last_login is None else last_login.replace(microsecond=0, tzinfo=None)
        )
        email_field = user.get_email_field_name()
        email = getattr(user, email_field, "") or ""
        return f"{user.pk}{user.password}{login_timestamp}{timestamp}{email}"

    def _num_seconds(self, dt: datetime) -> int:
        return int((dt - datetime(2001, 1, 1)).total_seconds())

    def _now(self) -> datetime:
        # Overridden in tests to move time.
        return datetime.now()


default_token_generator = PasswordResetTokenGenerator()
