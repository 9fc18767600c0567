"""EngineHandler (the `engines` registry built from settings.TEMPLATES) and helpers."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path
from typing import Any

from nuages.apps import apps
from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured
from nuages.core.signals import setting_changed
from nuages.utils.functional import cached_property
from nuages.utils.module_loading import import_string

__all__ = ["EngineHandler", "InvalidTemplateEngineError", "engines", "get_app_template_dirs"]

# A ported settings file names Django's backends; they map to ours.
_BACKEND_ALIASES = {
    "django.template.backends.django.DjangoTemplates": "nuages.template.backends.django.DjangoTemplates",
    "django.template.backends.jinja2.Jinja2": "nuages.template.backends.jinja2.Jinja2",
    "django.template.backends.dummy.TemplateStrings": "nuages.template.backends.dummy.TemplateStrings",
}


class InvalidTemplateEngineError(ImproperlyConfigured):
    """engines[alias] named an engine that TEMPLATES does not define."""


class EngineHandler:
    """Builds the template backends of TEMPLATES lazily; engines['django'] gets one."""

    def __init__(self, templates: list | None = None) -> None:
        self._templates = templates
        self._engines: dict[str, Any] = {}

    def reset(self) -> None:
        """Forget the configuration and built engines (TEMPLATES changed)."""
        self.__dict__.pop("templates", None)
        self._engines = {}
        if not getattr(self, "_explicit", False):
            self._templates = None

    @cached_property
    def templates(self) -> dict[str, dict]:
        if self._templates is None:
            self._templates = settings.TEMPLATES
        templates: dict[str, dict] = {}
        backend_names = []
        for tpl in self._templates:
            try:
                # The default alias is the backend's package name ("django", "jinja2").
                default_name = tpl["BACKEND"].rsplit(".", 2)[-2]
            except Exception:
                invalid_backend = tpl.get("BACKEND", "<not defined>")
                raise ImproperlyConfigured(
                    f"Invalid BACKEND for a template engine: {invalid_backend}. Check your TEMPLATES setting."
                )
            tpl = {"NAME": default_name, "DIRS": [], "APP_DIRS": False, "OPTIONS": {}, **tpl}
            templates[tpl["NAME"]] = tpl
            backend_names.append(tpl["NAME"])
        counts = Counter(backend_names)
        duplicates = [alias for alias, count in counts.most_common() if count > 1]
        if duplicates:
            raise ImproperlyConfigured(
                "Template engine aliases aren't unique, duplicates: {}. Set a unique NAME for "
                "each engine in settings.TEMPLATES.".format(", ".join(duplicates))
            )
        return templates

    def __getitem__(self, alias: str) -> Any:
        try:
            return self._engines[alias]
        except KeyError:
            pass
        try:
            params = self.templates[alias]
        except KeyError:
            raise InvalidTemplateEngineError(
                f"Could not find config for '{alias}' in settings.TEMPLATES"
            )
        params = params.copy()
        backend = params.pop("BACKEND")
        engine_cls = import_string(_BACKEND_ALIASES.get(backend, backend))
        engine = engine_cls(params)
        self._engines[alias] = engine
        return engine

    def __iter__(self) -> Any:
        return iter(self.templates)

    def all(self) -> list:
        return [self[alias] for alias in self]


@functools.lru_cache
def get_app_template_dirs(dirname: str) -> tuple[Path, ...]:
    """The existing `dirname` directories of the installed apps, in INSTALLED_APPS order."""
    return tuple(
        path
        for app_config in apps.get_app_configs()
        if app_config.path and (path := Path(app_config.path) / dirname).is_dir()
    )


engines = EngineHandler()


def _reset_on_settings_change(*, setting: str, **kwargs: Any) -> None:
    if setting in {"TEMPLATES", "DEBUG", "INSTALLED_APPS"}:
        engines.reset()
        get_app_template_dirs.cache_clear()


setting_changed.connect(_reset_on_settings_change, dispatch_uid="nuages.template.utils.reset")
