"""The global test environment: what setup_test_environment() changes and restores.

Mail and templates are optional layers here: the environment adapts to the parts of nuages
that are installed (the locmem mail backend and template render signals need them).
"""

from __future__ import annotations

import importlib.util
from typing import Any

from nuages.conf import settings
from nuages.test.signals import instrument_template_rendering, restore_template_rendering

__all__ = ["setup_test_environment", "teardown_test_environment"]

_LOCMEM_BACKEND = "nuages.core.mail.backends.locmem.EmailBackend"


class _State:
    saved: dict[str, Any] | None = None


def _mail_module() -> Any:
    # nuages.core.mail is optional for the test tools: without it there is no outbox to set up.
    if importlib.util.find_spec("nuages.core.mail") is None:
        return None
    return importlib.import_module("nuages.core.mail")


def setup_test_environment(debug: bool | None = None) -> None:
    """Prepare the process for tests: 'testserver' allowed, locmem mail, template signals."""
    if _State.saved is not None:
        raise RuntimeError(
            "setup_test_environment() was already called and can't be called again without "
            "first calling teardown_test_environment()."
        )
    if debug is None:
        debug = settings.DEBUG
    saved: dict[str, Any] = {
        "allowed_hosts": settings.ALLOWED_HOSTS,
        "debug": settings.DEBUG,
        "email_backend": settings.EMAIL_BACKEND,
    }
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = debug
    mail = _mail_module()
    if mail is not None:
        settings.EMAIL_BACKEND = _LOCMEM_BACKEND
        mail.outbox = []
    saved["template_render"] = instrument_template_rendering()
    _State.saved = saved


def teardown_test_environment() -> None:
    """Undo setup_test_environment()."""
    saved = _State.saved
    if saved is None:
        raise RuntimeError("teardown_test_environment() called without setup_test_environment().")
    settings.ALLOWED_HOSTS = saved["allowed_hosts"]
    settings.DEBUG = saved["debug"]
    settings.EMAIL_BACKEND = saved["email_backend"]
    restore_template_rendering(saved["template_render"])
    mail = _mail_module()
    if mail is not None and hasattr(mail, "outbox"):
        del mail.outbox
    _State.saved = None
