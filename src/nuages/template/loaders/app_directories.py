"""Load templates from the `templates/` directory of each installed app."""

from __future__ import annotations

from nuages.template.loaders.filesystem import Loader as FilesystemLoader
from nuages.template.utils import get_app_template_dirs

__all__ = ["Loader"]


class Loader(FilesystemLoader):
    def get_dirs(self) -> tuple:
        return get_app_template_dirs("templates")
