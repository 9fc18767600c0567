"""The ``auth`` context processor: ``user`` and ``perms`` in templates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nuages.contrib.auth.models import AnonymousUser

__all__ = ["PermLookupDict", "PermWrapper", "auth"]


class PermLookupDict:
    """``perms.app_label``: ``{% if perms.blog.change_article %}``."""

    def __init__(self, user: Any, app_label: str) -> None:
        self.user, self.app_label = user, app_label

    def __repr__(self) -> str:
        return str(self.user.get_all_permissions())

    def __getitem__(self, perm_name: str) -> bool:
        return self.user.has_perm(f"{self.app_label}.{perm_name}")

    def __iter__(self) -> Iterator:
        raise TypeError("PermLookupDict is not iterable.")

    def __bool__(self) -> bool:
        return self.user.has_module_perms(self.app_label)


class PermWrapper:
    """``perms``: ``perms.blog`` (any right in the app), ``"blog.add_article" in perms``."""

    def __init__(self, user: Any) -> None:
        self.user = user

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({self.user!r})"

    def __getitem__(self, app_label: str) -> PermLookupDict:
        return PermLookupDict(self.user, app_label)

    def __iter__(self) -> Iterator:
        raise TypeError("PermWrapper is not iterable.")

    def __contains__(self, perm_name: str) -> bool:
        if "." not in perm_name:
            return bool(self[perm_name])
        app_label, perm_name = perm_name.split(".", 1)
        return self[app_label][perm_name]


def auth(request: Any) -> dict[str, Any]:
    """``user`` (AnonymousUser when nobody is signed in) and ``perms``."""
    user = getattr(request, "user", None) or AnonymousUser()
    return {"user": user, "perms": PermWrapper(user)}
