"""The auth app: connects update_last_login and registers the checks."""

from __future__ import annotations

from nuages.apps import AppConfig
from nuages.utils.translation import gettext_lazy as _

__all__ = ["AuthConfig"]


class AuthConfig(AppConfig):
    default_auto_field = "nuages.db.models.AutoField"
    name = "nuages.contrib.auth"
    verbose_name = _("Authentication and Authorization")

    def ready(self) -> None:
        from nuages.contrib.auth import checks, get_user_model  # noqa: F401 - registers checks
        from nuages.contrib.auth.models import update_last_login
        from nuages.contrib.auth.signals import user_logged_in
        from nuages.core.exceptions import ImproperlyConfigured

        try:
            user_model = get_user_model()
        except ImproperlyConfigured:
            user_model = None  # reported by the auth checks
        if user_model is not None and hasattr(user_model, "last_login"):
            user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")
