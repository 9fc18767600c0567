"""Cookies: the stdlib SimpleCookie for responses, and a lenient parser for request headers."""

from __future__ import annotations

import re
from http.cookies import SimpleCookie

__all__ = ["SimpleCookie", "parse_cookie"]

# Escapes the stdlib's cookie quoting produces inside a quoted value: \" \\ and \ooo octal.
_ESCAPE = re.compile(r"\\(?:([0-3][0-7][0-7])|(.))")


def _unquote_value(value: str) -> str:
    if len(value) < 2 or value[0] != '"' or value[-1] != '"':
        return value
    return _ESCAPE.sub(lambda m: chr(int(m[1], 8)) if m[1] else m[2], value[1:-1])


def parse_cookie(cookie: str) -> dict[str, str]:
    """A dict from a `Cookie:` header value, the way browsers mean it.

    Unlike SimpleCookie.load(), bad pairs are skipped instead of dropping the rest, and a
    piece without '=' is a value with an empty name (as browsers treat it).
    """
    result: dict[str, str] = {}
    for chunk in cookie.split(";"):
        key, sep, value = chunk.partition("=")
        if not sep:
            key, value = "", key
        key, value = key.strip(), value.strip()
        if key or value:
            result[key] = _unquote_value(value)
    return result
