"""pytest plugin: nuages settings at session start and the settings/client/rf fixtures.

Registered through the ``pytest11`` entry point, so it loads in every pytest run of the
environment, before any settings exist. That is why it imports the rest of nuages only when a
hook or fixture needs it: loading the test client at plugin import would read settings too
early and tie every test run to the whole web stack.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest

__all__ = [
    "SettingsWrapper",
    "async_client",
    "async_rf",
    "client",
    "pytest_addoption",
    "pytest_configure",
    "pytest_runtest_setup",
    "rf",
    "settings",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("nuages")
    group.addoption(
        "--nuages-settings",
        dest="nuages_settings",
        default=None,
        help="Settings module to use (sets NUAGES_SETTINGS_MODULE).",
    )
    parser.addini("nuages_settings_module", "Settings module to use (NUAGES_SETTINGS_MODULE).")


def pytest_configure(config: pytest.Config) -> None:
    module = config.getoption("nuages_settings") or config.getini("nuages_settings_module")
    if module:
        os.environ["NUAGES_SETTINGS_MODULE"] = module
    conf = importlib.import_module("nuages.conf")
    # A conftest may already have called settings.configure(): then there is nothing to do.
    if conf.settings.configured or not conf.settings_module_name():
        return
    importlib.import_module("nuages").setup()


def _settings_ready() -> bool:
    conf = importlib.import_module("nuages.conf")
    return conf.settings.configured or bool(conf.settings_module_name())


def _ensure_test_environment(config: pytest.Config) -> None:
    """Set up the test environment (testserver host, locmem mail, template signals) once.

    Done on first use by a nuages fixture or SimpleTestCase, not for every pytest session of
    the environment; torn down when the session ends.
    """
    if getattr(config, "_nuages_environment", False) or not _settings_ready():
        return
    config._nuages_environment = True  # type: ignore[attr-defined]
    environment = importlib.import_module("nuages.test._environment")
    if environment._State.saved is not None:
        return  # set up by someone else, who tears it down
    environment.setup_test_environment()
    config.add_cleanup(environment.teardown_test_environment)


def pytest_runtest_setup(item: pytest.Item) -> None:
    testcases = sys.modules.get("nuages.test.testcases")
    cls = getattr(item, "cls", None)
    if testcases is not None and cls is not None and issubclass(cls, testcases.SimpleTestCase):
        _ensure_test_environment(item.config)


@pytest.fixture
def _nuages_environment(request: pytest.FixtureRequest) -> None:
    _ensure_test_environment(request.config)


@pytest.fixture(autouse=True)
def _nuages_mail_outbox() -> None:
    """Each test starts with an empty nuages.core.mail.outbox (when mail is in use)."""
    mail = sys.modules.get("nuages.core.mail")
    if mail is not None and hasattr(mail, "outbox"):
        mail.outbox = []


class SettingsWrapper:
    """Set or delete settings as attributes; every change is undone after the test."""

    def __init__(self) -> None:
        object.__setattr__(self, "_overrides", [])

    def _push(self, **options: Any) -> Any:
        override = importlib.import_module("nuages.test.utils").override_settings(**options)
        override.enable()
        self._overrides.append(override)
        return override

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("nuages.conf").settings, name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._push(**{name: value})

    def __delattr__(self, name: str) -> None:
        self._push()
        delattr(importlib.import_module("nuages.conf").settings, name)

    def finalize(self) -> None:
        """Undo every change, newest first."""
        while self._overrides:
            self._overrides.pop().disable()


@pytest.fixture
def settings() -> Iterator[SettingsWrapper]:
    """nuages settings; `settings.NAME = value` lasts until the end of the test."""
    wrapper = SettingsWrapper()
    try:
        yield wrapper
    finally:
        wrapper.finalize()


@pytest.fixture
def client(_nuages_environment: None) -> Any:
    """A nuages.test.Client."""
    return importlib.import_module("nuages.test.client").Client()


@pytest.fixture
def async_client(_nuages_environment: None) -> Any:
    """A nuages.test.AsyncClient."""
    return importlib.import_module("nuages.test.client").AsyncClient()


@pytest.fixture
def rf(_nuages_environment: None) -> Any:
    """A nuages.test.RequestFactory."""
    return importlib.import_module("nuages.test.client").RequestFactory()


@pytest.fixture
def async_rf(_nuages_environment: None) -> Any:
    """A nuages.test.AsyncRequestFactory."""
    return importlib.import_module("nuages.test.client").AsyncRequestFactory()
