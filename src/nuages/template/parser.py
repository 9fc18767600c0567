"""Parser: tokens to a NodeList, calling each tag's compile function (Django's Parser API)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from nuages.template.exceptions import TemplateSyntaxError
from nuages.template.lexer import Token, TokenType
from nuages.template.nodes import Node, NodeList, TextNode, VariableNode
from nuages.template.variables import FilterExpression

__all__ = ["Parser"]


def _text_list(items: list[str], last_word: str) -> str:
    if len(items) == 1:
        return items[0]
    return "{} {} {}".format(", ".join(items[:-1]), last_word, items[-1])


class Parser:
    """Consumes tokens, building nodes; tags get (parser, token) and may parse sub-lists."""

    def __init__(
        self,
        tokens: list[Token] | str,
        libraries: dict | None = None,
        builtins: list | None = None,
        origin: Any = None,
    ) -> None:
        # Kept reversed so next_token() is a cheap pop().
        self.tokens = list(reversed(tokens))
        self.tags: dict[str, Callable] = {}
        self.filters: dict[str, Callable] = {}
        self.command_stack: list[tuple[str, Token]] = []
        self.libraries = libraries or {}
        self.origin = origin
        self.extra_data: dict = {}
        for builtin in builtins or ():
            self.add_library(builtin)

    def parse(self, parse_until: Iterable[str] | None = None) -> NodeList:
        """Parse up to (not including) a block tag named in parse_until, or to the end."""
        parse_until = tuple(parse_until or ())
        nodelist = NodeList()
        while self.tokens:
            token = self.next_token()
            kind = token.token_type
            if kind is TokenType.TEXT:
                self.extend_nodelist(nodelist, TextNode(token.contents), token)
            elif kind is TokenType.VAR:
                if not token.contents:
                    raise self.error(token, f"Empty variable tag on line {token.lineno}")
                try:
                    filter_expression = self.compile_filter(token.contents)
                except TemplateSyntaxError as e:
                    raise self.error(token, e)
                self.extend_nodelist(nodelist, VariableNode(filter_expression), token)
            elif kind is TokenType.BLOCK:
                try:
                    command = token.contents.split()[0]
                except IndexError:
                    raise self.error(token, f"Empty block tag on line {token.lineno}")
                if command in parse_until:
                    # The caller handles the closing tag.
                    self.prepend_token(token)
                    return nodelist
                self.command_stack.append((command, token))
                try:
                    compile_func = self.tags[command]
                except KeyError:
                    self.invalid_block_tag(token, command, parse_until)
                try:
                    compiled = compile_func(self, token)
                except Exception as e:
                    raise self.error(token, e)
                self.extend_nodelist(nodelist, compiled, token)
                self.command_stack.pop()
        if parse_until:
            self.unclosed_block_tag(parse_until)
        return nodelist

    def skip_past(self, endtag: str) -> None:
        while self.tokens:
            token = self.next_token()
            if token.token_type is TokenType.BLOCK and token.contents == endtag:
                return
        self.unclosed_block_tag([endtag])

    def extend_nodelist(self, nodelist: NodeList, node: Node, token: Token) -> None:
        if node.must_be_first and nodelist.contains_nontext:
            if self.origin is not None and self.origin.template_name:
                where = repr(self.origin.template_name)
            else:
                where = "the template"
            raise self.error(
                token, f"{{% {token.contents.split()[0]} %}} must be the first tag in {where}."
            )
        if not isinstance(node, TextNode):
            nodelist.contains_nontext = True
        # Source position for error pages, and origin to tell templates apart.
        node.token = token
        node.origin = self.origin
        nodelist.append(node)

    def error(self, token: Token, e: Any) -> Exception:
        """Attach token to e (a message or an exception) so the error page can show it."""
        if not isinstance(e, Exception):
            e = TemplateSyntaxError(e)
        if not hasattr(e, "token"):
            e.token = token
        return e

    def invalid_block_tag(
        self, token: Token, command: str, parse_until: Iterable[str] | None = None
    ) -> None:
        if parse_until:
            expected = _text_list([f"'{p}'" for p in parse_until], "or")
            raise self.error(
                token,
                f"Invalid block tag on line {token.lineno}: '{command}', expected {expected}. "
                "Did you forget to register or load this tag?",
            )
        raise self.error(
            token,
            f"Invalid block tag on line {token.lineno}: '{command}'. "
            "Did you forget to register or load this tag?",
        )

    def unclosed_block_tag(self, parse_until: Iterable[str]) -> None:
        command, token = self.command_stack.pop()
        msg = "Unclosed tag on line {}: '{}'. Looking for one of: {}.".format(
            token.lineno, command, ", ".join(parse_until)
        )
        raise self.error(token, msg)

    def next_token(self) -> Token:
        return self.tokens.pop()

    def prepend_token(self, token: Token) -> None:
        self.tokens.append(token)

    def delete_first_token(self) -> None:
        del self.tokens[-1]

    def add_library(self, lib: Any) -> None:
        self.tags.update(lib.tags)
        self.filters.update(lib.filters)

    def compile_filter(self, token: str) -> FilterExpression:
        """Parse a filter expression such as `name|lower|default:"x"`."""
        return FilterExpression(token, self)

    def find_filter(self, filter_name: str) -> Callable:
        if filter_name in self.filters:
            return self.filters[filter_name]
        raise TemplateSyntaxError(f"Invalid filter: '{filter_name}'")
