"""View decorators: login_required, permission_required, user_passes_test, login_not_required.

Sync and async views alike: the wrapper matches the view (an async view gets an async wrapper
that reads the user with ``request.auser()``).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from nuages.conf import settings
from nuages.contrib.auth import REDIRECT_FIELD_NAME
from nuages.contrib.auth._redirect import redirect_to_login
from nuages.core.exceptions import PermissionDenied
from nuages.shortcuts import resolve_url
from nuages.utils._async import sync_to_async

__all__ = ["login_not_required", "login_required", "permission_required", "user_passes_test"]


def _login_redirect(request: Any, login_url: Any, redirect_field_name: str | None) -> Any:
    path = request.build_absolute_uri()
    resolved_login_url = resolve_url(login_url or settings.LOGIN_URL)
    login_scheme, login_netloc = urlsplit(resolved_login_url)[:2]
    current_scheme, current_netloc = urlsplit(path)[:2]
    if (not login_scheme or login_scheme == current_scheme) and (
        not login_netloc or login_netloc == current_netloc
    ):
        path = request.get_full_path()
    return redirect_to_login(path, resolved_login_url, redirect_field_name)


def user_passes_test(
    test_func: Callable[[Any], Any],
    login_url: str | None = None,
    redirect_field_name: str | None = REDIRECT_FIELD_NAME,
) -> Callable:
    """Run the view when ``test_func(request.user)`` is true; else redirect to the login page
    (with ``?next=`` the current path). ``test_func`` may be a coroutine function."""

    def decorator(view_func: Callable) -> Callable:
        if inspect.iscoroutinefunction(view_func):

            @functools.wraps(view_func)
            async def _async_view(request: Any, *args: Any, **kwargs: Any) -> Any:
                user = await request.auser()
                if inspect.iscoroutinefunction(test_func):
                    passed = await test_func(user)
                else:
                    passed = await sync_to_async(test_func)(user)
                if passed:
                    return await view_func(request, *args, **kwargs)
                return _login_redirect(request, login_url, redirect_field_name)

            return _async_view

        @functools.wraps(view_func)
        def _view(request: Any, *args: Any, **kwargs: Any) -> Any:
            if test_func(request.user):
                return view_func(request, *args, **kwargs)
            return _login_redirect(request, login_url, redirect_field_name)

        return _view

    return decorator


def login_required(
    function: Callable | None = None,
    redirect_field_name: str | None = REDIRECT_FIELD_NAME,
    login_url: str | None = None,
) -> Callable:
    """Anonymous users are sent to the login page; the view records its login settings for
    LoginRequiredMiddleware."""
    actual = user_passes_test(
        lambda u: u.is_authenticated, login_url=login_url, redirect_field_name=redirect_field_name
    )

    def decorator(view_func: Callable) -> Callable:
        wrapped = actual(view_func)
        wrapped.login_url = login_url  # type: ignore[attr-defined]
        wrapped.redirect_field_name = redirect_field_name  # type: ignore[attr-defined]
        return wrapped

    return decorator(function) if function else decorator


def login_not_required(view_func: Callable) -> Callable:
    """Exempt a view from LoginRequiredMiddleware."""
    view_func.login_required = False  # type: ignore[attr-defined]
    return view_func


def permission_required(
    perm: str | Any,
    login_url: str | None = None,
    raise_exception: bool = False,
) -> Callable:
    """The user must have every permission (``user.has_perms``); otherwise the login page, or
    403 with ``raise_exception``. Grants come from the authentication backends (see
    docs/auth.md: ModelBackend grants nothing until Permission and Group exist)."""
    perms = (perm,) if isinstance(perm, str) else perm

    def check_perms(user: Any) -> bool:
        if user.has_perms(perms):
            return True
        if raise_exception:
            raise PermissionDenied
        return False

    return user_passes_test(check_perms, login_url=login_url)
