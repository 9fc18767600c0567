"""Login, logout, session fixation, password change and reset through the test client."""

from __future__ import annotations

import re

import pytest
from authtests.models import AuthUser

from nuages.contrib.auth import SESSION_KEY, get_user_model
from nuages.contrib.auth.tokens import default_token_generator
from nuages.core import mail
from nuages.core.management import call_command
from nuages.core.management.base import CommandError
from nuages.test import Client


def make_user(username="alice", password="s3cret-pass", **extra):
    return AuthUser.objects.create_user(username, f"{username}@Example.COM", password, **extra)


def login(client, username="alice", password="s3cret-pass", next=None):
    data = {"username": username, "password": password}
    url = "/accounts/login/" + (f"?next={next}" if next else "")
    return client.post(url, data)


def test_get_user_model(site):
    assert get_user_model() is AuthUser


def test_login_good_and_bad(site):
    user = make_user()
    assert user.email == "alice@example.com"
    client = Client()
    bad = login(client, password="wrong")
    assert bad.status_code == 200
    assert b"Please enter a correct username and password" in bad.content
    assert client.get("/whoami/").content == b"AnonymousUser"
    good = login(client, next="/private/")
    assert good.status_code == 302 and good["Location"] == "/private/"
    assert client.get("/whoami/").content == b"alice"
    user.refresh_from_db()
    assert user.last_login is not None
    unsafe = login(Client(), next="https://evil.example/")
    assert unsafe["Location"] == "/whoami/"


def test_inactive_user_cannot_log_in(site):
    make_user(is_active=False)
    response = login(Client())
    assert response.status_code == 200 and b"Please enter a correct" in response.content


def test_session_fixation(site):
    make_user()
    client = Client()
    client.get("/accounts/login/")
    session = client.session
    session["planted"] = 1
    session.save()
    fixed_key = session.session_key
    login(client)
    new_key = client.cookies["sessionid"].value
    assert new_key != fixed_key
    attacker = Client()
    attacker.cookies["sessionid"] = fixed_key
    assert attacker.get("/whoami/").content == b"AnonymousUser"


def test_logout_only_by_post(site):
    make_user()
    client = Client()
    login(client)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/whoami/").content == b"alice"
    response = client.post("/accounts/logout/")
    assert response.status_code == 200
    assert client.get("/whoami/").content == b"AnonymousUser"


def test_login_required_redirects_with_next(site):
    client = Client()
    response = client.get("/private/?x=1")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/private/%3Fx%3D1"
    make_user()
    login(client)
    assert client.get("/private/").content == b"private alice"


def test_login_required_middleware(site):
    from nuages.test.utils import override_settings

    from .conftest import MIDDLEWARE

    mw = [*MIDDLEWARE, "nuages.contrib.auth.middleware.LoginRequiredMiddleware"]
    with override_settings(MIDDLEWARE=mw):
        client = Client()
        response = client.get("/whoami/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/whoami/"
        assert client.get("/public/").content == b"public"
        assert client.get("/accounts/login/").status_code == 200
        make_user()
        login(client)
        assert client.get("/whoami/").content == b"alice"


def test_password_change_invalidates_other_sessions(site):
    make_user()
    laptop, phone = Client(), Client()
    login(laptop)
    login(phone)
    response = laptop.post(
        "/accounts/password_change/",
        {
            "old_password": "s3cret-pass",
            "new_password1": "an0ther-pass",
            "new_password2": "an0ther-pass",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_change/done/"
    assert laptop.get("/whoami/").content == b"alice"
    assert phone.get("/whoami/").content == b"AnonymousUser"
    assert AuthUser.objects.get(username="alice").check_password("an0ther-pass")


def test_password_change_wrong_old_password(site):
    make_user()
    client = Client()
    login(client)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "nope", "new_password1": "x-y-z-123", "new_password2": "x-y-z-123"},
    )
    assert response.status_code == 200
    assert b"Your old password was entered incorrectly" in response.content


def test_password_reset_through_outbox(site):
    user = make_user()
    client = Client()
    mail.outbox = []
    response = client.post("/accounts/password_reset/", {"email": "ALICE@example.com"})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert message.subject == "Password reset on testserver"
    url = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    # A tampered token is refused.
    tampered = url[:-3] + ("0" if url[-3] != "0" else "1") + url[-2:]
    assert b"validlink" not in client.get(tampered).content
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].endswith("/set-password/")
    assert b"validlink" in client.get(response["Location"]).content
    done = client.post(
        response["Location"], {"new_password1": "fresh-pass-1", "new_password2": "fresh-pass-1"}
    )
    assert done["Location"] == "/accounts/reset/done/"
    user.refresh_from_db()
    assert user.check_password("fresh-pass-1")
    # The token is single-use: the password hash changed.
    assert b"validlink" not in Client().get(url, follow=True).content


def test_password_reset_unknown_email_sends_nothing(site):
    mail.outbox = []
    response = Client().post("/accounts/password_reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302 and mail.outbox == []


def test_tokens_expire_and_are_bound_to_the_user(site):
    user = make_user()
    token = default_token_generator.make_token(user)
    assert default_token_generator.check_token(user, token)
    assert not default_token_generator.check_token(user, token + "x")
    assert not default_token_generator.check_token(user, "zz-" + token.split("-")[1])
    assert not default_token_generator.check_token(make_user("bob"), token)

    class Later(type(default_token_generator)):
        def _now(self):
            import datetime

            return datetime.datetime.now() + datetime.timedelta(days=4)

    assert not Later().check_token(user, token)


def test_createsuperuser_noinput_env(site, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "root")
    monkeypatch.setenv("NUAGES_SUPERUSER_EMAIL", "root@example.com")
    monkeypatch.setenv("NUAGES_SUPERUSER_PASSWORD", "strong-pass-9")
    call_command("createsuperuser", interactive=False, verbosity=0)
    root = AuthUser.objects.get(username="root")
    assert root.is_superuser and root.is_staff and root.check_password("strong-pass-9")
    with pytest.raises(CommandError, match="already taken"):
        call_command("createsuperuser", interactive=False, verbosity=0)


def test_session_user_key(site):
    user = make_user()
    client = Client()
    login(client)
    assert client.session[SESSION_KEY] == str(user.pk)
