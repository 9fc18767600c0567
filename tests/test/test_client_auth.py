"""Client.login/force_login/logout and AsyncClient.alogin/aforce_login/alogout, on the auth
tests' site (tests/contrib/auth/conftest.py: the ``authtests`` user model, sessions in the
database, SessionMiddleware + AuthenticationMiddleware)."""

from __future__ import annotations

import unittest
from typing import Any

import pytest
from tests.contrib.auth import conftest as auth_conftest
from tests.db.conftest import SELECTED, _loop, _prepare_backend, _run_in_rollback, create_tables

from nuages.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from nuages.contrib.sessions.models import Session
from nuages.core import signals
from nuages.db import close_old_connections
from nuages.test import AsyncClient, Client, SimpleTestCase
from nuages.test.utils import override_settings

# The auth tests' fixtures, shared: ``site`` (sync connection) and its settings.
site = auth_conftest.site
auth_settings = auth_conftest.auth_settings

PASSWORD = "s3cret-pass"
MODEL_BACKEND = "nuages.contrib.auth.backends.ModelBackend"


class OtherBackend:
    """A second backend that knows the same users (to see which one force_login records)."""

    def authenticate(self, request: Any, **credentials: Any) -> Any:
        return None

    def get_user(self, user_id: Any) -> Any:
        from authtests.models import AuthUser

        return AuthUser.objects.filter(pk=user_id).first()


OTHER_BACKEND = f"{__name__}.OtherBackend"


def make_user(username: str = "alice", **extra: Any) -> Any:
    from authtests.models import AuthUser

    return AuthUser.objects.create_user(username, f"{username}@example.com", PASSWORD, **extra)


def test_login_good_credentials(site):
    make_user()
    client = Client()
    assert client.login(username="alice", password=PASSWORD) is True
    assert client.get("/whoami/").content == b"alice"
    assert client.session[BACKEND_SESSION_KEY] == MODEL_BACKEND
    response = client.get("/private/")
    assert response.status_code == 200 and response.content == b"private alice"


def test_login_bad_credentials_and_inactive_user(site):
    make_user()
    make_user("bob", is_active=False)
    client = Client()
    assert client.login(username="alice", password="wrong") is False
    assert client.login(username="nobody", password=PASSWORD) is False
    assert client.login(username="bob", password=PASSWORD) is False
    assert "sessionid" not in client.cookies
    assert client.get("/whoami/").content == b"AnonymousUser"


def test_login_required_then_logout_redirects(site):
    make_user()
    client = Client()
    anonymous = client.get("/private/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/?next=/private/")
    assert client.login(username="alice", password=PASSWORD)
    assert client.get("/private/").status_code == 200
    key = client.cookies["sessionid"].value
    client.logout()
    assert not client.cookies
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/private/").status_code == 302
    assert client.get("/whoami/").content == b"AnonymousUser"


def test_login_cycles_an_earlier_session_and_keeps_its_data(site):
    make_user()
    client = Client()
    session = client.session
    session["cart"] = [1, 2]
    session.save()
    old_key = session.session_key
    assert client.login(username="alice", password=PASSWORD)
    new = client.session
    assert new.session_key != old_key  # cycled against fixation
    assert new["cart"] == [1, 2]  # an anonymous session's data survives the login
    assert new[SESSION_KEY] == str(client.get("/whoami/").wsgi_request.user.pk)


def test_logout_without_login_or_session(site):
    client = Client()
    client.logout()  # nothing to log out of: no error, no cookie
    assert not client.cookies
    client.cookies["other"] = "x"
    client.cookies["sessionid"] = "no-such-session-key-000000000000"
    client.logout()
    assert not client.cookies


def test_force_login_default_backend(site):
    user = make_user()
    client = Client()
    with override_settings(AUTHENTICATION_BACKENDS=[MODEL_BACKEND, OTHER_BACKEND]):
        client.force_login(user)
        assert client.session[BACKEND_SESSION_KEY] == MODEL_BACKEND
        assert user.backend == MODEL_BACKEND
        assert client.get("/whoami/").content == b"alice"


def test_force_login_given_backend(site):
    user = make_user("carol")
    client = Client()
    with override_settings(AUTHENTICATION_BACKENDS=[MODEL_BACKEND, OTHER_BACKEND]):
        client.force_login(user, backend=OTHER_BACKEND)
        assert client.session[BACKEND_SESSION_KEY] == OTHER_BACKEND
        assert client.get("/whoami/").content == b"carol"
        assert client.get("/private/").status_code == 200


def test_force_login_inactive_user_is_not_checked_at_login(site):
    # force_login skips authenticate(); ModelBackend.get_user still refuses the inactive user.
    user = make_user(is_active=False)
    client = Client()
    client.force_login(user)
    assert SESSION_KEY in client.session
    assert client.get("/whoami/").content == b"AnonymousUser"


def test_force_login_switches_user(site):
    alice, bob = make_user(), make_user("bob")
    client = Client()
    client.force_login(alice)
    first = client.cookies["sessionid"].value
    client.force_login(bob)
    assert client.cookies["sessionid"].value != first
    assert client.get("/whoami/").content == b"bob"


