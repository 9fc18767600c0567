"""Form renderers: which template engine renders forms, widgets and errors."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from nuages.conf import settings
from nuages.core.signals import setting_changed
from nuages.forms._fast import FAST_TEMPLATES
from nuages.template.backends.django import DjangoTemplates as DjangoTemplatesBackend
from nuages.template.base import Template as _EngineTemplate
from nuages.template.loader import get_template
from nuages.utils.functional import cached_property
from nuages.utils.module_loading import import_string

__all__ = [
    "BaseRenderer",
    "DjangoDivFormRenderer",
    "DjangoTemplates",
    "EngineMixin",
    "Jinja2",
    "Jinja2DivFormRenderer",
    "TemplatesSetting",
    "get_default_renderer",
]

ROOT = Path(__file__).parent

# Bumped when a setting that decides which template a name loads changes; the renderers'
# template caches compare it before trusting an entry.
_generation = 0


def _forget_templates(*, setting: str, **kwargs: Any) -> None:
    global _generation
    if setting in {"TEMPLATES", "DEBUG", "INSTALLED_APPS", "FORM_RENDERER"}:
        _generation += 1


setting_changed.connect(_forget_templates, dispatch_uid="nuages.forms.renderers.templates")


@functools.lru_cache
def _renderer_for(path: str) -> Any:
    return import_string(path)()


def get_default_renderer() -> Any:
    """The FORM_RENDERER instance (one per class path)."""
    return _renderer_for(settings.FORM_RENDERER)


class BaseRenderer:
    form_template_name = "django/forms/div.html"
    formset_template_name = "django/forms/formsets/div.html"
    field_template_name = "django/forms/field.html"
    bound_field_class = None

    def get_template(self, template_name: str) -> Any:
        raise NotImplementedError("subclasses must implement get_template()")

    def render(self, template_name: str, context: dict, request: Any = None) -> str:
        template = self.get_template(template_name)
        return template.render(context, request=request).strip()


class _TemplateCache:
    """Loaded templates per name for one renderer, dropped when the settings change.

    Only templates whose engine is not in debug mode are kept: in debug mode the loaders
    re-read a template whose file changed, and the renderer asks them every time.
    """

    def __init__(self) -> None:
        self.generation = _generation
        self.templates: dict[str, Any] = {}

    def get(self, template_name: str) -> Any:
        if self.generation != _generation:
            self.generation = _generation
            self.templates = {}
        return self.templates.get(template_name)

    def put(self, template_name: str, template: Any) -> None:
        engine = getattr(getattr(template, "backend", None), "engine", None)
        if engine is not None and not engine.debug:
            self.templates[template_name] = template


class EngineMixin:
    backend: Any = None

    def get_template(self, template_name: str) -> Any:
        cache = self.__dict__.get("_template_cache")
        if cache is None:
            cache = self._template_cache = _TemplateCache()
        template = cache.get(template_name)
        if template is None:
            template = self.engine.get_template(template_name)
            cache.put(template_name, template)
        return template

    @cached_property
    def engine(self) -> Any:
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [ROOT / self.backend.app_dirname],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )


# The test framework wraps Template._render to see every render: then no shortcut is taken.
_plain_render = _EngineTemplate._render


def _uses_builtin_templates(cls: type) -> bool:
    """Whether cls renders the built-in form templates with the stock engine, unchanged."""
    return (
        cls.get_template is EngineMixin.get_template
        and cls.engine is EngineMixin.__dict__["engine"]
        and cls.render is DjangoTemplates.render
        and cls.backend is DjangoTemplatesBackend
    )


class DjangoTemplates(EngineMixin, BaseRenderer):
    """The default: nuages's template engine with the built-in form templates.

    Its engine finds the built-in templates before any app's, so the simplest ones (text
    inputs, labels, empty error lists) are rendered by their Python twins in forms/_fast.py,
    which give the same text; in debug mode, or while the test framework records renders,
    every template renders.
    """

    backend = DjangoTemplatesBackend

    def render(self, template_name: str, context: dict, request: Any = None) -> str:
        fast = FAST_TEMPLATES.get(template_name)
        if fast is not None and request is None and self._shortcuts_allowed():
            html = fast(context)
            if html is not None:
                return html
        return super().render(template_name, context, request)

    def _shortcuts_allowed(self) -> bool:
        builtin = self.__dict__.get("_builtin")
        if builtin is None:
            builtin = self._builtin = _uses_builtin_templates(type(self))
        return builtin and not self.engine.engine.debug and _EngineTemplate._render is _plain_render


class Jinja2(EngineMixin, BaseRenderer):
    """Jinja2 with the built-in templates (needs Jinja2 templates; see docs/forms.md)."""

    @cached_property
    def backend(self) -> Any:
        from nuages.template.backends.jinja2 import Jinja2 as Jinja2Backend  # optional

        return Jinja2Backend


class DjangoDivFormRenderer(DjangoTemplates):
    """Transitional name kept from Django 4.1; div is the default now."""


class Jinja2DivFormRenderer(Jinja2):
    """Transitional name kept from Django 4.1; div is the default now."""


class TemplatesSetting(BaseRenderer):
    """Loads templates through the TEMPLATES setting (so projects can override them)."""

    def get_template(self, template_name: str) -> Any:
        cache = self.__dict__.get("_template_cache")
        if cache is None:
            cache = self._template_cache = _TemplateCache()
        template = cache.get(template_name)
        if template is None:
            template = get_template(template_name)
            cache.put(template_name, template)
        return template
