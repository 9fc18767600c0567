"""Engine: the configured template engine (loaders, libraries, options) — Django's Engine."""

from __future__ import annotations

import functools
from importlib.util import find_spec
from typing import Any

from nuages.core.exceptions import ImproperlyConfigured
from nuages.template.base import Template, set_default_engine_factory
from nuages.template.context import Context
from nuages.template.exceptions import TemplateDoesNotExist
from nuages.template.library import Library, import_library
from nuages.template.utils import engines
from nuages.utils.functional import cached_property
from nuages.utils.module_loading import import_string, nuages_path

__all__ = ["Engine", "import_setting_path"]


def import_setting_path(path: str) -> Any:
    """import_string, mapping `django.` paths to their `nuages.` twins so settings port."""
    if path != (ported := nuages_path(path)):
        try:
            return import_string(ported)
        except ImportError:
            pass
    return import_string(path)


def _library_path(path: str) -> str:
    ported = nuages_path(path)
    if ported != path and find_spec(ported.rsplit(".", 1)[0]):
        return ported
    return path


@functools.cache
def _default_builtins() -> tuple[str, ...]:
    names = ["nuages.template.defaulttags"]
    # The filters are written separately; the engine works without them meanwhile.
    if find_spec("nuages.template.defaultfilters") is not None:
        names.append("nuages.template.defaultfilters")
    names.append("nuages.template.loader_tags")
    return tuple(names)


class Engine:
    """Holds a template configuration; get_template() and from_string() build Templates."""

    default_builtins = list(_default_builtins.__wrapped__())

    def __init__(
        self,
        dirs: list | None = None,
        app_dirs: bool = False,
        context_processors: list | None = None,
        debug: bool = False,
        loaders: list | None = None,
        string_if_invalid: str = "",
        file_charset: str = "utf-8",
        libraries: dict | None = None,
        builtins: list | None = None,
        autoescape: bool = True,
    ) -> None:
        if dirs is None:
            dirs = []
        if context_processors is None:
            context_processors = []
        if loaders is None:
            loaders = ["nuages.template.loaders.filesystem.Loader"]
            if app_dirs:
                loaders += ["nuages.template.loaders.app_directories.Loader"]
            loaders = [("nuages.template.loaders.cached.Loader", loaders)]
        elif app_dirs:
            raise ImproperlyConfigured("app_dirs must not be set when loaders is defined.")
        if libraries is None:
            libraries = {}
        if builtins is None:
            builtins = []
        self.dirs = [str(d) for d in dirs]
        self.app_dirs = app_dirs
        self.autoescape = autoescape
        self.context_processors = context_processors
        self.debug = debug
        self.loaders = loaders
        self.string_if_invalid = string_if_invalid
        self.file_charset = file_charset
        self.libraries = libraries
        self.template_libraries = self.get_template_libraries(libraries)
        self.builtins = list(_default_builtins()) + list(builtins)
        self.template_builtins = self.get_template_builtins(self.builtins)

    def __repr__(self) -> str:
        return (
            f"<{self.__class__.__qualname__}: app_dirs={self.app_dirs!r} debug={self.debug!r} "
            f"loaders={self.loaders!r} string_if_invalid={self.string_if_invalid!r} "
            f"file_charset={self.file_charset!r} builtins={self.builtins!r} autoescape={self.autoescape!r}>"
        )

    @staticmethod
    @functools.cache
    def get_default() -> Engine:
        """The Engine of the first DjangoTemplates backend in settings.TEMPLATES."""
        for engine in engines.all():
            inner = getattr(engine, "engine", None)
            if isinstance(inner, Engine):
                return inner
        raise ImproperlyConfigured("No DjangoTemplates backend is configured.")

    @cached_property
    def template_context_processors(self) -> tuple:
        paths = ("nuages.template.context_processors.csrf", *self.context_processors)
        return tuple(import_setting_path(path) for path in paths)

    def get_template_builtins(self, builtins: list) -> list[Library]:
        return [import_library(_library_path(x)) for x in builtins]

    def get_template_libraries(self, libraries: dict) -> dict[str, Library]:
        return {name: import_library(_library_path(path)) for name, path in libraries.items()}

    @cached_property
    def template_loaders(self) -> list:
        return self.get_template_loaders(self.loaders)

    def get_template_loaders(self, template_loaders: list) -> list:
        loaders = []
        for template_loader in template_loaders:
            loader = self.find_template_loader(template_loader)
            if loader is not None:
                loaders.append(loader)
        return loaders

    def find_template_loader(self, loader: Any) -> Any:
        if isinstance(loader, (tuple, list)):
            loader, *args = loader
        else:
            args = []
        if isinstance(loader, str):
            loader_class = import_setting_path(loader)
            return loader_class(self, *args)
        raise ImproperlyConfigured(f"Invalid value in template loaders configuration: {loader!r}")

    def find_template(self, name: str, dirs: Any = None, skip: list | None = None) -> tuple:
        tried: list = []
        for loader in self.template_loaders:
            try:
                template = loader.get_template(name, skip=skip)
                return template, template.origin
            except TemplateDoesNotExist as e:
                tried.extend(e.tried)
        raise TemplateDoesNotExist(name, tried=tried)

    def from_string(self, template_code: str) -> Template:
        """A Template compiled from source, with this engine's options."""
        return Template(template_code, engine=self)

    def get_template(self, template_name: str) -> Any:
        """A compiled Template for template_name ("page.html#partial" selects a partial)."""
        name, _, partial = template_name.partition("#")
        if partial and name:
            template = self.get_template(name)
            partials = template.extra_data.get("partials", {})
            try:
                return partials[partial]
            except KeyError:
                raise TemplateDoesNotExist(
                    template_name, tried=[(template.origin, f"Partial {partial!r} not found")]
                )
        template, origin = self.find_template(template_name)
        if not hasattr(template, "render"):
            template = Template(template, origin, template_name, engine=self)
        return template

    def render_to_string(self, template_name: Any, context: Any = None) -> str:
        if isinstance(template_name, (list, tuple)):
            t = self.select_template(template_name)
        else:
            t = self.get_template(template_name)
        if isinstance(context, Context):
            return t.render(context)
        return t.render(Context(context, autoescape=self.autoescape))

    def select_template(self, template_name_list: Any) -> Any:
        """The first template of the list that exists."""
        if not template_name_list:
            raise TemplateDoesNotExist("No template names provided")
        not_found: list = []
        for template_name in template_name_list:
            try:
                return self.get_template(template_name)
            except TemplateDoesNotExist as exc:
                if exc.args[0] not in not_found:
                    not_found.append(exc.args[0])
        raise TemplateDoesNotExist(", ".join(not_found))


set_default_engine_factory(Engine.get_default)
