"""Form renderers: which template engine renders forms, widgets and errors."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from nuages.conf import settings
from nuages.template.backends.django import DjangoTemplates as DjangoTemplatesBackend
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


class EngineMixin:
    backend: Any = None

    def get_template(self, template_name: str) -> Any:
        return self.engine.get_template(template_name)

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


class DjangoTemplates(EngineMixin, BaseRenderer):
    """The default: nuages's template engine with the built-in form templates."""

    backend = DjangoTemplatesBackend


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
        return get_template(template_name)
