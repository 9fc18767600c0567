"""System checks for the user model (auth.E001-E003, auth.W004, auth.C009/C010)."""

from __future__ import annotations

from types import MethodType
from typing import Any

from nuages.apps import apps
from nuages.conf import settings
from nuages.core import checks

__all__ = ["check_user_model"]


def _user_model() -> Any:
    try:
        app_label, model_name = settings.AUTH_USER_MODEL.split(".")
        return apps.get_model(app_label, model_name)
    except (ValueError, LookupError):
        return None


def check_user_model(app_configs: Any = None, **kwargs: Any) -> list:
    """REQUIRED_FIELDS and USERNAME_FIELD of AUTH_USER_MODEL, and is_anonymous /
    is_authenticated being attributes (a method would always be truthy)."""
    cls = _user_model()
    if cls is None:
        return [
            checks.Error(
                f"AUTH_USER_MODEL refers to model '{settings.AUTH_USER_MODEL}' that has not "
                "been installed.",
                hint="nuages has no built-in User yet: define a model on AbstractBaseUser "
                "and point AUTH_USER_MODEL at it (docs/auth.md).",
                id="auth.E000",
            )
        ]
    if app_configs and not any(cls._meta.app_config is ac for ac in app_configs):
        return []
    errors: list = []
    label = cls._meta.object_name
    if not isinstance(cls.REQUIRED_FIELDS, (list, tuple)):
        errors.append(
            checks.Error("'REQUIRED_FIELDS' must be a list or tuple.", obj=cls, id="auth.E001")
        )
    elif cls.USERNAME_FIELD in cls.REQUIRED_FIELDS:
        errors.append(
            checks.Error(
                "The field named as the 'USERNAME_FIELD' for a custom user model must not be "
                "included in 'REQUIRED_FIELDS'.",
                hint=f"The 'USERNAME_FIELD' is currently set to '{cls.USERNAME_FIELD}', you "
                f"should remove '{cls.USERNAME_FIELD}' from the 'REQUIRED_FIELDS'.",
                obj=cls,
                id="auth.E002",
            )
        )
    field = cls._meta.get_field(cls.USERNAME_FIELD)
    unique = field.unique or any(
        getattr(c, "fields", None) == (cls.USERNAME_FIELD,) and getattr(c, "condition", 1) is None
        for c in getattr(cls._meta, "total_unique_constraints", ())
    )
    if not unique:
        default_backend = settings.AUTHENTICATION_BACKENDS == [
            "nuages.contrib.auth.backends.ModelBackend"
        ] or settings.AUTHENTICATION_BACKENDS == ["django.contrib.auth.backends.ModelBackend"]
        if default_backend:
            errors.append(
                checks.Error(
                    f"'{label}.{cls.USERNAME_FIELD}' must be unique because it is named as the "
                    "'USERNAME_FIELD'.",
                    obj=cls,
                    id="auth.E003",
                )
            )
        else:
            errors.append(
                checks.Warning(
                    f"'{label}.{cls.USERNAME_FIELD}' is named as the 'USERNAME_FIELD', but it "
                    "is not unique.",
                    hint="Ensure that your authentication backend(s) can handle non-unique "
                    "usernames.",
                    obj=cls,
                    id="auth.W004",
                )
            )
    for name, check_id in (("is_anonymous", "auth.C009"), ("is_authenticated", "auth.C010")):
        if isinstance(getattr(cls(), name), MethodType):
            errors.append(
                checks.Critical(
                    f"{label}.{name} must be an attribute or property rather than a method. "
                    "Ignoring this is a security issue as anonymous users will be treated as "
                    "authenticated!",
                    obj=cls,
                    id=check_id,
                )
            )
    return errors


checks.register(check_user_model, checks.Tags.models)
