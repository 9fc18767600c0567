"""AuthenticationMiddleware (request.user, request.auser), LoginRequiredMiddleware and the
REMOTE_USER middlewares."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from nuages.conf import settings
from nuages.contrib import auth
from nuages.contrib.auth import REDIRECT_FIELD_NAME, load_backend
from nuages.contrib.auth._redirect import redirect_to_login
from nuages.contrib.auth.backends import RemoteUserBackend
from nuages.core.exceptions import ImproperlyConfigured
from nuages.shortcuts import resolve_url
from nuages.utils.deprecation import MiddlewareMixin, nonblocking_hook
from nuages.utils.functional import SimpleLazyObject

__all__ = [
    "AuthenticationMiddleware",
    "LoginRequiredMiddleware",
    "PersistentRemoteUserMiddleware",
    "RemoteUserMiddleware",
    "get_user",
]


def get_user(request: Any) -> Any:
    """The request's user, looked up once per request."""
    if not hasattr(request, "_cached_user"):
        request._cached_user = auth.get_user(request)
    return request._cached_user


async def auser(request: Any) -> Any:
    if not hasattr(request, "_acached_user"):
        request._acached_user = await auth.aget_user(request)
    return request._acached_user


class AuthenticationMiddleware(MiddlewareMixin):
    """Sets ``request.user`` (lazy: the session and user are read on first use) and
    ``request.auser()`` (its awaitable form, for async views)."""

    @nonblocking_hook
    def process_request(self, request: Any) -> None:
        if not hasattr(request, "session"):
            raise ImproperlyConfigured(
                "The authentication middleware requires session middleware to be installed. "
                "Edit your MIDDLEWARE setting to insert "
                "'nuages.contrib.sessions.middleware.SessionMiddleware' before "
                "'nuages.contrib.auth.middleware.AuthenticationMiddleware'."
            )
        request.user = SimpleLazyObject(lambda: get_user(request))

        async def _auser() -> Any:
            return await auser(request)

        request.auser = _auser


class LoginRequiredMiddleware(MiddlewareMixin):
    """Redirects anonymous users to the login page for every view not marked with
    ``login_not_required`` (the auth views are marked)."""

    redirect_field_name = REDIRECT_FIELD_NAME

    def process_view(self, request: Any, view_func: Any, view_args: Any, view_kwargs: Any) -> Any:
        if not getattr(view_func, "login_required", True):
            return None
        if request.user.is_authenticated:
            return None
        return self.handle_no_permission(request, view_func)

    def get_login_url(self, view_func: Any) -> str:
        login_url = getattr(view_func, "login_url", None) or settings.LOGIN_URL
        if not login_url:
            raise ImproperlyConfigured(
                "No login URL to redirect to. Define settings.LOGIN_URL or provide a login_url "
                "via the 'nuages.contrib.auth.decorators.login_required' decorator."
            )
        return str(login_url)

    def get_redirect_field_name(self, view_func: Any) -> str:
        return getattr(view_func, "redirect_field_name", self.redirect_field_name)

    def handle_no_permission(self, request: Any, view_func: Any) -> Any:
        path = request.build_absolute_uri()
        resolved_login_url = resolve_url(self.get_login_url(view_func))
        # A relative path when the login page is on this site, as login_required does.
        login_scheme, login_netloc = urlsplit(resolved_login_url)[:2]
        current_scheme, current_netloc = urlsplit(path)[:2]
        if (not login_scheme or login_scheme == current_scheme) and (
            not login_netloc or login_netloc == current_netloc
        ):
            path = request.get_full_path()
        return redirect_to_login(path, resolved_login_url, self.get_redirect_field_name(view_func))


class RemoteUserMiddleware(MiddlewareMixin):
    """Logs in the user the web server authenticated (the REMOTE_USER request variable);
    needs AuthenticationMiddleware before it and RemoteUserBackend in the backends."""

    header = "REMOTE_USER"
    force_logout_if_no_header = True

    def process_request(self, request: Any) -> None:
        if not hasattr(request, "user"):
            raise ImproperlyConfigured(
                "The remote user middleware requires the authentication middleware to be "
                "installed. Edit your MIDDLEWARE setting to insert "
                "'nuages.contrib.auth.middleware.AuthenticationMiddleware' before the "
                "RemoteUserMiddleware class."
            )
        username = request.META.get(self.header)
        if not username:
            if self.force_logout_if_no_header and request.user.is_authenticated:
                self._remove_invalid_user(request)
            return
        if request.user.is_authenticated:
            if request.user.get_username() == self.clean_username(username, request):
                return
            self._remove_invalid_user(request)
        user = auth.authenticate(request, remote_user=username)
        if user:
            request.user = user
            auth.login(request, user)

    def clean_username(self, username: str, request: Any) -> str:
        backend = load_backend(request.session[auth.BACKEND_SESSION_KEY])
        clean = getattr(backend, "clean_username", None)
        return clean(username) if clean else username

    def _remove_invalid_user(self, request: Any) -> None:
        try:
            stored = load_backend(request.session.get(auth.BACKEND_SESSION_KEY, ""))
        except ImportError:
            auth.logout(request)
        else:
            if isinstance(stored, RemoteUserBackend):
                auth.logout(request)


class PersistentRemoteUserMiddleware(RemoteUserMiddleware):
    """Keeps the user logged in when the header is only sent on the login page."""

    force_logout_if_no_header = False
