"""Auth test setup: the ``authtests`` app (a concrete AbstractBaseUser model), its table and
the sessions table on every selected database (each test rolled back), and a site with
SessionMiddleware + AuthenticationMiddleware (+ CSRF) serving the auth views."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from tests.db.conftest import SELECTED, _prepare_backend, _run_in_rollback, create_tables  # noqa: E402

from nuages.contrib.auth.decorators import login_not_required, login_required  # noqa: E402
from nuages.contrib.auth.models import update_last_login  # noqa: E402
from nuages.contrib.auth.signals import user_logged_in  # noqa: E402
from nuages.contrib.sessions.models import Session  # noqa: E402
from nuages.core import signals  # noqa: E402
from nuages.db import close_old_connections  # noqa: E402
from nuages.http import HttpResponse  # noqa: E402
from nuages.test.utils import override_settings  # noqa: E402
from nuages.urls import include, path  # noqa: E402

URLCONF = "nuages_tests_auth_urls"


def whoami(request):
    return HttpResponse(str(request.user))


@login_required
def private(request):
    return HttpResponse(f"private {request.user}")


@login_required
async def aprivate(request):
    return HttpResponse(f"aprivate {await request.auser()}")


@login_not_required
def public(request):
    return HttpResponse("public")


urls = types.ModuleType(URLCONF)
urls.urlpatterns = [
    path("accounts/", include("nuages.contrib.auth.urls")),
    path("whoami/", whoami),
    path("private/", private),
    path("aprivate/", aprivate),
    path("public/", public),
]
sys.modules[URLCONF] = urls

MIDDLEWARE = [
    "nuages.contrib.sessions.middleware.SessionMiddleware",
    "nuages.middleware.csrf.CsrfViewMiddleware",
    "nuages.contrib.auth.middleware.AuthenticationMiddleware",
]

SETTINGS = dict(
    INSTALLED_APPS=["nuages.contrib.auth", "nuages.contrib.sessions", "authtests"],
    AUTH_USER_MODEL="authtests.AuthUser",
    PASSWORD_HASHERS=["nuages.contrib.auth.hashers.MD5PasswordHasher"],
    MIDDLEWARE=MIDDLEWARE,
    ROOT_URLCONF=URLCONF,
    TEMPLATES=[
        {
            "BACKEND": "nuages.template.backends.django.DjangoTemplates",
            "DIRS": [],
            "APP_DIRS": True,
        }
    ],
    EMAIL_BACKEND="nuages.core.mail.backends.locmem.EmailBackend",
    LOGIN_REDIRECT_URL="/whoami/",
    SESSION_ENGINE="nuages.contrib.sessions.backends.db",
)


@pytest.fixture
def auth_settings():
    with override_settings(**SETTINGS):
        yield


@pytest.fixture(params=[pytest.param(n, id=n) for n in SELECTED])
def site(request: pytest.FixtureRequest, auth_settings: Any) -> Any:
    """A database with the user and session tables, the test rolled back; requests through
    the test client keep the test's connection."""
    from authtests.models import AuthUser

    create_tables(_prepare_backend(request.param), [Session, AuthUser])
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")
    try:
        yield from _run_in_rollback(request.param, "sync", request)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
        user_logged_in.disconnect(dispatch_uid="update_last_login")
