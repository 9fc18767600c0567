"""Load templates from directories on disk (the engine's DIRS, or the dirs given)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from nuages.core.exceptions import SuspiciousFileOperation
from nuages.template.base import Origin
from nuages.template.exceptions import TemplateDoesNotExist
from nuages.template.loaders.base import Loader as BaseLoader

__all__ = ["Loader", "safe_join"]


def safe_join(base: Any, *paths: Any) -> str:
    """Join paths under base; SuspiciousFileOperation if the result escapes base."""
    final_path = os.path.abspath(os.path.join(base, *paths))
    base_path = os.path.abspath(base)
    if (
        os.path.normcase(final_path) != os.path.normcase(base_path)
        and not os.path.normcase(final_path).startswith(os.path.normcase(base_path + os.sep))
        and os.path.dirname(os.path.normcase(base_path)) != os.path.normcase(base_path)
    ):
        raise SuspiciousFileOperation(
            f"The joined path ({final_path}) is located outside of the base path component ({base_path})"
        )
    return final_path


class Loader(BaseLoader):
    def __init__(self, engine: Any, dirs: list | None = None) -> None:
        super().__init__(engine)
        self.dirs = dirs

    def get_dirs(self) -> list:
        return self.dirs if self.dirs is not None else self.engine.dirs

    def get_contents(self, origin: Origin) -> str:
        try:
            with open(origin.name, encoding=self.engine.file_charset) as fp:
                return fp.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise TemplateDoesNotExist(origin)

    def get_template_sources(self, template_name: str) -> Iterator[Origin]:
        for template_dir in self.get_dirs():
            try:
                name = safe_join(template_dir, template_name)
            except SuspiciousFileOperation:
                # Names like "../x" that leave the directory are simply not found here.
                continue
            yield Origin(name=name, template_name=template_name, loader=self)
