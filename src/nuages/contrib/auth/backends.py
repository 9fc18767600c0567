"""Authentication backends: who a set of credentials (or a remote user name) belongs to.

Permissions: until Permission and Group exist (they need ForeignKey and ManyToManyField, a later
ORM issue), ModelBackend's permission methods return empty sets and ``has_perm`` returns False.
Denying by default is safe and lets other backends in AUTHENTICATION_BACKENDS grant rights;
superusers' blanket rights come from PermissionsMixin.has_perm, which arrives with those models.
"""

from __future__ import annotations

from typing import Any

from nuages.contrib.auth import get_user_model
from nuages.utils._async import sync_to_async

__all__ = [
    "AllowAllUsersModelBackend",
    "AllowAllUsersRemoteUserBackend",
    "BaseBackend",
    "ModelBackend",
    "RemoteUserBackend",
]


class BaseBackend:
    """The backend interface with harmless defaults; async forms run the sync ones."""

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        return None

    async def aauthenticate(self, request: Any, **kwargs: Any) -> Any:
        return await sync_to_async(self.authenticate)(request, **kwargs)

    def get_user(self, user_id: Any) -> Any:
        return None

    async def aget_user(self, user_id: Any) -> Any:
        return await sync_to_async(self.get_user)(user_id)

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return {
            *self.get_user_permissions(user_obj, obj=obj),
            *self.get_group_permissions(user_obj, obj=obj),
        }

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj=obj)

    async def ahas_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return await sync_to_async(self.has_perm)(user_obj, perm, obj)


class ModelBackend(BaseBackend):
    """Username and password against AUTH_USER_MODEL; inactive users are refused."""

    def _username(self, username: Any, kwargs: dict) -> Any:
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        return username

    def authenticate(
        self, request: Any, username: Any = None, password: Any = None, **kwargs: Any
    ) -> Any:
        UserModel = get_user_model()
        username = self._username(username, kwargs)
        if username is None or password is None:
            return None
        try:
            user = UserModel._default_manager.get_by_natural_key(username)
        except UserModel.DoesNotExist:
            # Hash anyway, so an unknown username takes as long as a wrong password.
            UserModel().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    async def aauthenticate(
        self, request: Any, username: Any = None, password: Any = None, **kwargs: Any
    ) -> Any:
        UserModel = get_user_model()
        username = self._username(username, kwargs)
        if username is None or password is None:
            return None
        try:
            user = await UserModel._default_manager.aget_by_natural_key(username)
        except UserModel.DoesNotExist:
            UserModel().set_password(password)
            return None
        if await user.acheck_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def user_can_authenticate(self, user: Any) -> bool:
        """Refuse users whose ``is_active`` is False (models without the field are allowed)."""
        return getattr(user, "is_active", True)

    def get_user(self, user_id: Any) -> Any:
        UserModel = get_user_model()
        try:
            user = UserModel._default_manager.get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    async def aget_user(self, user_id: Any) -> Any:
        UserModel = get_user_model()
        try:
            user = await UserModel._default_manager.aget(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return bool(getattr(user_obj, "is_active", False)) and super().has_perm(
            user_obj, perm, obj=obj
        )

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return bool(getattr(user_obj, "is_active", False)) and any(
            perm[: perm.index(".")] == app_label for perm in self.get_all_permissions(user_obj)
        )

    def with_perm(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            "ModelBackend.with_perm() needs Permission and Group, which arrive with ForeignKey "
            "and ManyToManyField support in the ORM (see docs/auth.md)."
        )


class AllowAllUsersModelBackend(ModelBackend):
    """ModelBackend that also lets inactive users in."""

    def user_can_authenticate(self, user: Any) -> bool:
        return True


class RemoteUserBackend(ModelBackend):
    """Trusts a user name set by the web server (RemoteUserMiddleware); creates unknown users
    unless ``create_unknown_user`` is False."""

    create_unknown_user = True

    def authenticate(self, request: Any, remote_user: str | None = None, **kwargs: Any) -> Any:
        if not remote_user:
            return None
        UserModel = get_user_model()
        username = self.clean_username(remote_user)
        created = False
        if self.create_unknown_user:
            user, created = UserModel._default_manager.get_or_create(
                **{UserModel.USERNAME_FIELD: username}
            )
        else:
            try:
                user = UserModel._default_manager.get_by_natural_key(username)
            except UserModel.DoesNotExist:
                return None
        user = self.configure_user(request, user, created=created)
        return user if self.user_can_authenticate(user) else None

    async def aauthenticate(
        self, request: Any, remote_user: str | None = None, **kwargs: Any
    ) -> Any:
        if not remote_user:
            return None
        UserModel = get_user_model()
        username = self.clean_username(remote_user)
        created = False
        if self.create_unknown_user:
            user, created = await UserModel._default_manager.aget_or_create(
                **{UserModel.USERNAME_FIELD: username}
            )
        else:
            try:
                user = await UserModel._default_manager.aget_by_natural_key(username)
            except UserModel.DoesNotExist:
                return None
        user = await self.aconfigure_user(request, user, created=created)
        return user if self.user_can_authenticate(user) else None

    def clean_username(self, username: str) -> str:
        """Hook: turn the server's user name into a USERNAME_FIELD value (unchanged here)."""
        return username

    def configure_user(self, request: Any, user: Any, created: bool = True) -> Any:
        """Hook: set up a user just authenticated (``created`` when it is new)."""
        return user

    async def aconfigure_user(self, request: Any, user: Any, created: bool = True) -> Any:
        return await sync_to_async(self.configure_user)(request, user, created=created)


class AllowAllUsersRemoteUserBackend(RemoteUserBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        return True
