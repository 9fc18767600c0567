"""Cache the Templates other loaders build, so each is parsed and compiled once.

When the engine is in debug mode, a cached template whose source file changed on disk is
compiled again on its next use (edits show up without restarting).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from typing import Any

from nuages.template.base import Origin, Template
from nuages.template.exceptions import TemplateDoesNotExist
from nuages.template.loaders.base import Loader as BaseLoader

__all__ = ["Loader"]


def _copy_exception(exc: TemplateDoesNotExist) -> TemplateDoesNotExist:
    new = type(exc)(*exc.args, tried=exc.tried, backend=exc.backend, chain=exc.chain)
    return new


def _mtime(path: str) -> float | None:
    try:
        return os.stat(path).st_mtime
    except (OSError, ValueError, TypeError):
        return None


class Loader(BaseLoader):
    def __init__(self, engine: Any, loaders: list) -> None:
        self.get_template_cache: dict[str, Any] = {}
        self._mtimes: dict[str, float | None] = {}
        self.loaders = engine.get_template_loaders(loaders)
        super().__init__(engine)

    def get_dirs(self) -> list:
        for loader in self.loaders:
            if hasattr(loader, "get_dirs"):
                yield from loader.get_dirs()

    def get_contents(self, origin: Origin) -> str:
        return origin.loader.get_contents(origin)

    def get_template(self, template_name: str, skip: list | None = None) -> Template:
        key = self.cache_key(template_name, skip)
        cached = self.get_template_cache.get(key)
        if cached:
            if isinstance(cached, type) and issubclass(cached, TemplateDoesNotExist):
                raise cached(template_name)
            if isinstance(cached, TemplateDoesNotExist):
                raise _copy_exception(cached)
            if not self.engine.debug or self._fresh(key, cached):
                return cached
        try:
            template = super().get_template(template_name, skip)
        except TemplateDoesNotExist as e:
            # Outside debug, keep only the class: the tried list is for the debug page.
            self.get_template_cache[key] = (
                _copy_exception(e) if self.engine.debug else TemplateDoesNotExist
            )
            raise
        self.get_template_cache[key] = template
        if self.engine.debug:
            self._mtimes[key] = _mtime(template.origin.name)
        return template

    def _fresh(self, key: str, template: Template) -> bool:
        return self._mtimes.get(key) == _mtime(template.origin.name)

    def get_template_sources(self, template_name: str) -> Iterator[Origin]:
        for loader in self.loaders:
            yield from loader.get_template_sources(template_name)

    def cache_key(self, template_name: str, skip: list | None = None) -> str:
        """template_name, plus a hash of the skipped origins of that name (recursive extends)."""
        skip_prefix = ""
        if skip:
            matching = [origin.name for origin in skip if origin.template_name == template_name]
            if matching:
                skip_prefix = self.generate_hash(matching)
        return "-".join(s for s in (str(template_name), skip_prefix) if s)

    def generate_hash(self, values: list[str]) -> str:
        return hashlib.sha1("|".join(values).encode()).hexdigest()

    def reset(self) -> None:
        self.get_template_cache.clear()
        self._mtimes.clear()
