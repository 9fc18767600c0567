"""The pytest plugin: fixtures here, settings-module set-up in a subprocess pytest run."""

import os
import subprocess
import sys

import pytest

from nuages.conf import settings as nuages_settings
from nuages.test import AsyncClient, AsyncRequestFactory, Client, RequestFactory
from nuages.test.pytest_plugin import SettingsWrapper


def test_settings_wrapper_undoes_changes():
    wrapper = SettingsWrapper()
    wrapper.NUAGES_PLUGIN_X = 1
    wrapper.DEBUG = True
    assert nuages_settings.NUAGES_PLUGIN_X == 1 and wrapper.DEBUG is True
    del wrapper.DEBUG
    assert not hasattr(nuages_settings, "DEBUG")
    wrapper.finalize()
    assert not hasattr(nuages_settings, "NUAGES_PLUGIN_X")
    assert nuages_settings.DEBUG is False


def test_settings_fixture(settings):
    settings.NUAGES_PLUGIN_Y = "y"
    assert nuages_settings.NUAGES_PLUGIN_Y == "y"
    assert settings.SECRET_KEY == nuages_settings.SECRET_KEY


def test_client_fixtures(client, async_client, rf, async_rf):
    assert isinstance(client, Client) and isinstance(async_client, AsyncClient)
    assert isinstance(rf, RequestFactory) and isinstance(async_rf, AsyncRequestFactory)
    assert "testserver" in nuages_settings.ALLOWED_HOSTS


@pytest.mark.slow
def test_settings_module_is_set_up(tmp_path):
    (tmp_path / "plugin_settings.py").write_text(
        'SECRET_KEY = "x"\nINSTALLED_APPS = []\nROOT_URLCONF = "plugin_urls"\nNUAGES_MARK = "from-module"\n'
    )
    (tmp_path / "plugin_urls.py").write_text(
        "from nuages.http import HttpResponse\nfrom nuages.urls import path\n"
        "urlpatterns = [path('', lambda r: HttpResponse('hi'))]\n"
    )
    (tmp_path / "test_inner.py").write_text(
        "from nuages.conf import settings\n"
        "def test_configured(settings):\n"
        "    assert settings.NUAGES_MARK == 'from-module'\n"
        "    settings.NUAGES_MARK = 'changed'\n"
        "def test_restored():\n"
        "    assert settings.NUAGES_MARK == 'from-module'\n"
        "def test_client(client):\n"
        "    assert client.get('/').content == b'hi'\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["NUAGES_SETTINGS_MODULE"] = "plugin_settings"
    env["PYTHONPATH"] = str(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            str(tmp_path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout
