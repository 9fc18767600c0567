"""Cache configuration checks."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.core.checks.messages import Error
from nuages.core.checks.registry import Tags, register

__all__ = ["check_default_cache_is_configured"]


@register(Tags.caches)
def check_default_cache_is_configured(app_configs: Any, **kwargs: Any) -> list:
    if "default" in settings.CACHES:
        return []
    return [Error("You must define a 'default' cache in your CACHES setting.", id="caches.E001")]
