"""Finders: where static files come from (STATICFILES_DIRS, each app's static/ directory)."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from typing import Any, BinaryIO

from nuages.apps import apps
from nuages.conf import settings
from nuages.contrib.staticfiles.utils import get_files
from nuages.core.checks import Error, Warning
from nuages.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from nuages.core.signals import setting_changed
from nuages.utils.module_loading import import_string

__all__ = [
    "AppDirectoriesFinder",
    "BaseFinder",
    "FileSystemFinder",
    "LocalFilesStorage",
    "find",
    "get_finder",
    "get_finders",
    "searched_locations",
]

# Every directory a find() looked in, for findstatic's verbose output.
searched_locations: list[str] = []


def _safe_join(root: str, path: str) -> str:
    """root/path, refusing a path that climbs out of root."""
    base = os.path.abspath(root)
    joined = os.path.abspath(os.path.join(base, path))
    if joined != base and not joined.startswith(base + os.sep):
        raise SuspiciousFileOperation(
            f"The joined path ({joined}) is located outside of the base path component ({base})"
        )
    return joined


class LocalFilesStorage:
    """Read-only access to a directory of static files (a stand-in for FileSystemStorage)."""

    def __init__(self, location: str, prefix: str | None = None) -> None:
        self.location = self.base_location = os.path.abspath(location)
        self.prefix = prefix

    def path(self, name: str) -> str:
        return _safe_join(self.location, name)

    def exists(self, name: str) -> bool:
        return os.path.lexists(self.path(name))

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        directories, files = [], []
        with os.scandir(self.path(path)) as entries:
            for entry in entries:
                (directories if entry.is_dir() else files).append(entry.name)
        return sorted(directories), sorted(files)

    def open(self, name: str, mode: str = "rb") -> BinaryIO:
        return open(self.path(name), mode)

    def get_modified_time(self, name: str) -> float:
        return os.path.getmtime(self.path(name))


class BaseFinder:
    """The interface of a static files finder."""

    def check(self, **kwargs: Any) -> list:
        raise NotImplementedError(
            "subclasses may provide a check() method to verify the finder is configured correctly."
        )

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str] | None:
        """The absolute path of the first match (every match when find_all), or None/[]."""
        raise NotImplementedError("subclasses of BaseFinder must provide a find() method")

    def list(self, ignore_patterns: list[str] | None) -> Iterator[tuple[str, Any]]:
        """Yield (relative path, storage) for every file this finder knows."""
        raise NotImplementedError("subclasses of BaseFinder must provide a list() method")


def _wants_all(find_all: bool, kwargs: dict[str, Any]) -> bool:
    # Django's older keyword was `all`; accept it too.
    return bool(find_all or kwargs.get("all", False))


class FileSystemFinder(BaseFinder):
    """Finds files in the directories of STATICFILES_DIRS, each optionally under a prefix."""

    def __init__(self, app_names: Any = None, *args: Any, **kwargs: Any) -> None:
        self.locations: list[tuple[str, str]] = []
        self.storages: dict[str, LocalFilesStorage] = {}
        dirs = settings.STATICFILES_DIRS
        for entry in dirs if isinstance(dirs, list | tuple) else ():
            prefix, root = entry if isinstance(entry, list | tuple) else ("", entry)
            root = os.fspath(root)
            if (prefix, root) not in self.locations:
                self.locations.append((prefix, root))
        for prefix, root in self.locations:
            self.storages[root] = LocalFilesStorage(root, prefix=prefix or None)

    def check(self, **kwargs: Any) -> list:
        dirs = settings.STATICFILES_DIRS
        if not isinstance(dirs, list | tuple):
            return [
                Error(
                    "The STATICFILES_DIRS setting is not a tuple or list.",
                    hint="Perhaps you forgot a trailing comma?",
                    id="staticfiles.E001",
                )
            ]
        errors: list = []
        static_root = os.path.abspath(settings.STATIC_ROOT) if settings.STATIC_ROOT else None
        for entry in dirs:
            prefix, root = entry if isinstance(entry, list | tuple) else ("", entry)
            root = os.fspath(root)
            if prefix.endswith("/"):
                errors.append(
                    Error(
                        f"The prefix {prefix!r} in the STATICFILES_DIRS setting must not end "
                        "with a slash.",
                        id="staticfiles.E003",
                    )
                )
            if static_root and os.path.abspath(root) == static_root:
                errors.append(
                    Error(
                        "The STATICFILES_DIRS setting should not contain the STATIC_ROOT setting.",
                        id="staticfiles.E002",
                    )
                )
            if not os.path.isdir(root):
                errors.append(
                    Warning(
                        f"The directory '{root}' in the STATICFILES_DIRS setting does not exist.",
                        id="staticfiles.W004",
                    )
                )
        return errors

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str] | None:
        want_all = _wants_all(find_all, kwargs)
        matches: list[str] = []
        for prefix, root in self.locations:
            if root not in searched_locations:
                searched_locations.append(root)
            matched = self.find_location(root, path, prefix)
            if matched:
                if not want_all:
                    return matched
                matches.append(matched)
        return matches if want_all else None

    def find_location(self, root: str, path: str, prefix: str | None = None) -> str | None:
        """The file for path in root (after removing prefix), or None."""
        if prefix:
            prefix = f"{prefix}{os.sep}"
            if not path.startswith(prefix):
                return None
            path = path.removeprefix(prefix)
        try:
            candidate = _safe_join(root, path)
        except SuspiciousFileOperation:
            return None
        return candidate if os.path.exists(candidate) else None

    def list(self, ignore_patterns: list[str] | None) -> Iterator[tuple[str, Any]]:
        for _prefix, root in self.locations:
            if os.path.isdir(root):
                storage = self.storages[root]
                for path in get_files(storage, ignore_patterns):
                    yield path, storage


class AppDirectoriesFinder(BaseFinder):
    """Finds files in the `static` directory of each installed app."""

    source_dir = "static"

    def __init__(self, app_names: Any = None, *args: Any, **kwargs: Any) -> None:
        self.apps: list[str] = []
        self.storages: dict[str, LocalFilesStorage] = {}
        app_configs = list(apps.get_app_configs())
        if app_names:
            wanted = set(app_names)
            app_configs = [ac for ac in app_configs if ac.name in wanted]
        for app_config in app_configs:
            directory = os.path.join(app_config.path, self.source_dir)
            if os.path.isdir(directory):
                self.storages[app_config.name] = LocalFilesStorage(directory)
                if app_config.name not in self.apps:
                    self.apps.append(app_config.name)

    def check(self, **kwargs: Any) -> list:
        return []

    def list(self, ignore_patterns: list[str] | None) -> Iterator[tuple[str, Any]]:
        for storage in self.storages.values():
            if os.path.isdir(storage.location):
                for path in get_files(storage, ignore_patterns):
                    yield path, storage

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str] | None:
        want_all = _wants_all(find_all, kwargs)
        matches: list[str] = []
        for app in self.apps:
            location = self.storages[app].location
            if location not in searched_locations:
                searched_locations.append(location)
            matched = self.find_in_app(app, path)
            if matched:
                if not want_all:
                    return matched
                matches.append(matched)
        return matches if want_all else None

    def find_in_app(self, app: str, path: str) -> str | None:
        storage = self.storages.get(app)
        if storage is None:
            return None
        try:
            if storage.exists(path):
                return storage.path(path)
        except SuspiciousFileOperation:
            return None
        return None


def find(path: str, find_all: bool = False, **kwargs: Any) -> str | list[str] | None:
    """Ask each finder in STATICFILES_FINDERS for path: the first match, or all of them."""
    want_all = _wants_all(find_all, kwargs)
    searched_locations.clear()
    matches: list[str] = []
    for finder in get_finders():
        result = finder.find(path, find_all=want_all)
        if not want_all and result:
            return result  # type: ignore[return-value]
        if want_all:
            matches.extend(result if isinstance(result, list) else [result] if result else [])
    return matches if want_all else None


def get_finders() -> Iterator[BaseFinder]:
    for path in settings.STATICFILES_FINDERS:
        yield get_finder(path)


@functools.cache
def get_finder(import_path: str) -> BaseFinder:
    """The finder instance for a dotted path (one instance per path)."""
    finder_class = import_string(import_path)
    if not (isinstance(finder_class, type) and issubclass(finder_class, BaseFinder)):
        raise ImproperlyConfigured(f'Finder "{finder_class}" is not a subclass of "{BaseFinder}"')
    return finder_class()


def _clear_finder_cache(*, setting: str, **kwargs: Any) -> None:
    # Finders read their settings once; a changed setting (override_settings) rebuilds them.
    if setting in {"STATICFILES_DIRS", "STATICFILES_FINDERS", "STATIC_ROOT", "INSTALLED_APPS"}:
        get_finder.cache_clear()


setting_changed.connect(_clear_finder_cache)
