"""URL configuration checks: the URLconf's own checks and URL-valued settings."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.core.checks.messages import Error
from nuages.core.checks.registry import Tags, register

__all__ = ["check_url_config", "check_url_settings"]


@register(Tags.urls)
def check_url_config(app_configs: Any, **kwargs: Any) -> list:
    """Run the root resolver's check() when ROOT_URLCONF is set."""
    if not getattr(settings, "ROOT_URLCONF", None):
        return []
    # nuages.urls imports this package to register its own checks, so importing it at module
    # level here would be circular; Django resolves this the same way.
    from nuages.urls import get_resolver

    resolver = get_resolver()
    check = getattr(resolver, "check", None)
    return list(check()) if check else []


@register(Tags.urls)
def check_url_settings(app_configs: Any, **kwargs: Any) -> list:
    """STATIC_URL and MEDIA_URL are prefixes: they must end with a slash."""
    errors = []
    for name in ("STATIC_URL", "MEDIA_URL"):
        value = getattr(settings, name)
        if value and not value.endswith("/"):
            errors.append(Error(f"The {name} setting must end with a slash.", id="urls.E006"))
    return errors
