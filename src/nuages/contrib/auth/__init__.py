"""Authentication: who the user of a request is, logging in and out, the session bookkeeping.

Session keys (Django's names, so sessions written by a Django site keep their user):
``_auth_user_id``, ``_auth_user_backend``, ``_auth_user_hash``.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import Any

from nuages.apps import apps as nuages_apps
from nuages.conf import settings
from nuages.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from nuages.core.exceptions import ImproperlyConfigured, PermissionDenied
from nuages.middleware.csrf import rotate_token
from nuages.utils.crypto import constant_time_compare
from nuages.utils.module_loading import import_string, nuages_path

__all__ = [
    "BACKEND_SESSION_KEY",
    "HASH_SESSION_KEY",
    "REDIRECT_FIELD_NAME",
    "SESSION_KEY",
    "aauthenticate",
    "aget_user",
    "alogin",
    "alogout",
    "aupdate_session_auth_hash",
    "authenticate",
    "get_backends",
    "get_permission_codename",
    "get_user",
    "get_user_model",
    "load_backend",
    "login",
    "logout",
    "update_session_auth_hash",
]

SESSION_KEY = "_auth_user_id"
BACKEND_SESSION_KEY = "_auth_user_backend"
HASH_SESSION_KEY = "_auth_user_hash"
REDIRECT_FIELD_NAME = "next"

_SENSITIVE = re.compile("api|token|key|secret|password|signature", re.IGNORECASE)
_CLEANSED = "********************"


def load_backend(path: str) -> Any:
    return import_string(nuages_path(path))()


def _get_backends(return_tuples: bool = False) -> list:
    backends = []
    for path in settings.AUTHENTICATION_BACKENDS:
        backend = load_backend(path)
        backends.append((backend, path) if return_tuples else backend)
    if not backends:
        raise ImproperlyConfigured(
            "No authentication backends have been defined. Does AUTHENTICATION_BACKENDS "
            "contain anything?"
        )
    return backends


def get_backends() -> list:
    """Instances of AUTHENTICATION_BACKENDS, in order."""
    return _get_backends(return_tuples=False)


def _clean_credentials(credentials: dict) -> dict:
    """Mask the values of sensitive-looking keys before a signal carries them."""
    return {k: (_CLEANSED if _SENSITIVE.search(k) else v) for k, v in credentials.items()}


def _compatible_backends(request: Any, credentials: dict) -> Iterator[tuple[Any, str]]:
    for backend, path in _get_backends(return_tuples=True):
        try:
            inspect.signature(backend.authenticate).bind(request, **credentials)
        except TypeError:
            continue  # this backend does not take these credentials
        yield backend, path


def _backend_path(user: Any, backend: Any = None) -> str:
    try:
        backend = backend or user.backend
    except AttributeError:
        backends = _get_backends(return_tuples=True)
        if len(backends) != 1:
            raise ValueError(
                "You have multiple authentication backends configured and therefore must "
                "provide the `backend` argument or set the `backend` attribute on the user."
            ) from None
        backend = backends[0][1]
    if not isinstance(backend, str):
        raise TypeError(f"backend must be a dotted import path string (got {backend!r}).")
    return backend


def authenticate(request: Any = None, **credentials: Any) -> Any:
    """The user the credentials belong to, from the first backend that accepts them, or None
    (user_login_failed is sent)."""
    for backend, path in _compatible_backends(request, credentials):
        try:
            user = backend.authenticate(request, **credentials)
        except PermissionDenied:
            break  # the backend says no one may log in with these: stop here
        if user is None:
            continue
        user.backend = path
        return user
    user_login_failed.send(
        sender=__name__, credentials=_clean_credentials(credentials), request=request
    )
    return None


async def aauthenticate(request: Any = None, **credentials: Any) -> Any:
    """The async form of authenticate()."""
    for backend, path in _compatible_backends(request, credentials):
        try:
            user = await backend.aauthenticate(request, **credentials)
        except PermissionDenied:
            break
        if user is None:
            continue
        user.backend = path
        return user
    await user_login_failed.asend(
        sender=__name__, credentials=_clean_credentials(credentials), request=request
    )
    return None


def _session_hash(user: Any) -> str:
    return user.get_session_auth_hash() if hasattr(user, "get_session_auth_hash") else ""


def _must_flush(session: Any, stored_id: Any, stored_hash: Any, user: Any, auth_hash: str) -> bool:
    """A session of another user (or of this user before a password change) is not reused."""
    if stored_id is None:
        return False
    other_user = _user_model_pk(stored_id) != user.pk
    return other_user or bool(auth_hash and not constant_time_compare(stored_hash or "", auth_hash))


def _user_model_pk(value: Any) -> Any:
    return get_user_model()._meta.pk.to_python(value)


def login(request: Any, user: Any, backend: str | None = None) -> None:
    """Keep ``user`` logged in on this session: a new session key (no fixation), the backend
    and password hash recorded, a new CSRF token, user_logged_in sent."""
    auth_hash = _session_hash(user)
    session = request.session
    if SESSION_KEY in session:
        if _must_flush(
            session, session[SESSION_KEY], session.get(HASH_SESSION_KEY), user, auth_hash
        ):
            session.flush()
    else:
        session.cycle_key()
    path = _backend_path(user, backend)
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = path
    session[HASH_SESSION_KEY] = auth_hash
    if hasattr(request, "user"):
        request.user = user
    rotate_token(request)
    user_logged_in.send(sender=user.__class__, request=request, user=user)


async def alogin(request: Any, user: Any, backend: str | None = None) -> None:
    """The async form of login()."""
    auth_hash = _session_hash(user)
    session = request.session
    if await session.ahas_key(SESSION_KEY):
        stored_id = await session.aget(SESSION_KEY)
        stored_hash = await session.aget(HASH_SESSION_KEY)
        if _must_flush(session, stored_id, stored_hash, user, auth_hash):
            await session.aflush()
    else:
        await session.acycle_key()
    path = _backend_path(user, backend)
    await session.aset(SESSION_KEY, user._meta.pk.value_to_string(user))
    await session.aset(BACKEND_SESSION_KEY, path)
    await session.aset(HASH_SESSION_KEY, auth_hash)
    if hasattr(request, "user"):
        request.user = user
    rotate_token(request)
    await user_logged_in.asend(sender=user.__class__, request=request, user=user)


def _anonymous() -> Any:
    from nuages.contrib.auth.models import AnonymousUser  # models import this package

    return AnonymousUser()


def logout(request: Any) -> None:
    """Send user_logged_out, then flush the session (data and key) and forget the user."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", True):
        user = None
    user_logged_out.send(sender=user.__class__, request=request, user=user)
    request.session.flush()
    if hasattr(request, "user"):
        request.user = _anonymous()


