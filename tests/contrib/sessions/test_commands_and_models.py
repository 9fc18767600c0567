"""clearsessions, the Session model, the migration, and Django's dotted names."""

from __future__ import annotations

import datetime

import pytest

from nuages.contrib.sessions.backends.base import import_session_engine, import_session_serializer
from nuages.contrib.sessions.backends.db import SessionStore
from nuages.contrib.sessions.management.commands.clearsessions import Command as Clear
from nuages.contrib.sessions.models import Session
from nuages.contrib.sessions.serializers import JSONSerializer
from nuages.core.management import call_command
from nuages.core.management.base import CommandError
from nuages.test.utils import override_settings
from nuages.utils import timezone


def test_django_dotted_names_map_to_ours():
    module = import_session_engine("django.contrib.sessions.backends.signed_cookies")
    assert module.__name__ == "nuages.contrib.sessions.backends.signed_cookies"
    assert import_session_serializer("django.contrib.sessions.serializers.JSONSerializer") is (
        JSONSerializer
    )
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cache"):
        assert import_session_engine().__name__ == "nuages.contrib.sessions.backends.cache"


def test_model_and_manager(sync_db):
    assert Session._meta.db_table == "django_session"
    expire = timezone.now() + datetime.timedelta(days=1)
    s = Session.objects.save("k" * 32, {"a": 1}, expire)
    row = Session.objects.get(pk="k" * 32)
    assert row.get_decoded() == {"a": 1}
    assert str(row) == "k" * 32
    assert SessionStore("k" * 32)["a"] == 1
    assert Session.objects.encode({"a": 1}) != ""
    Session.objects.save(s.session_key, {}, expire)  # empty data deletes the row
    assert not Session.objects.filter(pk="k" * 32).exists()


def test_clearsessions_db(sync_db):
    past = timezone.now() - datetime.timedelta(seconds=5)
    future = timezone.now() + datetime.timedelta(days=1)
    Session.objects.create(session_key="old" * 10, session_data="x", expire_date=past)
    Session.objects.create(session_key="new" * 10, session_data="x", expire_date=future)
    call_command(Clear())
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new" * 10]


def test_clearsessions_file(tmp_path):
    with override_settings(
        SESSION_ENGINE="nuages.contrib.sessions.backends.file", SESSION_FILE_PATH=str(tmp_path)
    ):
        store = import_session_engine().SessionStore
        live, dead = store(), store()
        live["a"] = 1
        live.save()
        dead["a"] = 1
        dead.set_expiry(-5)
        dead.save()
        assert len(list(tmp_path.iterdir())) == 2
        call_command(Clear())
        assert [p.name for p in tmp_path.iterdir()] == ["sessionid" + live.session_key]


def test_clearsessions_unsupported():
    with override_settings(SESSION_ENGINE="tests_sessions_no_clear"):
        import sys
        import types

        from nuages.contrib.sessions.backends.base import SessionBase

        mod = types.ModuleType("tests_sessions_no_clear")
        mod.SessionStore = type("SessionStore", (SessionBase,), {})
        sys.modules["tests_sessions_no_clear"] = mod
        with pytest.raises(CommandError, match="doesn't support clearing"):
            call_command(Clear())


def test_file_backend_refuses_path_traversal(tmp_path):
    from nuages.contrib.sessions.backends.file import SessionStore as FileStore
    from nuages.contrib.sessions.exceptions import InvalidSessionKey

    (tmp_path / "secret").write_text("x")
    with override_settings(SESSION_FILE_PATH=str(tmp_path / "store")):
        (tmp_path / "store").mkdir()
        s = FileStore("../secret0000")
        assert s.session_key is None
        assert s.get("a") is None
        with pytest.raises(InvalidSessionKey):
            s._key_to_file("../../etc/passwd")
        s.delete("../secret")  # refused quietly, the file stays
        assert (tmp_path / "secret").exists()
        assert not s.exists("../secret")


def test_file_backend_missing_directory(tmp_path):
    from nuages.contrib.sessions.backends.file import SessionStore as FileStore
    from nuages.core.exceptions import ImproperlyConfigured

    with override_settings(SESSION_FILE_PATH=str(tmp_path / "nope")):
        with pytest.raises(ImproperlyConfigured, match="doesn't exist"):
            FileStore()


def test_signed_cookie_tampered_and_foreign_salt():
    from nuages.contrib.sessions.backends.signed_cookies import SessionStore as CookieStore
    from nuages.core import signing

    s = CookieStore()
    s["a"] = 1
    s.save()
    assert CookieStore(s.session_key)["a"] == 1
    tampered = s.session_key[:-1] + ("A" if s.session_key[-1] != "A" else "B")
    assert CookieStore(tampered).get("a") is None
    # Data signed for another purpose (another salt) is refused.
    other = signing.dumps({"a": 1}, salt="something.else", compress=True)
    assert CookieStore(other).get("a") is None


def test_migration_matches_model():
    from importlib import import_module

    migration = import_module("nuages.contrib.sessions.migrations.0001_initial").Migration
    (op,) = migration.operations
    assert op.name == "Session"
    assert [name for name, _ in op.fields] == ["session_key", "session_data", "expire_date"]
    assert op.options["db_table"] == "django_session"
