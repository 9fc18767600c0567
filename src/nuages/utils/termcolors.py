"""ANSI terminal colours, and the palettes management commands style their output with."""

from __future__ import annotations

from collections.abc import Callable

__all__ = [
    "DARK_PALETTE",
    "DEFAULT_PALETTE",
    "LIGHT_PALETTE",
    "NOCOLOR_PALETTE",
    "PALETTES",
    "background",
    "colorize",
    "foreground",
    "make_style",
    "opt_dict",
    "parse_color_setting",
]

_COLORS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
foreground = {name: str(30 + i) for i, name in enumerate(_COLORS)}
background = {name: str(40 + i) for i, name in enumerate(_COLORS)}
RESET = "0"
opt_dict = {"bold": "1", "underscore": "4", "blink": "5", "reverse": "7", "conceal": "8"}


def colorize(text: str = "", opts: tuple[str, ...] = (), **kwargs: str) -> str:
    """Wrap text in ANSI codes: colorize("x", fg="red", bg="blue", opts=("bold",)).

    With opts=("reset",) and no text, return the bare reset sequence; "noreset" in opts
    leaves the style open after the text.
    """
    codes = []
    if text == "" and len(opts) == 1 and opts[0] == "reset":
        return f"\x1b[{RESET}m"
    for key, value in kwargs.items():
        if key == "fg":
            codes.append(foreground[value])
        elif key == "bg":
            codes.append(background[value])
    codes.extend(opt_dict[o] for o in opts if o in opt_dict)
    if "noreset" not in opts:
        text = f"{text}\x1b[{RESET}m"
    return f"\x1b[{';'.join(codes)}m{text}"


def make_style(opts: tuple[str, ...] = (), **kwargs: str) -> Callable[[str], str]:
    """Return a function that colorizes its argument with the given style."""
    return lambda text: colorize(text, opts, **kwargs)


NOCOLOR_PALETTE = "nocolor"
DARK_PALETTE = "dark"
LIGHT_PALETTE = "light"

# Role -> style; the role names are the ones Django's palettes define.
_DARK: dict[str, dict] = {
    "ERROR": {"fg": "red", "opts": ("bold",)},
    "SUCCESS": {"fg": "green", "opts": ("bold",)},
    "WARNING": {"fg": "yellow", "opts": ("bold",)},
    "NOTICE": {"fg": "red"},
    "SQL_FIELD": {"fg": "green", "opts": ("bold",)},
    "SQL_COLTYPE": {"fg": "green"},
    "SQL_KEYWORD": {"fg": "yellow"},
    "SQL_TABLE": {"opts": ("bold",)},
    "HTTP_INFO": {"opts": ("bold",)},
    "HTTP_SUCCESS": {},
    "HTTP_REDIRECT": {"fg": "green"},
    "HTTP_NOT_MODIFIED": {"fg": "cyan"},
    "HTTP_BAD_REQUEST": {"fg": "red", "opts": ("bold",)},
    "HTTP_NOT_FOUND": {"fg": "yellow"},
    "HTTP_SERVER_ERROR": {"fg": "magenta", "opts": ("bold",)},
    "MIGRATE_HEADING": {"fg": "cyan", "opts": ("bold",)},
    "MIGRATE_LABEL": {"opts": ("bold",)},
}
_LIGHT = {
    **_DARK,
    "SUCCESS": {"fg": "green", "opts": ("bold",)},
    "NOTICE": {"fg": "red"},
    "SQL_FIELD": {"fg": "green", "opts": ("bold",)},
    "SQL_COLTYPE": {"fg": "green"},
    "SQL_KEYWORD": {"fg": "blue"},
    "HTTP_INFO": {"opts": ("bold",)},
    "HTTP_REDIRECT": {"fg": "green", "opts": ("bold",)},
    "HTTP_NOT_MODIFIED": {"fg": "green"},
    "HTTP_NOT_FOUND": {"fg": "red"},
    "MIGRATE_HEADING": {"fg": "cyan", "opts": ("bold",)},
}
PALETTES: dict[str, dict[str, dict]] = {
    NOCOLOR_PALETTE: {role: {} for role in _DARK},
    DARK_PALETTE: _DARK,
    LIGHT_PALETTE: _LIGHT,
}
DEFAULT_PALETTE = DARK_PALETTE


def parse_color_setting(config_string: str) -> dict[str, dict] | None:
    """Parse a NUAGES_COLORS/DJANGO_COLORS value such as "light;ERROR=yellow/blue,blink".

    Returns the resulting palette, or None when it turns colours off entirely.
    """
    if not config_string:
        return PALETTES[DEFAULT_PALETTE]
    palette = dict(PALETTES[NOCOLOR_PALETTE])
    for part in config_string.lower().split(";"):
        if part in PALETTES:
            palette.update(PALETTES[part])
            continue
        if "=" not in part:
            continue
        role, _, spec = part.partition("=")
        role = role.upper()
        styles = spec.split(",")
        styles.reverse()
        colors = styles.pop().split("/")
        colors.reverse()
        definition: dict = {}
        fg = colors.pop()
        if fg in foreground:
            definition["fg"] = fg
        if colors and colors[-1] in background:
            definition["bg"] = colors[-1]
        opts = tuple(s for s in styles if s in opt_dict)
        if opts:
            definition["opts"] = opts
        if role in PALETTES[NOCOLOR_PALETTE] and definition:
            palette[role] = definition
    if palette == PALETTES[NOCOLOR_PALETTE]:
        return None
    return palette
