"""The public template building blocks, under Django's names (django.template.base)."""

from __future__ import annotations

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

__all__ = [
    "BLOCK_TAG_END",
    "BLOCK_TAG_START",
    "COMMENT_TAG_END",
    "COMMENT_TAG_START",
    "DebugLexer",
    "FILTER_ARGUMENT_SEPARATOR",
    "FILTER_SEPARATOR",
    "FilterExpression",
    "Lexer",
    "Node",
    "NodeList",
    "SINGLE_BRACE_END",
    "SINGLE_BRACE_START",
    "TemplateDoesNotExist",
    "TemplateSyntaxError",
    "TextNode",
    "Token",
    "TokenType",
    "VARIABLE_ATTRIBUTE_SEPARATOR",
    "VARIABLE_TAG_END",
    "VARIABLE_TAG_START",
    "Variable",
    "VariableDoesNotExist",
    "VariableNode",
    "filter_re",
    "kwarg_re",
    "render_value_in_context",
    "token_kwargs",
]
