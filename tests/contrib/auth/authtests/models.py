"""A concrete user model for the auth tests (app label "authtests"): nuages has no built-in
User until the ORM has relations."""

from nuages.contrib.auth.base_user import AbstractBaseUser
from nuages.contrib.auth.models import UserManager
from nuages.db import models


class AuthUser(AbstractBaseUser):
    username = models.CharField("username", max_length=150, unique=True)
    email = models.EmailField("email address", blank=True, default="")
    first_name = models.CharField(max_length=150, blank=True, default="")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    is_superuser = models.BooleanField(default=False)

    objects = UserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        app_label = "authtests"

    # Stand-in for PermissionsMixin (not built yet): superusers have every right.
    def has_perm(self, perm, obj=None):
        return self.is_active and self.is_superuser

    def has_perms(self, perms, obj=None):
        return all(self.has_perm(p, obj) for p in perms)
