"""AnonymousUser, UserManager and the permission helpers every user object shares.

Not here yet, on purpose: ``Permission``, ``Group``, ``PermissionsMixin``, ``AbstractUser`` and
``User``. They need ForeignKey and ManyToManyField (``user.groups``, ``user.user_permissions``,
``Permission.content_type``), which the ORM gains in a later issue. Shipping a ``User`` without
those columns would mean an incompatible schema change later with no migration story, so until
then a project defines its own user model on ``AbstractBaseUser`` and sets AUTH_USER_MODEL
(docs/auth.md). The helpers below (``_user_has_perm`` ...) already ask the authentication
backends, so ``PermissionsMixin`` will slot in on top of them unchanged.
"""

from __future__ import annotations

from typing import Any

from nuages.contrib import auth
from nuages.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from nuages.contrib.auth.hashers import make_password
from nuages.core.exceptions import PermissionDenied
from nuages.utils import timezone

__all__ = [
    "AbstractBaseUser",
    "AnonymousUser",
    "BaseUserManager",
    "UserManager",
    "update_last_login",
]


def update_last_login(sender: Any, user: Any, **kwargs: Any) -> None:
    """user_logged_in receiver (connected by AuthConfig.ready when the model has last_login)."""
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])


def _user_get_permissions(user: Any, obj: Any, from_name: str) -> set[str]:
    permissions: set[str] = set()
    name = f"get_{from_name}_permissions"
    for backend in auth.get_backends():
        if hasattr(backend, name):
            permissions.update(getattr(backend, name)(user, obj))
    return permissions


def _user_has_perm(user: Any, perm: str, obj: Any) -> bool:
    """Any backend granting the permission grants it; PermissionDenied from one denies it."""
    for backend in auth.get_backends():
        if not hasattr(backend, "has_perm"):
            continue
        try:
            if backend.has_perm(user, perm, obj):
                return True
        except PermissionDenied:
            return False
    return False


def _user_has_module_perms(user: Any, app_label: str) -> bool:
    for backend in auth.get_backends():
        if not hasattr(backend, "has_module_perms"):
            continue
        try:
            if backend.has_module_perms(user, app_label):
                return True
        except PermissionDenied:
            return False
    return False


class UserManager(BaseUserManager):
    """create_user / create_superuser for a user model with ``is_staff`` and ``is_superuser``
    fields (AbstractUser's, or a custom model that declares them)."""

    use_in_migrations = True

    def _prepare(self, username: Any, email: Any, password: Any, **extra_fields: Any) -> Any:
        if not username:
            raise ValueError("The given username must be set")
        email = self.normalize_email(email)
        username = self.model.normalize_username(username)
        fields = {self.model.USERNAME_FIELD: username, **extra_fields}
        if email or "email" in {f.name for f in self.model._meta.concrete_fields}:
            fields[self.model.get_email_field_name()] = email
        user = self.model(**fields)
        user.password = make_password(password)
        return user

    def _create_user(self, username: Any, email: Any, password: Any, **extra_fields: Any) -> Any:
        user = self._prepare(username, email, password, **extra_fields)
        user.save(using=self._db)
        return user

    async def _acreate_user(
        self, username: Any, email: Any, password: Any, **extra_fields: Any
    ) -> Any:
        user = self._prepare(username, email, password, **extra_fields)
        await user.asave(using=self._db)
        return user

    @staticmethod
    def _superuser_fields(extra_fields: dict) -> dict:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if extra_fields.get("is_staff") is not True:
            raise ValueError("Superuser must have is_staff=True.")
        if extra_fields.get("is_superuser") is not True:
            raise ValueError("Superuser must have is_superuser=True.")
        return extra_fields

    def create_user(
        self, username: Any, email: Any = None, password: Any = None, **extra_fields: Any
    ) -> Any:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(username, email, password, **extra_fields)

    async def acreate_user(
        self, username: Any, email: Any = None, password: Any = None, **extra_fields: Any
    ) -> Any:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return await self._acreate_user(username, email, password, **extra_fields)

    def create_superuser(
        self, username: Any, email: Any = None, password: Any = None, **extra_fields: Any
    ) -> Any:
        return self._create_user(username, email, password, **self._superuser_fields(extra_fields))

    async def acreate_superuser(
        self, username: Any, email: Any = None, password: Any = None, **extra_fields: Any
    ) -> Any:
        fields = self._superuser_fields(extra_fields)
        return await self._acreate_user(username, email, password, **fields)

    def with_perm(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            "UserManager.with_perm() needs Permission and Group, which arrive with ForeignKey "
            "and ManyToManyField support in the ORM (see docs/auth.md)."
        )


class AnonymousUser:
    """The user of a request nobody is logged in on: no id, no rights, not saveable."""

    id = None
    pk = None
    username = ""
    is_staff = False
    is_active = False
    is_superuser = False

    def __str__(self) -> str:
        return "AnonymousUser"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, self.__class__)

    def __hash__(self) -> int:
        return 1  # instances are equal, so they hash equal

    def __int__(self) -> int:
        raise TypeError(
            "Cannot cast AnonymousUser to int. Are you trying to use it in place of User?"
        )

    def _not_stored(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("nuages doesn't provide a DB representation for AnonymousUser.")

    save = delete = set_password = check_password = _not_stored

    async def asave(self, *args: Any, **kwargs: Any) -> None:
        self._not_stored()

    async def adelete(self, *args: Any, **kwargs: Any) -> None:
        self._not_stored()

    @property
    def is_anonymous(self) -> bool:
        return True

    @property
    def is_authenticated(self) -> bool:
        return False

    def get_username(self) -> str:
        return self.username

    def get_user_permissions(self, obj: Any = None) -> set[str]:
        return _user_get_permissions(self, obj=obj, from_name="user")

    def get_group_permissions(self, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, obj: Any = None) -> set[str]:
        return _user_get_permissions(self, obj=obj, from_name="all")

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return _user_has_perm(self, perm, obj=obj)

    def has_perms(self, perm_list: Any, obj: Any = None) -> bool:
        if isinstance(perm_list, str) or not hasattr(perm_list, "__iter__"):
            raise ValueError("perm_list must be an iterable of permissions.")
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, module: str) -> bool:
        return _user_has_module_perms(self, module)

    async def ahas_perm(self, perm: str, obj: Any = None) -> bool:
        return self.has_perm(perm, obj)

    async def ahas_perms(self, perm_list: Any, obj: Any = None) -> bool:
        return self.has_perms(perm_list, obj)

    async def ahas_module_perms(self, module: str) -> bool:
        return self.has_module_perms(module)
