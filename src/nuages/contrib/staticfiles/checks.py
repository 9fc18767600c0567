"""System checks of the staticfiles app (staticfiles.E001-E005, W004)."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.contrib.staticfiles.finders import get_finders
from nuages.core.checks import Error

__all__ = ["check_finders", "check_storages"]


def check_finders(app_configs: Any = None, **kwargs: Any) -> list:
    """Each finder's own configuration check."""
    errors: list = []
    for finder in get_finders():
        try:
            errors.extend(finder.check())
        except NotImplementedError:
            pass
    return errors


def check_storages(app_configs: Any = None, **kwargs: Any) -> list:
    if "staticfiles" in settings.STORAGES:
        return []
    return [
        Error("The STORAGES setting must define a 'staticfiles' storage.", id="staticfiles.E005")
    ]
