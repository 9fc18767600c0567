"""Helpers shared by the backends: the CSRF hidden input for Jinja2 templates."""

from __future__ import annotations

from typing import Any

from nuages.utils.functional import lazy
from nuages.utils.html import format_html
from nuages.utils.module_loading import import_string
from nuages.utils.safestring import SafeString

__all__ = ["csrf_input", "csrf_input_lazy", "csrf_token_lazy", "get_token"]


def get_token(request: Any) -> str:
    """The request's CSRF token, from the CSRF middleware (a higher layer, loaded by name)."""
    try:
        token_getter = import_string("nuages.middleware.csrf.get_token")
    except ImportError:
        return "NOTPROVIDED"
    return token_getter(request)


def csrf_input(request: Any) -> SafeString:
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )


csrf_input_lazy = lazy(csrf_input, SafeString, str)
csrf_token_lazy = lazy(get_token, str)
