"""Semantic XML comparison for assertXMLEqual: declarations, comments and PIs do not count."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

__all__ = ["compare_xml"]

_WHITESPACE = re.compile(r"\s+")


def _text(element: ET.Element) -> str:
    # The element's own text: what precedes its first child plus what follows each child.
    parts = [element.text or ""] + [child.tail or "" for child in element]
    return _WHITESPACE.sub(" ", "".join(parts)).strip()


def _equal(a: ET.Element, b: ET.Element) -> bool:
    if a.tag != b.tag or a.attrib != b.attrib or _text(a) != _text(b):
        return False
    children_a, children_b = list(a), list(b)
    return len(children_a) == len(children_b) and all(
        _equal(x, y) for x, y in zip(children_a, children_b, strict=True)
    )


def compare_xml(want: str, got: str) -> bool:
    """True if the two documents have equal root elements (tags, attributes, text, children).

    Raises xml.etree.ElementTree.ParseError when either is not well-formed XML.
    """
    return _equal(ET.fromstring(want.strip()), ET.fromstring(got.strip()))
