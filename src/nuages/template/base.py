"""The public template building blocks, under Django's names (django.template.base)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from nuages.template import compiler
from nuages.template.exceptions import TemplateDoesNotExist, TemplateSyntaxError
from nuages.template.lexer import (
    BLOCK_TAG_END,
    BLOCK_TAG_START,
    COMMENT_TAG_END,
    COMMENT_TAG_START,
    SINGLE_BRACE_END,
    SINGLE_BRACE_START,
    VARIABLE_TAG_END,
    VARIABLE_TAG_START,
    DebugLexer,
    Lexer,
    Token,
    TokenType,
)
from nuages.template.nodes import Node, NodeList, TextNode, VariableNode
from nuages.template.parser import Parser
from nuages.template.runtime import VariableDoesNotExist, render_value_in_context
from nuages.template.variables import (
    FILTER_ARGUMENT_SEPARATOR,
    FILTER_SEPARATOR,
    VARIABLE_ATTRIBUTE_SEPARATOR,
    FilterExpression,
    Variable,
    filter_re,
    kwarg_re,
    token_kwargs,
)
from nuages.utils.safestring import SafeString

__all__ = [
    "BLOCK_TAG_END",
    "BLOCK_TAG_START",
    "COMMENT_TAG_END",
    "COMMENT_TAG_START",
    "FILTER_ARGUMENT_SEPARATOR",
    "FILTER_SEPARATOR",
    "SINGLE_BRACE_END",
    "SINGLE_BRACE_START",
    "UNKNOWN_SOURCE",
    "VARIABLE_ATTRIBUTE_SEPARATOR",
    "VARIABLE_TAG_END",
    "VARIABLE_TAG_START",
    "DebugLexer",
    "FilterExpression",
    "Lexer",
    "Node",
    "NodeList",
    "Origin",
    "Parser",
    "Template",
    "TemplateDoesNotExist",
    "TemplateSyntaxError",
    "TextNode",
    "Token",
    "TokenType",
    "Variable",
    "VariableDoesNotExist",
    "VariableNode",
    "filter_re",
    "kwarg_re",
    "render_value_in_context",
    "set_default_engine_factory",
    "token_kwargs",
]


UNKNOWN_SOURCE = "<unknown source>"


class Origin:
    """Where a template came from: its name (a path, usually) and the loader that found it."""

    def __init__(self, name: str, template_name: str | None = None, loader: Any = None) -> None:
        self.name = name
        self.template_name = template_name
        self.loader = loader

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__} name={self.name!r}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Origin) and self.name == other.name and self.loader == other.loader

    def __hash__(self) -> int:
        return hash(self.name)

    @property
    def loader_name(self) -> str | None:
        if self.loader:
            return f"{self.loader.__module__}.{self.loader.__class__.__name__}"
        return None


# Engine.get_default, installed by nuages.template.engine (which imports this module).
_default_engine: list[Callable[[], Any]] = []


def set_default_engine_factory(factory: Callable[[], Any]) -> None:
    _default_engine[:] = [factory]


class Template:
    """A compiled template. Template(source) uses the default engine, as in Django."""

    def __init__(
        self,
        template_string: Any,
        origin: Origin | None = None,
        name: str | None = None,
        engine: Any = None,
    ) -> None:
        if engine is None:
            engine = _default_engine[0]()
        if origin is None:
            origin = Origin(UNKNOWN_SOURCE)
        self.name = name
        self.origin = origin
        self.engine = engine
        self.source = str(template_string)
        self.extra_data: dict = {}
        self.nodelist = self.compile_nodelist()
        for partial in self.extra_data.get("partials", {}).values():
            # Partials render as part of this template ("page.html#name").
            partial.template = self
        self._fn = compiler.compile_nodelist(self.nodelist, origin)
        self.nodelist._render_fn = self._fn

    def __repr__(self) -> str:
        source = self.source[:20].replace("\n", "")
        return f'<{self.__class__.__qualname__} template_string="{source}...">'

    def __iter__(self) -> Iterator[Node]:
        for node in self.nodelist:
            yield from node

    def _render(self, context: Any) -> SafeString:
        # Every render (included templates and extended parents too) goes through here, so
        # the test framework observes renders by wrapping this one method.
        return SafeString(self._fn(context))

    def render(self, context: Any) -> SafeString:
        """Render with context (a Context); binds the context to this template meanwhile."""
        # RenderContext.push_state(self), spelled out: this runs for every include.
        render_context = context.render_context
        previous = render_context.template
        render_context.template = self
        render_context.dicts.append({})
        try:
            if context.template is None:
                with context.bind_template(self):
                    context.template_name = self.name
                    return self._render(context)
            return self._render(context)
        except Exception as e:
            self._annotate(e, compiler.find_token(e.__traceback__))
            raise
        finally:
            render_context.template = previous
            render_context.dicts.pop()

    def compile_nodelist(self) -> NodeList:
        """Lex and parse the source (TemplateSyntaxError on invalid templates)."""
        parser = Parser(
            Lexer(self.source).tokenize(),
            self.engine.template_libraries,
            self.engine.template_builtins,
            self.origin,
        )
        try:
            nodelist = parser.parse()
        except Exception as e:
            self._annotate(e, getattr(e, "token", None))
            raise
        self.extra_data = parser.extra_data
        return nodelist

    def _annotate(self, e: Exception, token: Any) -> None:
        if token is None or getattr(e, "_nuages_annotated", False):
            return
        e._nuages_annotated = True
        name = self.origin.template_name or self.origin.name
        try:
            e.add_note(f"In template {name}, line {token.lineno}: {{{token.contents[:60]}}}")
        except AttributeError:  # pragma: no cover - exceptions without notes support
            pass
        if self.engine.debug and not hasattr(e, "template_debug"):
            e.template_debug = self.get_exception_info(e, token)

    def get_exception_info(self, exception: Exception, token: Any) -> dict:
        """The dict the debug page shows: the source lines around token, and the message."""
        start, end = token.position or (0, 0)
        context_lines = 10
        line = 0
        upto = 0
        source_lines = []
        before = during = after = ""
        for num, next_break in enumerate(_linebreaks(self.source)):
            if start >= upto and end <= next_break:
                line = num
                before = self.source[upto:start]
                during = self.source[start:end]
                after = self.source[end:next_break]
            source_lines.append((num, self.source[upto:next_break]))
            upto = next_break
        total = len(source_lines)
        top = max(1, line - context_lines)
        bottom = min(total, line + 1 + context_lines)
        try:
            message = str(exception.args[0])
        except (IndexError, UnicodeDecodeError):
            message = "(Could not get exception message)"
        return {
            "message": message,
            "source_lines": source_lines[top:bottom],
            "before": before,
            "during": during,
            "after": after,
            "top": top,
            "bottom": bottom,
            "total": total,
            "line": line,
            "name": self.origin.name,
            "start": start,
            "end": end,
        }


def _linebreaks(source: str) -> Iterator[int]:
    yield 0
    p = source.find("\n")
    while p >= 0:
        yield p + 1
        p = source.find("\n", p + 1)
    yield len(source) + 1
