"""BaseEngine: what every backend in TEMPLATES shares (name, dirs, app_dirs)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from nuages.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from nuages.template.loaders.filesystem import safe_join
from nuages.template.utils import get_app_template_dirs

__all__ = ["BaseEngine"]


class BaseEngine:
    def __init__(self, params: dict) -> None:
        params = params.copy()
        self.name = params.pop("NAME")
        self.dirs = list(params.pop("DIRS"))
        self.app_dirs = params.pop("APP_DIRS")
        if params:
            raise ImproperlyConfigured("Unknown parameters: {}".format(", ".join(params)))

    def check(self, **kwargs: Any) -> list:
        return []

    @property
    def app_dirname(self) -> str:
        """Subdirectory of each app searched when APP_DIRS is on; subclasses set it."""
        raise ImproperlyConfigured(
            f"{self.__class__.__name__} doesn't support loading templates from installed applications."
        )

    def from_string(self, template_code: str) -> Any:
        raise NotImplementedError("subclasses of BaseEngine should provide a from_string() method")

    def get_template(self, template_name: str) -> Any:
        raise NotImplementedError("subclasses of BaseEngine must provide a get_template() method")

    @cached_property
    def template_dirs(self) -> tuple:
        """DIRS, then the apps' template directories when APP_DIRS is on."""
        template_dirs = tuple(self.dirs)
        if self.app_dirs:
            template_dirs += get_app_template_dirs(self.app_dirname)
        return template_dirs

    def iter_template_filenames(self, template_name: str) -> Any:
        for template_dir in self.template_dirs:
            try:
                yield safe_join(template_dir, template_name)
            except SuspiciousFileOperation:
                pass
