"""The script prefix (SCRIPT_NAME) of the current request, per thread and per task.

It lives here, below conf and urls, so that settings can prefix MEDIA_URL/STATIC_URL without
importing the URL layer; `nuages.urls` re-exports the public functions.
"""

from __future__ import annotations

from contextvars import ContextVar

_prefix: ContextVar[str] = ContextVar("nuages_script_prefix", default="/")


def get_script_prefix() -> str:
    """The URL prefix the application is mounted at, ending with a slash."""
    return _prefix.get()


def set_script_prefix(prefix: str) -> None:
    if not prefix.endswith("/"):
        prefix += "/"
    _prefix.set(prefix)


def clear_script_prefix() -> None:
    _prefix.set("/")
