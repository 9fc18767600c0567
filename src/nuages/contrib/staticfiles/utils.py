"""Settings validation and path matching shared by the staticfiles modules."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from typing import Any

from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured

__all__ = ["check_settings", "get_files", "matches_patterns"]


def matches_patterns(path: str, patterns: Iterable[str]) -> bool:
    """True when path matches one of the glob patterns."""
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)


def get_files(
    storage: Any, ignore_patterns: Iterable[str] | None = None, location: str = ""
) -> Any:
    """Yield the relative paths of the files below location in storage, skipping ignored ones."""
    ignore_patterns = list(ignore_patterns or ())
    directories, files = storage.listdir(location)
    for name in files:
        if matches_patterns(name, ignore_patterns):
            continue
        path = os.path.join(location, name) if location else name
        if matches_patterns(path, ignore_patterns):
            continue
        yield path
    for name in directories:
        if matches_patterns(name, ignore_patterns):
            continue
        path = os.path.join(location, name) if location else name
        if matches_patterns(path, ignore_patterns):
            continue
        yield from get_files(storage, ignore_patterns, path)


def check_settings(base_url: str | None = None) -> None:
    """Raise ImproperlyConfigured when the static URL settings cannot work."""
    if base_url is None:
        base_url = settings.STATIC_URL
    if not base_url:
        raise ImproperlyConfigured(
            "You're using the staticfiles app without having set the required STATIC_URL setting."
        )
    if base_url == settings.MEDIA_URL:
        raise ImproperlyConfigured(
            "The MEDIA_URL and STATIC_URL settings must have different values"
        )
    if (
        settings.DEBUG
        and settings.MEDIA_URL
        and settings.STATIC_URL
        and settings.MEDIA_URL.startswith(settings.STATIC_URL)
    ):
        raise ImproperlyConfigured("runserver can't serve media if MEDIA_URL is within STATIC_URL.")
    if settings.MEDIA_ROOT and settings.STATIC_ROOT and settings.MEDIA_ROOT == settings.STATIC_ROOT:
        raise ImproperlyConfigured(
            "The MEDIA_ROOT and STATIC_ROOT settings must have different values"
        )
