"""The Django template language, compiled to Python (Django's django.template API)."""

from nuages.template.base import (
    Node,
    NodeList,
    Origin,
    Template,
    Variable,
    VariableDoesNotExist,
)
from nuages.template.context import Context, RequestContext
from nuages.template.engine import Engine
from nuages.template.exceptions import TemplateDoesNotExist, TemplateSyntaxError
from nuages.template.library import Library
from nuages.template.utils import engines

# The engine module installs Engine.get_default as Template()'s default engine on import.

__all__ = [
    "Context",
    "Engine",
    "Library",
    "Node",
    "NodeList",
    "Origin",
    "RequestContext",
    "Template",
    "TemplateDoesNotExist",
    "TemplateSyntaxError",
    "Variable",
    "VariableDoesNotExist",
    "engines",
]
