"""sites.E101: SITE_ID must be an integer."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.core.checks import Error

__all__ = ["check_site_id"]


def check_site_id(app_configs: Any, **kwargs: Any) -> list[Error]:
    site_id = getattr(settings, "SITE_ID", None)
    if site_id is not None and (not isinstance(site_id, int) or isinstance(site_id, bool)):
        return [Error("The SITE_ID setting must be an integer", id="sites.E101")]
    return []
