"""Styles for management command output, coloured when the terminal supports it."""

from __future__ import annotations

import functools
import os
import sys
from typing import Any

from nuages.utils import termcolors

__all__ = ["Style", "color_style", "make_style", "no_style", "supports_color"]


def supports_color() -> bool:
    """True when stdout is a terminal that understands ANSI colours."""
    if os.environ.get("NO_COLOR"):
        return False
    if sys.platform == "win32" and "ANSICON" not in os.environ and "WT_SESSION" not in os.environ:
        return os.environ.get("TERM_PROGRAM") == "vscode" or os.environ.get("TERM") == "xterm"
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


class Style:
    """Callable attributes, one per palette role: style.ERROR("text")."""

    def __getattr__(self, name: str) -> Any:
        # Unknown roles leave text unchanged, so commands can use any role name.
        if name.isupper():
            return _identity
        raise AttributeError(name)


def _identity(text: str) -> str:
    return text


def make_style(config_string: str = "") -> Style:
    """Build a Style from a palette description (see termcolors.parse_color_setting)."""
    style = Style()
    palette = termcolors.parse_color_setting(config_string)
    for role in termcolors.PALETTES[termcolors.NOCOLOR_PALETTE]:
        fmt = palette.get(role, {}) if palette else {}
        setattr(style, role, termcolors.make_style(**fmt) if fmt else _identity)
    # Django keeps ERROR_OUTPUT as an alias of ERROR.
    style.ERROR_OUTPUT = style.ERROR
    return style


@functools.cache
def no_style() -> Style:
    """A Style whose roles return text unchanged."""
    return make_style("nocolor")


def color_style(force_color: bool = False) -> Style:
    """The coloured Style when supported (or forced), else no_style()."""
    if not force_color and not supports_color():
        return no_style()
    return make_style(os.environ.get("NUAGES_COLORS", os.environ.get("DJANGO_COLORS", "")))