def test_session_cookie_settings(site):
    make_user()
    client = Client()
    with override_settings(
        SESSION_COOKIE_NAME="authsid",
        SESSION_COOKIE_DOMAIN="example.com",
        SESSION_COOKIE_SECURE=True,
    ):
        assert client.login(username="alice", password=PASSWORD)
        assert "sessionid" not in client.cookies
        morsel = client.cookies["authsid"]
        assert morsel.value == client.session.session_key
        assert morsel["domain"] == "example.com"
        assert morsel["path"] == "/"
        assert morsel["secure"] is True
        assert client.get("/whoami/").content == b"alice"
    plain = Client()
    plain.force_login(make_user("dave"))
    assert not plain.cookies["sessionid"]["secure"]
    assert not plain.cookies["sessionid"]["domain"]


def test_signed_cookie_sessions(site):
    user = make_user()
    client = Client()
    with override_settings(SESSION_ENGINE="nuages.contrib.sessions.backends.signed_cookies"):
        client.force_login(user)
        assert client.get("/whoami/").content == b"alice"
        client.logout()
        assert client.get("/whoami/").content == b"AnonymousUser"


def test_simple_test_case_self_client(site):
    make_user()
    seen: list[Any] = []

    class Case(SimpleTestCase):
        databases = {"default"}

        def test_login(self) -> None:
            self.assertTrue(self.client.login(username="alice", password=PASSWORD))
            response = self.client.get("/private/")
            self.assertContains(response, "private alice")
            self.client.logout()
            self.assertRedirects(
                self.client.get("/private/"),
                "/accounts/login/?next=/private/",
                fetch_redirect_response=False,
            )
            seen.append(True)

    result = unittest.TestResult()
    unittest.TestSuite([Case("test_login")]).run(result)
    assert not result.errors and not result.failures, result.errors + result.failures
    assert seen == [True]


# Async: an async database connection (the test's transaction) and the async handler chain.


@pytest.fixture(params=[pytest.param(n, id=n) for n in SELECTED])
def asite(request: pytest.FixtureRequest, auth_settings: Any) -> Any:
    from authtests.models import AuthUser

    create_tables(_prepare_backend(request.param), [Session, AuthUser])
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield from _run_in_rollback(request.param, "async", request)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def run(coro: Any) -> Any:
    return _loop().run_until_complete(coro)


async def amake_user(username: str = "alice", **extra: Any) -> Any:
    from authtests.models import AuthUser

    return await AuthUser.objects.acreate_user(
        username, f"{username}@example.com", PASSWORD, **extra
    )


def test_alogin_and_alogout(asite):
    async def body() -> None:
        await amake_user()
        await amake_user("bob", is_active=False)
        client = AsyncClient()
        assert await client.alogin(username="alice", password="wrong") is False
        assert await client.alogin(username="bob", password=PASSWORD) is False
        assert (await client.get("/aprivate/")).status_code == 302
        assert await client.alogin(username="alice", password=PASSWORD) is True
        response = await client.get("/aprivate/")
        assert response.status_code == 200 and response.content == b"aprivate alice"
        session = await client.asession()
        assert await session.aget(BACKEND_SESSION_KEY) == MODEL_BACKEND
        await client.alogout()
        assert not client.cookies
        assert (await client.get("/aprivate/")).status_code == 302

    run(body())


def test_aforce_login(asite):
    async def body() -> None:
        user = await amake_user("carol")
        with override_settings(AUTHENTICATION_BACKENDS=[MODEL_BACKEND, OTHER_BACKEND]):
            client = AsyncClient()
            await client.aforce_login(user)
            session = await client.asession()
            assert await session.aget(BACKEND_SESSION_KEY) == MODEL_BACKEND
            assert (await client.get("/aprivate/")).content == b"aprivate carol"
            other = AsyncClient()
            await other.aforce_login(user, backend=MODEL_BACKEND)
            assert (await other.get("/aprivate/")).status_code == 200
            with override_settings(SESSION_COOKIE_NAME="asid"):
                named = AsyncClient()
                await named.aforce_login(user)
                assert set(named.cookies) == {"asid"}
                assert (await named.get("/aprivate/")).status_code == 200

    run(body())


def test_sync_client_has_the_async_methods_too(asite):
    # As in Django, both clients have all six methods (ClientMixin).
    async def body() -> None:
        await amake_user()
        client = Client()
        assert await client.alogin(username="alice", password=PASSWORD)
        assert client.cookies["sessionid"].value
        await client.alogout()
        assert not client.cookies

    run(body())
    assert callable(AsyncClient().login) and callable(AsyncClient().force_login)


def test_logout_needs_no_user_model_for_a_session_without_user(site):
    client = Client()
    session = client.session
    session["x"] = 1
    session.save()
    with override_settings(AUTH_USER_MODEL="nothere.User"):
        client.logout()
    assert not client.cookies
    assert not Session.objects.filter(session_key=session.session_key).exists()


def test_nuages_test_does_not_import_auth_or_sessions():
    import subprocess
    import sys

    code = (
        "import sys, nuages.test; "
        "assert not [m for m in sys.modules if m.startswith('nuages.contrib')], "
        "[m for m in sys.modules if m.startswith('nuages.contrib')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
