"""Parse HTML into a comparable tree, for assertHTMLEqual, assertInHTML and friends.

Two fragments compare equal when they differ only in ways a browser would not show:
whitespace runs and surrounding whitespace, attribute order, class order, the spelling of a
boolean attribute (``checked`` == ``checked="checked"``), character references, and unclosed
tags (closed by their parent or the end of the document).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Union

__all__ = [
    "Element",
    "HTMLParseError",
    "Parser",
    "RootElement",
    "normalize_whitespace",
    "parse_html",
]

_WHITESPACE = re.compile(r"[\t\n\f\r ]+")

VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
BOOLEAN_ATTRIBUTES = frozenset(
    [
        "allowfullscreen",
        "async",
        "autofocus",
        "autoplay",
        "checked",
        "controls",
        "default",
        "defer",
        "disabled",
        "formnovalidate",
        "hidden",
        "inert",
        "ismap",
        "itemscope",
        "loop",
        "multiple",
        "muted",
        "nomodule",
        "novalidate",
        "open",
        "playsinline",
        "readonly",
        "required",
        "reversed",
        "selected",
        "truespeed",
    ]
)

Node = Union[str, "Element"]


def normalize_whitespace(text: str) -> str:
    """Collapse each run of ASCII whitespace to one space."""
    return _WHITESPACE.sub(" ", text)


def _normalize_attribute(name: str, value: str | None) -> tuple[str, str | None]:
    if name == "class" and value is not None:
        value = " ".join(sorted(c for c in _WHITESPACE.split(value) if c))
    if name in BOOLEAN_ATTRIBUTES:
        # Presence is the value: checked, checked="" and checked="checked" all mean the same.
        if not value or value == name:
            value = None
    elif value is None:
        value = ""
    return name, value


class HTMLParseError(Exception):
    """The text is not HTML this parser accepts (an end tag that closes nothing)."""


class Element:
    """An element: a tag name, normalised sorted attributes and child nodes."""

    def __init__(self, name: str | None, attributes: list[tuple[str, str | None]]) -> None:
        self.name = name
        self.attributes = sorted(_normalize_attribute(n, v) for n, v in attributes)
        self.children: list[Node] = []

    def append(self, node: Node) -> None:
        if isinstance(node, str):
            node = normalize_whitespace(node)
            if self.children and isinstance(self.children[-1], str):
                self.children[-1] = normalize_whitespace(self.children[-1] + node)
                return
        if not isinstance(node, str) or node:  # elements with no children are falsy
            self.children.append(node)

    def finalize(self) -> None:
        """Strip text nodes and drop those left empty, recursively."""
        kept: list[Node] = []
        for child in self.children:
            if isinstance(child, str):
                child = child.strip()
                if not child:
                    continue
            else:
                child.finalize()
            kept.append(child)
        self.children = kept

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Element):
            return NotImplemented
        return (
            self.name == other.name
            and self.attributes == other.attributes
            and self.children == other.children
        )

    def __hash__(self) -> int:
        return hash((self.name, *self.attributes))

    def count(self, needle: Node) -> int:
        """How many times needle occurs in this tree (an element, text, or a sequence)."""
        return self._count(needle, first_only=False)

    def __contains__(self, needle: Node) -> bool:
        return self._count(needle, first_only=True) > 0

    def _count(self, needle: Node, first_only: bool) -> int:
        if not isinstance(needle, str) and self == needle:
            return 1
        if isinstance(needle, RootElement) and self.children == needle.children:
            return 1
        total = 0
        run = needle.children if isinstance(needle, RootElement) else []
        matched = 0  # how much of `run` the latest children have matched in a row
        for child in self.children:
            if isinstance(child, str):
                if isinstance(needle, str):
                    total += child.count(needle)
            else:
                total += child._count(needle, first_only)
            if run:
                # A fragment of several nodes occurs where they appear side by side.
                matched = matched + 1 if run[matched] == child else (1 if run[0] == child else 0)
                if matched == len(run):
                    total += 1
                    matched = 0
            if first_only and total:
                return total
        return total

    def __getitem__(self, key: int) -> Node:
        return self.children[key]

    def __len__(self) -> int:
        return len(self.children)

    def _open_tag(self) -> str:
        parts = [f"<{self.name}"]
        for name, value in self.attributes:
            parts.append(f" {name}" if value is None else f' {name}="{html.escape(value)}"')
        return "".join(parts) + ">"

    def __str__(self) -> str:
        inner = "".join(
            html.escape(c, quote=False) if isinstance(c, str) else str(c) for c in self.children
        )
        if self.name in VOID_ELEMENTS and not self.children:
            return self._open_tag()
        if not self.children:
            return f"{self._open_tag()}</{self.name}>"
        return f"{self._open_tag()}\n{inner}\n</{self.name}>"

    def __repr__(self) -> str:
        return str(self)


class RootElement(Element):
    """The document: a nameless element whose children are the top-level nodes."""

    def __init__(self) -> None:
        super().__init__(None, [])

    def __str__(self) -> str:
        return "".join(
            html.escape(c, quote=False) if isinstance(c, str) else str(c) for c in self.children
        )


class Parser(HTMLParser):
    """Build an Element tree from HTML text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = RootElement()
        self.open_tags: list[Element] = []

    @property
    def current(self) -> Element:
        return self.open_tags[-1] if self.open_tags else self.root

    def _where(self) -> str:
        line, column = self.getpos()
        return f"Line {line}, Column {column}"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.append(Element(tag, attrs))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, attrs)
        self.current.append(element)
        if tag not in VOID_ELEMENTS:
            self.open_tags.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS and not any(e.name == tag for e in self.open_tags):
            return  # </br> and friends close nothing
        if not any(e.name == tag for e in self.open_tags):
            raise HTMLParseError(f"Unexpected end tag `{tag}` ({self._where()})")
        # Closing an outer element implicitly closes the elements still open inside it.
        while self.open_tags.pop().name != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.current.append(data)


def parse_html(text: str) -> Element:
    """Parse text; a document of exactly one element is returned as that element."""
    parser = Parser()
    parser.feed(text)
    parser.close()
    document = parser.root
    document.finalize()
    if len(document.children) == 1 and not isinstance(document.children[0], str):
        return document.children[0]
    return document
