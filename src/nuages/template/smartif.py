"""The {% if %} expression parser: a small Pratt parser with Django's operator precedence.

The tree it builds compiles to inline Python (see IfNode.compile) and can also evaluate
itself (`eval(context)`) for code that uses it directly.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

__all__ = ["OPERATORS", "EndToken", "IfParser", "Literal", "Operator"]


class _Token:
    """Base of parsed items: knows its binding power and how to show itself in errors."""

    id = ""
    lbp = 0

    def nud(self, parser: IfParser) -> _Token:
        raise parser.error_class(f"Not expecting '{self.id}' in this position in if tag.")

    def led(self, left: _Token, parser: IfParser) -> _Token:
        raise parser.error_class(f"Not expecting '{self.id}' as infix operator in if tag.")

    def display(self) -> str:
        return self.id

    def __repr__(self) -> str:
        out = [
            str(x)
            for x in [self.id, getattr(self, "first", None), getattr(self, "second", None)]
            if x is not None
        ]
        return "(" + " ".join(out) + ")"


class Operator(_Token):
    """An operator occurrence; `spec` says its arity, precedence and Python meaning."""

    def __init__(self, op_id: str, bp: int, func: Callable, prefix: bool, python: str) -> None:
        self.id = op_id
        self.lbp = 0 if prefix else bp
        self.bp = bp
        self.func = func
        self.prefix = prefix
        self.python = python
        self.first: Any = None
        self.second: Any = None

    def nud(self, parser: IfParser) -> _Token:
        if not self.prefix:
            return super().nud(parser)
        self.first = parser.expression(self.bp)
        self.second = None
        return self

    def led(self, left: _Token, parser: IfParser) -> _Token:
        if self.prefix:
            return super().led(left, parser)
        self.first = left
        self.second = parser.expression(self.bp)
        return self

    def eval(self, context: Any) -> Any:
        # A template must not fail on `{% if a in b %}` when b does not support `in`.
        try:
            if self.id == "or":
                return self.first.eval(context) or self.second.eval(context)
            if self.id == "and":
                return self.first.eval(context) and self.second.eval(context)
            if self.prefix:
                return self.func(self.first.eval(context))
            return self.func(self.first.eval(context), self.second.eval(context))
        except Exception:
            return False


def _not_in(x: Any, y: Any) -> bool:
    return x not in y


def _in(x: Any, y: Any) -> bool:
    return x in y


# op -> (binding power, function, is prefix, Python operator)
OPERATORS: dict[str, tuple[int, Callable, bool, str]] = {
    "or": (6, operator.or_, False, "or"),
    "and": (7, operator.and_, False, "and"),
    "not": (8, operator.not_, True, "not"),
    "in": (9, _in, False, "in"),
    "not in": (9, _not_in, False, "not in"),
    "is": (10, operator.is_, False, "is"),
    "is not": (10, operator.is_not, False, "is not"),
    "==": (10, operator.eq, False, "=="),
    "!=": (10, operator.ne, False, "!="),
    ">": (10, operator.gt, False, ">"),
    ">=": (10, operator.ge, False, ">="),
    "<": (10, operator.lt, False, "<"),
    "<=": (10, operator.le, False, "<="),
}


class Literal(_Token):
    """An operand: a FilterExpression (or, in the plain IfParser, a raw value)."""

    id = "literal"
    lbp = 0

    def __init__(self, value: Any, text: str | None = None) -> None:
        self.value = value
        self.text = text

    def display(self) -> str:
        return self.text if self.text is not None else repr(self.value)

    def nud(self, parser: IfParser) -> _Token:
        return self

    def eval(self, context: Any) -> Any:
        if hasattr(self.value, "resolve"):
            return self.value.resolve(context, ignore_failures=True)
        return self.value

    def __repr__(self) -> str:
        return f"({self.id} {self.value!r})"


class _End(_Token):
    lbp = 0

    def nud(self, parser: IfParser) -> _Token:
        raise parser.error_class("Unexpected end of expression in if tag.")


EndToken = _End()


class IfParser:
    """Parses a list of words into an expression tree."""

    error_class: type[Exception] = ValueError

    def __init__(self, tokens: list) -> None:
        mapped = []
        i = 0
        n = len(tokens)
        while i < n:
            token = tokens[i]
            # "is not" and "not in" are single operators.
            if token == "is" and i + 1 < n and tokens[i + 1] == "not":
                token = "is not"
                i += 1
            elif token == "not" and i + 1 < n and tokens[i + 1] == "in":
                token = "not in"
                i += 1
            mapped.append(self.translate_token(token))
            i += 1
        self.tokens = mapped
        self.pos = 0
        self.current_token = self.next_token()

    def translate_token(self, token: Any) -> _Token:
        try:
            spec = OPERATORS[token]
        except (KeyError, TypeError):
            return self.create_var(token)
        bp, func, prefix, python = spec
        return Operator(token, bp, func, prefix, python)

    def next_token(self) -> _Token:
        if self.pos >= len(self.tokens):
            return EndToken
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> _Token:
        result = self.expression()
        if self.current_token is not EndToken:
            raise self.error_class(
                f"Unused '{self.current_token.display()}' at end of if expression."
            )
        return result

    def expression(self, rbp: int = 0) -> _Token:
        token = self.current_token
        self.current_token = self.next_token()
        left = token.nud(self)
        while rbp < self.current_token.lbp:
            token = self.current_token
            self.current_token = self.next_token()
            left = token.led(left, self)
        return left

    def create_var(self, value: Any) -> _Token:
        return Literal(value)
