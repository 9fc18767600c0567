"""DjangoTemplates: the TEMPLATES backend for nuages's own (compiled) template language."""

from __future__ import annotations

import pkgutil
from collections.abc import Iterator
from importlib import import_module
from typing import Any

from nuages.apps import apps
from nuages.conf import settings
from nuages.template.backends.base import BaseEngine
from nuages.template.context import make_context
from nuages.template.engine import Engine
from nuages.template.exceptions import TemplateDoesNotExist
from nuages.template.library import InvalidTemplateLibrary

__all__ = ["DjangoTemplates", "Template", "get_installed_libraries", "reraise"]


class DjangoTemplates(BaseEngine):
    app_dirname = "templates"

    def __init__(self, params: dict) -> None:
        params = params.copy()
        options = params.pop("OPTIONS").copy()
        options.setdefault("autoescape", True)
        options.setdefault("debug", settings.DEBUG)
        options.setdefault("file_charset", "utf-8")
        libraries = options.get("libraries", {})
        options["libraries"] = self.get_templatetag_libraries(libraries)
        super().__init__(params)
        self.engine = Engine(self.dirs, self.app_dirs, **options)

    def check(self, **kwargs: Any) -> list:
        return []

    def from_string(self, template_code: str) -> Template:
        return Template(self.engine.from_string(template_code), self)

    def get_template(self, template_name: str) -> Template:
        try:
            return Template(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            reraise(exc, self)

    def get_templatetag_libraries(self, custom_libraries: dict) -> dict:
        """The installed apps' templatetags modules, plus those of the `libraries` option."""
        libraries = get_installed_libraries()
        libraries.update(custom_libraries)
        return libraries


class Template:
    """The backend's template: render(context dict, request) as the TEMPLATES API says."""

    def __init__(self, template: Any, backend: DjangoTemplates) -> None:
        self.template = template
        self.backend = backend

    @property
    def origin(self) -> Any:
        return self.template.origin

    def render(self, context: dict | None = None, request: Any = None) -> str:
        context = make_context(context, request, autoescape=self.backend.engine.autoescape)
        try:
            return self.template.render(context)
        except TemplateDoesNotExist as exc:
            reraise(exc, self.backend)


def copy_exception(exc: TemplateDoesNotExist, backend: Any = None) -> TemplateDoesNotExist:
    backend = backend or exc.backend
    new = exc.__class__(*exc.args, tried=exc.tried, backend=backend, chain=exc.chain)
    if hasattr(exc, "template_debug"):
        new.template_debug = exc.template_debug
    return new


def reraise(exc: TemplateDoesNotExist, backend: Any) -> None:
    """Re-raise exc as coming from backend (the multi-engine loader reports it)."""
    new = copy_exception(exc, backend)
    raise new from exc


def get_template_tag_modules() -> Iterator[tuple[str, str]]:
    """(name, dotted path) of every templatetags module of nuages and the installed apps."""
    candidates = ["nuages.templatetags"]
    candidates += [f"{app_config.name}.templatetags" for app_config in apps.get_app_configs()]
    for candidate in candidates:
        try:
            pkg = import_module(candidate)
        except ImportError:
            continue
        if hasattr(pkg, "__path__"):
            for name in get_package_libraries(pkg):
                yield name.removeprefix(candidate).lstrip("."), name


def get_installed_libraries() -> dict[str, str]:
    return dict(get_template_tag_modules())


def get_package_libraries(pkg: Any) -> Iterator[str]:
    """Dotted paths of the modules of pkg that hold a `register` Library."""
    for entry in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        try:
            module = import_module(entry[1])
        except ImportError as e:
            raise InvalidTemplateLibrary(
                f"Invalid template library specified. ImportError raised when trying to load '{entry[1]}': {e}"
            ) from e
        if hasattr(module, "register"):
            yield entry[1]
