"""Loader: the base class that finds template sources and builds Templates from them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nuages.template.base import Origin, Template
from nuages.template.exceptions import TemplateDoesNotExist

__all__ = ["Loader"]


class Loader:
    """Subclasses yield candidate Origins and read their contents."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine

    def get_template(self, template_name: str, skip: list | None = None) -> Template:
        """The first candidate source that exists, compiled; origins in skip are passed over."""
        tried = []
        for origin in self.get_template_sources(template_name):
            if skip is not None and origin in skip:
                tried.append((origin, "Skipped to avoid recursion"))
                continue
            try:
                contents = self.get_contents(origin)
            except TemplateDoesNotExist:
                tried.append((origin, "Source does not exist"))
                continue
            return Template(contents, origin, origin.template_name, self.engine)
        raise TemplateDoesNotExist(template_name, tried=tried)

    def get_template_sources(self, template_name: str) -> Iterator[Origin]:
        raise NotImplementedError(
            "subclasses of Loader must provide a get_template_sources() method"
        )

    def get_contents(self, origin: Origin) -> str:
        raise NotImplementedError("subclasses of Loader must provide a get_contents() method")

    def reset(self) -> None:
        """Forget cached state (the cached loader's templates)."""
