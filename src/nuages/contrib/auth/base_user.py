"""AbstractBaseUser and BaseUserManager: what any user model needs, with no relations.

A project's user model subclasses AbstractBaseUser, names its USERNAME_FIELD (and EMAIL_FIELD,
REQUIRED_FIELDS) and sets AUTH_USER_MODEL. See docs/auth.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from nuages.conf import settings
from nuages.contrib.auth import password_validation
from nuages.contrib.auth.hashers import (
    acheck_password,
    check_password,
    is_password_usable,
    make_password,
)
from nuages.db import models
from nuages.utils.crypto import salted_hmac
from nuages.utils.translation import gettext_lazy as _

__all__ = ["AbstractBaseUser", "BaseUserManager"]

# Django's salt: sessions signed in under Django stay valid after the move (same SECRET_KEY).
_SESSION_HASH_SALT = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"


class BaseUserManager(models.Manager):
    """Manager helpers for user models: email normalisation, natural-key look-up."""

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        """Lower-case the domain part of the address (the local part is case-sensitive)."""
        email = email or ""
        try:
            email_name, domain_part = email.strip().rsplit("@", 1)
        except ValueError:
            pass
        else:
            email = f"{email_name}@{domain_part.lower()}"
        return email

    def get_by_natural_key(self, username: Any) -> Any:
        return self.get(**{self.model.USERNAME_FIELD: username})

    async def aget_by_natural_key(self, username: Any) -> Any:
        return await self.aget(**{self.model.USERNAME_FIELD: username})


class AbstractBaseUser(models.Model):
    """A password (hashed), a last login time, and the user API the auth machinery uses."""

    password = models.CharField(_("password"), max_length=128)
    last_login = models.DateTimeField(_("last login"), blank=True, null=True)

    is_active = True
    REQUIRED_FIELDS: list[str] = []
    USERNAME_FIELD: str
    # The raw password from set_password(), kept until save() tells the validators.
    _password: str | None = None

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.get_username())

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        if self._password is not None:
            password_validation.password_changed(self._password, self)
            self._password = None

    async def asave(self, *args: Any, **kwargs: Any) -> None:
        await super().asave(*args, **kwargs)
        if self._password is not None:
            password_validation.password_changed(self._password, self)
            self._password = None

    def get_username(self) -> Any:
        """The value of USERNAME_FIELD."""
        return getattr(self, self.USERNAME_FIELD)

    def clean(self) -> None:
        setattr(self, self.USERNAME_FIELD, self.normalize_username(self.get_username()))

    def natural_key(self) -> tuple:
        return (self.get_username(),)

    @property
    def is_anonymous(self) -> bool:
        return False

    @property
    def is_authenticated(self) -> bool:
        return True

    def set_password(self, raw_password: str | None) -> None:
        self.password = make_password(raw_password)
        self._password = raw_password

    def check_password(self, raw_password: str | None) -> bool:
        """Whether the raw password is right; re-hashes and saves it if the hasher is outdated."""

        def setter(raw_password: str) -> None:
            self.set_password(raw_password)
            self._password = None  # not a password change: validators need not hear of it
            self.save(update_fields=["password"])

        return check_password(raw_password, self.password, setter)

    async def acheck_password(self, raw_password: str | None) -> bool:
        async def setter(raw_password: str) -> None:
            self.set_password(raw_password)
            self._password = None
            await self.asave(update_fields=["password"])

        return await acheck_password(raw_password, self.password, setter)

    def set_unusable_password(self) -> None:
        self.password = make_password(None)

    def has_usable_password(self) -> bool:
        return is_password_usable(self.password)

    def get_session_auth_hash(self) -> str:
        """An HMAC of the password hash: a password change invalidates other sessions."""
        return self._get_session_auth_hash()

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._get_session_auth_hash(secret=fallback_secret)

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        return salted_hmac(
            _SESSION_HASH_SALT, self.password, secret=secret, algorithm="sha256"
        ).hexdigest()

    @classmethod
    def get_email_field_name(cls) -> str:
        return getattr(cls, "EMAIL_FIELD", "email")

    @classmethod
    def normalize_username(cls, username: Any) -> Any:
        """NFKC-normalise, so visually identical usernames are the same username."""
        return unicodedata.normalize("NFKC", username) if isinstance(username, str) else username
