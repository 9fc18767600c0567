"""Settings: the lazy proxy, configure(), settings modules and their errors."""

import os
import subprocess
import sys
import textwrap

import pytest

from nuages.conf import LazySettings, Settings, UserSettingsHolder, global_settings, settings
from nuages.core.exceptions import ImproperlyConfigured


def test_configured_settings_read_and_defaults_fill_in():
    assert settings.configured
    assert settings.SECRET_KEY == "nuages-tests-not-secret"
    # Not given to configure(): comes from global_settings.
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
    assert settings.APPEND_SLASH is True


def test_unknown_setting_raises_attribute_error():
    with pytest.raises(AttributeError):
        settings.NOT_A_SETTING  # noqa: B018


def test_unconfigured_settings_name_the_variable(monkeypatch):
    monkeypatch.delenv("NUAGES_SETTINGS_MODULE", raising=False)
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    lazy = LazySettings()
    assert not lazy.configured
    with pytest.raises(
        ImproperlyConfigured, match="Requested setting DEBUG.*NUAGES_SETTINGS_MODULE"
    ):
        lazy.DEBUG  # noqa: B018


def test_configure_twice_is_refused():
    lazy = LazySettings()
    lazy.configure(DEBUG=True)
    assert lazy.DEBUG is True
    with pytest.raises(RuntimeError, match="already configured"):
        lazy.configure(DEBUG=False)


def test_configure_refuses_lowercase_names():
    with pytest.raises(TypeError, match="must be uppercase"):
        LazySettings().configure(debug=True)


def test_empty_secret_key_is_an_error():
    lazy = LazySettings()
    lazy.configure(SECRET_KEY="")
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        lazy.SECRET_KEY  # noqa: B018


def test_setattr_updates_cached_value():
    lazy = LazySettings()
    lazy.configure(DEBUG=False)
    assert lazy.DEBUG is False
    lazy.DEBUG = True
    assert lazy.DEBUG is True
    del lazy.DEBUG
    with pytest.raises(AttributeError):  # a deleted setting is gone, not defaulted
        lazy.DEBUG  # noqa: B018


def test_user_settings_holder_is_overridden():
    holder = UserSettingsHolder(global_settings)
    holder.DEBUG = True
    assert holder.is_overridden("DEBUG")
    assert not holder.is_overridden("APPEND_SLASH")
    assert "DEBUG" in dir(holder)


def test_static_url_gets_script_prefix():
    lazy = LazySettings()
    lazy.configure(STATIC_URL="static/", MEDIA_URL="http://cdn.example.com/m/")
    assert lazy.STATIC_URL == "/static/"
    assert lazy.MEDIA_URL == "http://cdn.example.com/m/"


def test_settings_module(tmp_path, monkeypatch):
    (tmp_path / "proj_settings_ok.py").write_text(
        "DEBUG = True\nSECRET_KEY = 'x'\nALLOWED_HOSTS = ['a']\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    s = Settings("proj_settings_ok")
    assert s.DEBUG is True
    assert s.is_overridden("DEBUG")
    assert not s.is_overridden("APPEND_SLASH")
    assert s.ALLOWED_HOSTS == ["a"]


def test_settings_module_tuple_setting_must_be_list(tmp_path, monkeypatch):
    (tmp_path / "proj_settings_bad.py").write_text("ALLOWED_HOSTS = 'example.com'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(
        ImproperlyConfigured, match="ALLOWED_HOSTS setting must be a list or a tuple"
    ):
        Settings("proj_settings_bad")


def test_environment_variable_loads_module(tmp_path):
    (tmp_path / "envsettings.py").write_text("SECRET_KEY = 'k'\nDEBUG = True\n")
    code = textwrap.dedent(
        """
        from nuages.conf import settings
        print(settings.DEBUG, settings.SECRET_KEY, repr(settings))
        """
    )
    env = {**os.environ, "NUAGES_SETTINGS_MODULE": "envsettings", "PYTHONPATH": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == 'True k <LazySettings "envsettings">'
