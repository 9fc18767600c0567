"""The staticfiles app: registers its checks when the app registry is ready."""

from __future__ import annotations

from nuages.apps import AppConfig
from nuages.contrib.staticfiles.checks import check_finders, check_storages
from nuages.core import checks

__all__ = ["StaticFilesConfig"]


class StaticFilesConfig(AppConfig):
    name = "nuages.contrib.staticfiles"
    verbose_name = "Static Files"
    ignore_patterns = ["CVS", ".*", "*~"]

    def ready(self) -> None:
        checks.register(check_finders, checks.Tags.staticfiles)
        checks.register(check_storages, checks.Tags.staticfiles)
