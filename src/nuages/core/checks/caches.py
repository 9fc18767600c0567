"""Cache configuration checks (caches.E001, caches.W002, caches.W003), as Django documents them."""

from __future__ import annotations

import pathlib
from typing import Any

from nuages.conf import settings
from nuages.core.checks.messages import Error, Warning
from nuages.core.checks.registry import Tags, register

__all__ = [
    "E001",
    "check_cache_location_not_exposed",
    "check_default_cache_is_configured",
    "check_file_based_cache_is_absolute",
]

E001 = Error("You must define a 'default' cache in your CACHES setting.", id="caches.E001")


@register(Tags.caches)
def check_default_cache_is_configured(app_configs: Any, **kwargs: Any) -> list:
    if "default" in settings.CACHES:
        return []
    return [E001]


def _file_caches() -> list[tuple[str, Any]]:
    from nuages.core.cache import caches
    from nuages.core.cache.backends.filebased import FileBasedCache

    found = []
    for alias in settings.CACHES:
        try:
            cache = caches[alias]
        except Exception:  # a broken entry is reported elsewhere
            continue
        if isinstance(cache, FileBasedCache):
            found.append((alias, settings.CACHES[alias]))
    return found


@register(Tags.caches, deploy=True)
def check_cache_location_not_exposed(app_configs: Any, **kwargs: Any) -> list:
    """caches.W002: a file cache whose directory matches, sits inside or contains a served one."""
    paths: list[tuple[str, pathlib.Path]] = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        value = getattr(settings, name, None)
        if value:
            paths.append((name, pathlib.Path(value).resolve()))
    for entry in getattr(settings, "STATICFILES_DIRS", None) or []:
        if isinstance(entry, list | tuple):
            entry = entry[1]
        paths.append(("STATICFILES_DIRS", pathlib.Path(entry).resolve()))
    errors = []
    for alias, config in _file_caches():
        location = config.get("LOCATION")
        if not location:
            continue
        cache_path = pathlib.Path(location).resolve()
        for name, path in paths:
            if cache_path == path:
                relation = "matches"
            elif path in cache_path.parents:
                relation = "is inside"
            elif cache_path in path.parents:
                relation = "contains"
            else:
                continue
            errors.append(
                Warning(
                    f"Your '{alias}' cache configuration might expose your cache or lead to "
                    f"corruption of your data because its LOCATION {relation} {name}.",
                    id="caches.W002",
                )
            )
    return errors


@register(Tags.caches)
def check_file_based_cache_is_absolute(app_configs: Any, **kwargs: Any) -> list:
    """caches.W003: a file cache LOCATION given as a relative path."""
    return [
        Warning(
            f"Your '{alias}' cache LOCATION path is relative. Use an absolute path instead.",
            id="caches.W003",
        )
        for alias, config in _file_caches()
        if config.get("LOCATION") and not pathlib.Path(config["LOCATION"]).is_absolute()
    ]
