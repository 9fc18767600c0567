"""Load templates from a dict of name -> source (tests, generated templates)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nuages.template.base import Origin
from nuages.template.exceptions import TemplateDoesNotExist
from nuages.template.loaders.base import Loader as BaseLoader

__all__ = ["Loader"]


class Loader(BaseLoader):
    def __init__(self, engine: Any, templates_dict: dict[str, str]) -> None:
        self.templates_dict = templates_dict
        super().__init__(engine)

    def get_contents(self, origin: Origin) -> str:
        try:
            return self.templates_dict[origin.name]
        except KeyError:
            raise TemplateDoesNotExist(origin)

    def get_template_sources(self, template_name: str) -> Iterator[Origin]:
        yield Origin(name=template_name, template_name=template_name, loader=self)
