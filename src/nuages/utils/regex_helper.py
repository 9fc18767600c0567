"""Turn a regular expression back into the URLs it can match, for reverse().

`normalize()` reads a regex and returns every "shape" of string it describes, as
``(format_string, parameter_names)`` pairs: each capturing group becomes ``%(name)s``
(unnamed groups are ``_0``, ``_1``, ...), optional groups give one shape without and one
with the group, and everything else is replaced by a sample character. Top-level
alternation cannot be reversed and yields the single empty shape.
"""

from __future__ import annotations

import re
from typing import Any

from nuages.utils.functional import SimpleLazyObject

__all__ = ["normalize"]

# What an escape stands for when building a sample URL; None means "matches no text".
_ESCAPE_SAMPLES = {
    "A": None,
    "b": None,
    "B": None,
    "d": "0",
    "D": "x",
    "s": " ",
    "S": "x",
    "w": "x",
    "W": "!",
    "Z": None,
    "z": None,
}
_FLAG_CHARS = "aiLmsux-"


class _Disjunction(Exception):
    """An alternation that reverse() cannot choose a branch for."""


class _Param:
    """A capturing group or a backreference: one substitution slot."""

    __slots__ = ("name", "new")

    def __init__(self, name: str, new: bool) -> None:
        self.name = name
        self.new = new


class _Seq(list):
    """A non-capturing group: its items in order."""


class _Choice(list):
    """Alternatives for one position (None means "nothing")."""


def _has_param(item: Any) -> bool:
    if isinstance(item, _Param):
        return True
    if isinstance(item, list):
        return any(_has_param(sub) for sub in item)
    return False


class _Reader:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.pos = 0
        self.positional = 0

    def _next(self) -> str:
        ch = self.text[self.pos]
        self.pos += 1
        return ch

    def _at_end(self) -> bool:
        return self.pos >= len(self.text)

    def _skip_group_body(self) -> None:
        """Skip to just past the parenthesis closing the current group."""
        depth = 1
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            self.pos += 1
            if ch == "\\":
                self.pos += 1
            elif ch == "[":
                self._skip_class()
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return

    def _skip_class(self) -> str | None:
        """Skip a character class (after its '['), returning a sample character for it."""
        text = self.text
        sample = None
        while self.pos < len(text):
            ch = text[self.pos]
            self.pos += 1
            if ch == "\\" and self.pos < len(text):
                ch = text[self.pos]
                self.pos += 1
                if sample is None:
                    sample = _ESCAPE_SAMPLES.get(ch, ch) or ch
                continue
            if ch == "]" and sample is not None:
                return sample
            if sample is None:
                sample = ch
        return sample

    def _read_until(self, terminator: str) -> str:
        end = self.text.index(terminator, self.pos)
        value = self.text[self.pos : end]
        self.pos = end + 1
        return value

    def _quantifier(self, ch: str) -> int | None:
        """The minimum repeat count of a quantifier starting with ch (None: not one)."""
        if ch in "*?":
            minimum = 0
        elif ch == "+":
            minimum = 1
        else:
            match = re.match(r"(\d*)(?:,(\d*))?\}", self.text[self.pos :])
            if not match or (not match.group(1) and match.group(2) is None):
                return None
            self.pos += match.end()
            minimum = int(match.group(1) or 0)
        # A lazy or possessive marker does not change what can be matched.
        if not self._at_end() and self.text[self.pos] in "?+":
            self.pos += 1
        return minimum

    def _group(self) -> Any:
        """Read a group after its '(' and return what it contributes (or None)."""
        if self._at_end() or self.text[self.pos] != "?":
            name = f"_{self.positional}"
            self.positional += 1
            self._skip_group_body()
            return _Param(name, True)
        self.pos += 1
        kind = self._next()
        if kind == ":":
            return _Seq(self.sequence(in_group=True))
        if kind == "P":
            mark = self._next()
            if mark == "<":
                name = self._read_until(">")
                self._skip_group_body()
                return _Param(name, True)
            if mark == "=":
                return _Param(self._read_until(")"), False)
            raise ValueError(f"Non-reversible reg-exp portion: '(?P{mark}'")
        if kind in "=!#<" or kind in _FLAG_CHARS:
            # Lookarounds, comments and flag groups add no text of their own.
            self._skip_group_body()
            return None
        raise ValueError(f"Non-reversible reg-exp portion: '(?{kind}'")

    def sequence(self, in_group: bool = False) -> list:
        items: list = []
        while not self._at_end():
            ch = self._next()
            if ch == "\\":
                if self._at_end():
                    break
                esc = self._next()
                sample = _ESCAPE_SAMPLES.get(esc, esc)
                items.append(sample)
            elif ch == "|":
                raise _Disjunction
            elif ch == "^":
                continue
            elif ch == "$":
                self.pos = len(self.text)
                break
            elif ch == ")" and in_group:
                break
            elif ch == "[":
                items.append(self._skip_class())
            elif ch == "(":
                items.append(self._group())
            elif ch in "*?+{":
                minimum = self._quantifier(ch)
                if minimum is None:
                    items.append(ch)
                elif items:
                    last = items.pop()
                    if minimum == 0:
                        if _has_param(last):
                            items.append(_Choice([None, last]))
                    else:
                        items.extend([last] * minimum)
            else:
                items.append(ch)
        return items


def _expand(items: list) -> list[tuple[str, list[str]]]:
    """All (format string, params) shapes of a sequence, earliest choices varying slowest."""
    shapes: list[tuple[str, list[str]]] = [("", [])]
    for item in items:
        if item is None:
            continue
        if isinstance(item, str):
            piece = item.replace("%", "%%")
            shapes = [(fmt + piece, params) for fmt, params in shapes]
        elif isinstance(item, _Param):
            piece = f"%({item.name})s"
            extra = [item.name] if item.new else []
            shapes = [(fmt + piece, params + extra) for fmt, params in shapes]
        else:
            options: list[tuple[str, list[str]]] = []
            if isinstance(item, _Choice):
                for option in item:
                    options.extend(_expand([] if option is None else [option]))
            else:
                options = _expand(item)
            shapes = [
                (fmt + ofmt, params + oparams)
                for fmt, params in shapes
                for ofmt, oparams in options
            ]
    return shapes


def normalize(pattern: str) -> list[tuple[str, list[str]]]:
    """The (format_string, parameter_names) shapes that pattern can match, for reversing."""
    try:
        items = _Reader(pattern).sequence()
    except _Disjunction:
        return [("", [])]
    return _expand(items)


def _lazy_re_compile(regex: str | bytes, flags: int = 0) -> Any:
    """Compile a regex on first use (keeps module import cheap)."""
    return SimpleLazyObject(
        lambda: regex if isinstance(regex, re.Pattern) else re.compile(regex, flags)
    )
