"""Load templates from every configured engine: get_template, select_template, render_to_string."""

from __future__ import annotations

from typing import Any

from nuages.template.exceptions import TemplateDoesNotExist
from nuages.template.utils import engines

__all__ = ["get_template", "render_to_string", "select_template"]


def _engine_list(using: str | None = None) -> list:
    return engines.all() if using is None else [engines[using]]


def get_template(template_name: str, using: str | None = None) -> Any:
    """The first engine's template named template_name (a backend Template)."""
    chain = []
    for engine in _engine_list(using):
        try:
            return engine.get_template(template_name)
        except TemplateDoesNotExist as e:
            chain.append(e)
    raise TemplateDoesNotExist(template_name, chain=chain)


def select_template(template_name_list: Any, using: str | None = None) -> Any:
    """The first template of the list that some engine has."""
    if isinstance(template_name_list, str):
        raise TypeError(
            "select_template() takes an iterable of template names but got a string: "
            f"{template_name_list!r}. Use get_template() if you want to load a single template by name."
        )
    chain = []
    engines_ = _engine_list(using)
    for template_name in template_name_list:
        for engine in engines_:
            try:
                return engine.get_template(template_name)
            except TemplateDoesNotExist as e:
                chain.append(e)
    if template_name_list:
        raise TemplateDoesNotExist(", ".join(template_name_list), chain=chain)
    raise TemplateDoesNotExist("No template names provided")


def render_to_string(
    template_name: Any, context: dict | None = None, request: Any = None, using: str | None = None
) -> str:
    """Load a template (a name or a list of names) and render it with context."""
    if isinstance(template_name, (list, tuple)):
        template = select_template(template_name, using=using)
    else:
        template = get_template(template_name, using=using)
    return template.render(context, request)