async def alogout(request: Any) -> None:
    """The async form of logout()."""
    user = getattr(request, "user", None)
    if user is None and hasattr(request, "auser"):
        user = await request.auser()
    if not getattr(user, "is_authenticated", True):
        user = None
    await user_logged_out.asend(sender=user.__class__, request=request, user=user)
    await request.session.aflush()
    if hasattr(request, "user"):
        request.user = _anonymous()


def get_user_model() -> Any:
    """The model AUTH_USER_MODEL names."""
    try:
        return nuages_apps.get_model(settings.AUTH_USER_MODEL, require_ready=False)
    except ValueError:
        raise ImproperlyConfigured(
            "AUTH_USER_MODEL must be of the form 'app_label.model_name'"
        ) from None
    except LookupError:
        hint = ""
        if settings.AUTH_USER_MODEL == "auth.User":
            hint = (
                " (nuages has no built-in User model yet: define one on AbstractBaseUser and "
                "set AUTH_USER_MODEL, see docs/auth.md)"
            )
        raise ImproperlyConfigured(
            f"AUTH_USER_MODEL refers to model '{settings.AUTH_USER_MODEL}' that has not been "
            f"installed{hint}"
        ) from None


def _verified(session: Any, user: Any, stored_hash: Any) -> tuple[bool, bool]:
    """(verified, verified_by_a_fallback_secret) for the session's password hash."""
    if not hasattr(user, "get_session_auth_hash"):
        return True, False
    if stored_hash and constant_time_compare(stored_hash, user.get_session_auth_hash()):
        return True, False
    if stored_hash and any(
        constant_time_compare(stored_hash, fallback)
        for fallback in user.get_session_auth_fallback_hash()
    ):
        return True, True
    return False, False


def get_user(request: Any) -> Any:
    """The user of the request's session, or AnonymousUser. A session whose password hash no
    longer matches (the password changed elsewhere) is flushed."""
    session = request.session
    try:
        user_id = _user_model_pk(session[SESSION_KEY])
        path = session[BACKEND_SESSION_KEY]
    except KeyError:
        return _anonymous()
    user = None
    if path in settings.AUTHENTICATION_BACKENDS:
        user = load_backend(path).get_user(user_id)
        if user is not None:
            verified, by_fallback = _verified(session, user, session.get(HASH_SESSION_KEY))
            if not verified:
                session.flush()
                user = None
            elif by_fallback:
                # Signed with a retired SECRET_KEY: move the session to the current one.
                session.cycle_key()
                session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    return user or _anonymous()


async def aget_user(request: Any) -> Any:
    """The async form of get_user()."""
    session = request.session
    raw_id = await session.aget(SESSION_KEY)
    path = await session.aget(BACKEND_SESSION_KEY)
    if raw_id is None or path is None:
        return _anonymous()
    user_id = _user_model_pk(raw_id)
    user = None
    if path in settings.AUTHENTICATION_BACKENDS:
        user = await load_backend(path).aget_user(user_id)
        if user is not None:
            stored = await session.aget(HASH_SESSION_KEY)
            verified, by_fallback = _verified(session, user, stored)
            if not verified:
                await session.aflush()
                user = None
            elif by_fallback:
                await session.acycle_key()
                await session.aset(HASH_SESSION_KEY, user.get_session_auth_hash())
    return user or _anonymous()


def get_permission_codename(action: str, opts: Any) -> str:
    """'change_article' for action 'change' and Article's _meta."""
    return f"{action}_{opts.model_name}"


def update_session_auth_hash(request: Any, user: Any) -> None:
    """After the user changed their password: keep this session logged in (new key, new hash)
    while every other session of theirs is logged out."""
    request.session.cycle_key()
    if hasattr(user, "get_session_auth_hash") and request.user == user:
        request.session[HASH_SESSION_KEY] = user.get_session_auth_hash()


async def aupdate_session_auth_hash(request: Any, user: Any) -> None:
    """The async form of update_session_auth_hash()."""
    await request.session.acycle_key()
    current = await request.auser() if hasattr(request, "auser") else request.user
    if hasattr(user, "get_session_auth_hash") and current == user:
        await request.session.aset(HASH_SESSION_KEY, user.get_session_auth_hash())
