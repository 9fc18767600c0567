"""{% load static %}: static, get_static_prefix, get_media_prefix."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urljoin

from nuages.apps import apps
from nuages.conf import settings
from nuages.template.exceptions import TemplateSyntaxError
from nuages.template.library import Library
from nuages.template.nodes import Node
from nuages.utils.encoding import iri_to_uri
from nuages.utils.html import conditional_escape
from nuages.utils.module_loading import import_string

__all__ = [
    "PrefixNode",
    "StaticNode",
    "do_static",
    "get_media_prefix",
    "get_static_prefix",
    "register",
    "static",
]

register = Library()


class PrefixNode(Node):
    child_nodelists = ()

    def __init__(self, varname: str | None = None, name: str | None = None) -> None:
        if name is None:
            raise TemplateSyntaxError("Prefix nodes must be given a name to return.")
        self.varname = varname
        self.name = name

    @classmethod
    def handle_token(cls, parser: Any, token: Any, name: str) -> PrefixNode:
        tokens = token.contents.split()
        if len(tokens) > 1 and tokens[1] != "as":
            raise TemplateSyntaxError(f"First argument in '{tokens[0]}' must be 'as'")
        varname = tokens[2] if len(tokens) > 1 else None
        return cls(varname, name)

    @classmethod
    def handle_simple(cls, name: str) -> str:
        # iri_to_uri, not quote(): "https://cdn/" must keep its colon.
        return iri_to_uri(getattr(settings, name, None) or "")

    def render(self, context: Any) -> str:
        prefix = self.handle_simple(self.name)
        if self.varname is None:
            return prefix
        context[self.varname] = prefix
        return ""


@register.tag
def get_static_prefix(parser: Any, token: Any) -> PrefixNode:
    """{% get_static_prefix [as var] %}: STATIC_URL."""
    return PrefixNode.handle_token(parser, token, "STATIC_URL")


@register.tag
def get_media_prefix(parser: Any, token: Any) -> PrefixNode:
    """{% get_media_prefix [as var] %}: MEDIA_URL."""
    return PrefixNode.handle_token(parser, token, "MEDIA_URL")


class StaticNode(Node):
    child_nodelists = ()

    def __init__(self, varname: str | None = None, path: Any = None) -> None:
        if path is None:
            raise TemplateSyntaxError("Static template nodes must be given a path to return.")
        self.path = path
        self.varname = varname

    def url(self, context: Any) -> str:
        return self.handle_simple(self.path.resolve(context))

    def render(self, context: Any) -> str:
        url = self.url(context)
        if context.autoescape:
            url = conditional_escape(url)
        if self.varname is None:
            return url
        context[self.varname] = url
        return ""

    @classmethod
    def handle_simple(cls, path: str) -> str:
        """The URL of a static file: the staticfiles storage's if installed, else STATIC_URL + path."""
        if apps.is_installed("nuages.contrib.staticfiles") or apps.is_installed(
            "django.contrib.staticfiles"
        ):
            storage = import_string("nuages.contrib.staticfiles.storage.staticfiles_storage")
            return storage.url(path)
        return urljoin(PrefixNode.handle_simple("STATIC_URL"), quote(path))

    @classmethod
    def handle_token(cls, parser: Any, token: Any) -> StaticNode:
        bits = token.split_contents()
        if len(bits) < 2:
            raise TemplateSyntaxError(f"'{bits[0]}' takes at least one argument (path to file)")
        path = parser.compile_filter(bits[1])
        varname = bits[3] if len(bits) >= 2 and len(bits) > 3 and bits[-2] == "as" else None
        return cls(varname, path)


@register.tag("static")
def do_static(parser: Any, token: Any) -> StaticNode:
    """{% static "path" [as var] %}: the URL of a static file."""
    return StaticNode.handle_token(parser, token)


def static(path: str) -> str:
    """The URL of the static file at path (for Python code)."""
    return StaticNode.handle_simple(path)
