"""Truncator: shorten text to a number of characters or words, optionally HTML-aware.

HTML mode runs the stdlib HTMLParser and streams its events: tags are copied as written,
text is counted (entities as the character they stand for) and re-escaped, and when the budget
runs out the truncation text is added and the still-open tags are closed.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from typing import Any

from nuages.conf import settings
from nuages.utils._escape import escape
from nuages.utils.functional import SimpleLazyObject, empty
from nuages.utils.translation import pgettext, trans_real

__all__ = ["VOID_ELEMENTS", "Truncator", "add_truncation_text", "truncate_chars"]

# Elements that never have content or an end tag (HTML living standard, plus two old ones).
VOID_ELEMENTS = frozenset(
    {
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
        "frame",
        "spacer",
    }
)

# Splits text into words, keeping leading/trailing whitespace on the first/last word.
_BETWEEN_WORDS = re.compile(r"(?<=\S)\s+(?=\S)")


def add_truncation_text(text: str, truncate: str | None = None) -> str:
    """Append the truncation text (default: an ellipsis) unless text already ends with it."""
    if truncate is None:
        truncate = pgettext("String to return when truncating text", "%(truncated_text)s…")
    truncate = str(truncate)
    if "%(truncated_text)s" in truncate:
        return truncate % {"truncated_text": text}
    if text.endswith(truncate):
        return text
    return f"{text}{truncate}"


def _visible_length(text: str) -> int:
    return sum(1 for char in text if not unicodedata.combining(char))


# The default truncation text per translation object (catalogs never change once loaded; a
# reload makes new objects), and the visible length of each truncation text.
_default_texts: dict[Any, str] = {}
_text_lengths: dict[str, int] = {}


def _default_truncation_text() -> str:
    if not settings.USE_I18N:
        return pgettext("String to return when truncating text", "%(truncated_text)s…")
    catalog = trans_real.catalog()
    text = _default_texts.get(catalog)
    if text is None:
        text = pgettext("String to return when truncating text", "%(truncated_text)s…")
        if len(_default_texts) >= 64:
            _default_texts.clear()
        _default_texts[catalog] = text
    return text


def _truncation_length(truncate: Any) -> int:
    """The visible length of the truncation text alone."""
    if type(truncate) is not str:
        return _visible_length(add_truncation_text("", truncate))
    length = _text_lengths.get(truncate)
    if length is None:
        length = _visible_length(add_truncation_text("", truncate))
        if len(_text_lengths) < 64:
            _text_lengths[truncate] = length
    return length


def truncate_chars(text: str, length: int, truncate: str | None = None) -> str:
    """At most length characters of text (combining marks not counted), truncation included."""
    if length <= 0:
        return ""
    ascii_only = text.isascii()
    if ascii_only and len(text) <= length:
        # No combining marks and NFC is the identity: nothing to cut.
        return text
    if truncate is None:
        truncate = _default_truncation_text()
    # Characters left for the text once the truncation text is counted.
    budget = max(0, length - _truncation_length(truncate))
    if ascii_only:
        return add_truncation_text(text[:budget], truncate)
    text = unicodedata.normalize("NFC", text)
    count = 0
    cut = None
    for index, char in enumerate(text):
        if unicodedata.combining(char):
            continue
        count += 1
        if cut is None and count > budget:
            cut = index
        if count > length:
            return add_truncation_text(text[: cut or 0], truncate)
    return text


class _Done(Exception):
    """Raised inside the parser once the output is complete."""


class _HTMLTruncator(HTMLParser):
    """Copy markup, spending a budget on text; subclasses say how text is measured."""

    def __init__(self, budget: int, truncate: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.remaining = budget
        self.truncate = truncate
        self.output: list[str] = []
        self.open_tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.before_markup()
        self.output.append(self.get_starttag_text() or "")
        if tag not in VOID_ELEMENTS:
            self.open_tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        self.before_markup()
        self.output.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS:
            return
        self.before_markup()
        self.output.append(f"</{tag}>")
        for index in range(len(self.open_tags) - 1, -1, -1):
            if self.open_tags[index] == tag:
                del self.open_tags[index]
                break

    def before_markup(self) -> None:
        """Hook run before markup is copied."""

    def finish(self, text: str) -> None:
        """Emit the last (cut) text with the truncation text, close open tags, and stop."""
        self.output.append(add_truncation_text(text, self.truncate))
        self.output.extend(f"</{tag}>" for tag in reversed(self.open_tags))
        raise _Done

    def run(self, text: str) -> str:
        try:
            self.feed(text)
            self.close()
        except _Done:
            pass
        else:
            self.at_end()
        return "".join(self.output)

    def at_end(self) -> None:
        """Hook run when the whole input fit."""


class _CharsTruncator(_HTMLTruncator):
    def __init__(self, length: int, budget: int, truncate: str | None) -> None:
        super().__init__(budget, truncate)
        self.length = length
        self.seen = 0
        # Text that reached exactly `length` characters: whole if nothing follows it.
        self.pending: str | None = None

    def handle_data(self, data: str) -> None:
        self.before_markup()
        self.seen += len(data)
        if len(data) <= self.remaining:
            self.remaining -= len(data)
            self.output.append(escape(data))
        elif self.seen == self.length:
            self.pending = data
        else:
            self.finish(escape(data[: self.remaining]))

    def before_markup(self) -> None:
        if self.pending is not None:
            data, self.pending = self.pending, None
            self.finish(escape(data[: self.remaining]))

    def at_end(self) -> None:
        if self.pending is not None:
            self.output.append(escape(self.pending))


class _WordsTruncator(_HTMLTruncator):
    def __init__(self, budget: int, truncate: str | None) -> None:
        super().__init__(budget, truncate)
        # Words that used up the budget exactly: whole if nothing follows them.
        self.pending: list[str] | None = None

    def handle_data(self, data: str) -> None:
        self.before_markup()
        words = [] if data.isspace() else _BETWEEN_WORDS.split(data)
        if len(words) > self.remaining:
            self.finish(escape(" ".join(words[: self.remaining]).rstrip()))
        elif words and len(words) == self.remaining:
            self.pending = words
        else:
            self.remaining -= len(words)
            self.output.append(escape(" ".join(words) if words else data))

    def before_markup(self) -> None:
        if self.pending is not None:
            words, self.pending = self.pending, None
            self.finish(escape(" ".join(words).rstrip()))

    def at_end(self) -> None:
        if self.pending is not None:
            self.output.append(escape(" ".join(self.pending)))


class Truncator(SimpleLazyObject):
    """Lazily shorten a text: .chars(n) and .words(n), each with an optional html=True."""

    # HTML input beyond this many characters is cut before parsing (bounds the work).
    MAX_LENGTH_HTML = 5_000_000

    def __init__(self, text: Any) -> None:
        super().__init__(lambda: str(text))

    def _text(self) -> str:
        if self._wrapped is empty:
            self._setup()
        return self._wrapped

    def add_truncation_text(self, text: str, truncate: str | None = None) -> str:
        return add_truncation_text(text, truncate)

    def chars(self, num: Any, truncate: str | None = None, html: bool = False) -> str:
        """At most num characters (combining marks not counted), truncation text included."""
        length = int(num)
        if length <= 0:
            return ""
        if not html:
            return truncate_chars(self._text(), length, truncate)
        text = unicodedata.normalize("NFC", self._text())
        # Characters left for the text once the truncation text is counted.
        budget = max(0, length - _visible_length(add_truncation_text("", truncate)))
        return _CharsTruncator(length, budget, truncate).run(text[: self.MAX_LENGTH_HTML])

    def words(self, num: Any, truncate: str | None = None, html: bool = False) -> str:
        """At most num words followed by the truncation text; whitespace is normalized."""
        length = int(num)
        if length <= 0:
            return ""
        if html:
            text = self._text()[: self.MAX_LENGTH_HTML]
            return _WordsTruncator(length, truncate).run(text)
        words = self._text().split()
        if len(words) > length:
            return add_truncation_text(" ".join(words[:length]), truncate)
        return " ".join(words)
