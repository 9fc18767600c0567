"""Signals of the test tools, and receivers that keep caches in step with overridden settings.

Receivers only touch modules that are already imported: a module that was never loaded has no
cache to clear, and looking it up in sys.modules keeps the test layer from importing layers
a project does not use.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

from nuages.core.signals import setting_changed
from nuages.dispatch import Signal, receiver

__all__ = [
    "COMPLEX_OVERRIDE_SETTINGS",
    "instrument_template_rendering",
    "restore_template_rendering",
    "setting_changed",
    "template_rendered",
]

# Sent with sender=<template>, template=<template>, context=<context> each time a template is
# rendered while the test environment is set up (assertTemplateUsed, response.templates).
template_rendered = Signal()

COMPLEX_OVERRIDE_SETTINGS = {"DATABASES"}


def _loaded(module_name: str) -> Any:
    return sys.modules.get(module_name)


def _spec(module_name: str) -> bool:
    try:
        return importlib.util.find_spec(module_name) is not None
    except ImportError:
        return False


def _call_if_loaded(module_name: str, attr: str, *args: Any) -> None:
    module = _loaded(module_name)
    func = getattr(module, attr, None) if module is not None else None
    if func is not None:
        func(*args)


def _cache_clear_if_loaded(module_name: str, attr: str) -> None:
    module = _loaded(module_name)
    func = getattr(module, attr, None) if module is not None else None
    if func is not None and hasattr(func, "cache_clear"):
        func.cache_clear()


@receiver(setting_changed)
def root_urlconf_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "ROOT_URLCONF":
        _call_if_loaded("nuages.urls", "clear_url_caches")
        _call_if_loaded("nuages.urls", "set_urlconf", None)


@receiver(setting_changed)
def update_time_zone(*, setting: str, value: Any, **kwargs: Any) -> None:
    # The process clock follows TIME_ZONE, as it does when settings load.
    if setting == "TIME_ZONE" and hasattr(time, "tzset"):
        if value:
            os.environ["TZ"] = value
        else:
            os.environ.pop("TZ", None)
        time.tzset()
    if setting in {"TIME_ZONE", "USE_TZ"}:
        _cache_clear_if_loaded("nuages.utils.timezone", "get_default_timezone")


@receiver(setting_changed)
def reset_template_engines(*, setting: str, **kwargs: Any) -> None:
    if setting not in {"TEMPLATES", "DEBUG", "INSTALLED_APPS"}:
        return
    template = _loaded("nuages.template")
    engines = getattr(template, "engines", None) if template is not None else None
    if engines is not None:
        # The engines handler builds engines lazily from TEMPLATES; forget what it built.
        reset = getattr(engines, "reset", None)
        if reset is not None:
            reset()
        else:
            engines.__dict__.pop("templates", None)
            if hasattr(engines, "_templates"):
                engines._templates = None
            if hasattr(engines, "_engines"):
                engines._engines = {}
    engine_module = _loaded("nuages.template.engine")
    engine_class = getattr(engine_module, "Engine", None) if engine_module is not None else None
    if engine_class is not None and hasattr(engine_class.get_default, "cache_clear"):
        engine_class.get_default.cache_clear()
    _cache_clear_if_loaded("nuages.forms.renderers", "get_default_renderer")


@receiver(setting_changed)
def language_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _call_if_loaded("nuages.utils.translation", "_reset_caches")
        _call_if_loaded("nuages.utils.translation.trans_real", "_reset_caches")


@receiver(setting_changed)
def complex_setting_changed(*, setting: str, enter: bool, **kwargs: Any) -> None:
    if enter and setting in COMPLEX_OVERRIDE_SETTINGS:
        # stacklevel reaches past the signal machinery to the override_settings user.
        warnings.warn(
            f"Overriding setting {setting} can lead to unexpected behavior.", stacklevel=6
        )


# --- template instrumentation -------------------------------------------------------------


def _template_class() -> Any:
    # Rendering can start after the environment is set up: load the engine now if it exists.
    for module_name in ("nuages.template.base", "nuages.template"):
        if not _spec(module_name):
            continue
        cls = getattr(importlib.import_module(module_name), "Template", None)
        if cls is not None and hasattr(cls, "_render"):
            return cls
    return None


def instrument_template_rendering() -> Callable | None:
    """Make Template._render send template_rendered; returns what to restore later.

    The template engine calls Template._render(context) for every render, its own or included
    templates, so patching that one method observes them all.
    """
    cls = _template_class()
    if cls is None:
        return None
    original = cls._render

    def instrumented_render(self: Any, context: Any) -> Any:
        template_rendered.send(sender=self, template=self, context=context)
        return original(self, context)

    instrumented_render._nuages_original = original  # type: ignore[attr-defined]
    cls._render = instrumented_render
    return original


def restore_template_rendering(original: Callable | None) -> None:
    cls = _template_class()
    if cls is not None and original is not None:
        cls._render = original
