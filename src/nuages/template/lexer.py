"""Lexer: split template source into text, variable, block and comment tokens."""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum

__all__ = [
    "BLOCK_TAG_END",
    "BLOCK_TAG_START",
    "COMMENT_TAG_END",
    "COMMENT_TAG_START",
    "SINGLE_BRACE_END",
    "SINGLE_BRACE_START",
    "VARIABLE_TAG_END",
    "VARIABLE_TAG_START",
    "Lexer",
    "Token",
    "TokenType",
    "smart_split",
]

BLOCK_TAG_START = "{%"
BLOCK_TAG_END = "%}"
VARIABLE_TAG_START = "{{"
VARIABLE_TAG_END = "}}"
COMMENT_TAG_START = "{#"
COMMENT_TAG_END = "#}"
SINGLE_BRACE_START = "{"
SINGLE_BRACE_END = "}"

# A tag never spans lines ('.' does not match a newline), and ends at its first closer.
_tag_re = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}")

# One "word" of a tag: runs of non-space text in which quoted strings may hold spaces.
_smart_split_re = re.compile(
    r"""
    (?:[^\s'"]*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')[^\s'"]*)+
    |\S+
    """,
    re.VERBOSE,
)


def smart_split(text: str) -> Iterator[str]:
    """Split on whitespace, keeping quoted strings (with their quotes) in one piece."""
    for match in _smart_split_re.finditer(str(text)):
        yield match.group(0)


class TokenType(Enum):
    TEXT = 0
    VAR = 1
    BLOCK = 2
    COMMENT = 3


class Token:
    """One lexed piece of a template, with its line number and source position."""

    __slots__ = ("contents", "lineno", "position", "token_type")

    def __init__(
        self,
        token_type: TokenType,
        contents: str,
        position: tuple[int, int] | None = None,
        lineno: int | None = None,
    ) -> None:
        self.token_type = token_type
        self.contents = contents
        self.lineno = lineno
        self.position = position

    def __repr__(self) -> str:
        name = self.token_type.name.capitalize()
        return '<{} token: "{}...">'.format(name, self.contents[:20].replace("\n", ""))

    def split_contents(self) -> list[str]:
        """The tag's words; a _("...") translation string with spaces stays one word."""
        split: list[str] = []
        bits = smart_split(self.contents)
        for bit in bits:
            if bit.startswith(('_("', "_('")):
                closer = bit[2] + ")"
                pieces = [bit]
                while not bit.endswith(closer):
                    try:
                        bit = next(bits)
                    except StopIteration:
                        break
                    pieces.append(bit)
                bit = " ".join(pieces)
            split.append(bit)
        return split


class Lexer:
    """Turn a template string into Tokens (positions are always recorded, for error pages)."""

    def __init__(self, template_string: str) -> None:
        self.template_string = template_string
        self.verbatim: str | bool = False

    def __repr__(self) -> str:
        return f'<{type(self).__qualname__} template_string="{self.template_string[:20]}...", verbatim={self.verbatim}>'

    def tokenize(self) -> list[Token]:
        source = self.template_string
        result: list[Token] = []
        lineno = 1
        upto = 0
        for match in _tag_re.finditer(source):
            start, end = match.span()
            if start > upto:
                text = source[upto:start]
                result.append(Token(TokenType.TEXT, text, (upto, start), lineno))
                lineno += text.count("\n")
            tag = match.group(0)
            result.append(self.create_token(tag, (start, end), lineno, True))
            lineno += tag.count("\n")
            upto = end
        if upto < len(source):
            result.append(Token(TokenType.TEXT, source[upto:], (upto, len(source)), lineno))
        return result

    def create_token(
        self, token_string: str, position: tuple[int, int] | None, lineno: int, in_tag: bool
    ) -> Token:
        if in_tag:
            opener = token_string[:2]
            if opener == BLOCK_TAG_START:
                content = token_string[2:-2].strip()
                if self.verbatim:
                    # Inside {% verbatim %} only the matching end tag is a tag.
                    if content != self.verbatim:
                        return Token(TokenType.TEXT, token_string, position, lineno)
                    self.verbatim = False
                elif content[:9] in ("verbatim", "verbatim "):
                    self.verbatim = "end" + content
                return Token(TokenType.BLOCK, content, position, lineno)
            if not self.verbatim:
                content = token_string[2:-2].strip()
                if opener == VARIABLE_TAG_START:
                    return Token(TokenType.VAR, content, position, lineno)
                return Token(TokenType.COMMENT, content, position, lineno)
        return Token(TokenType.TEXT, token_string, position, lineno)


# Kept for code written against Django's two lexers.
DebugLexer = Lexer
