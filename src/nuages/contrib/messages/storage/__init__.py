"""Message storages; default_storage() builds the one MESSAGE_STORAGE names."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.utils.module_loading import import_string

__all__ = ["default_storage"]


def default_storage(request: Any) -> Any:
    """An instance of the MESSAGE_STORAGE class for this request."""
    return import_string(settings.MESSAGE_STORAGE)(request)
