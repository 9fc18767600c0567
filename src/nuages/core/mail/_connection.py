"""get_connection(), in its own module so EmailMessage can use it without an import cycle."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.utils.module_loading import import_string

__all__ = ["get_connection"]


def get_connection(backend: str | None = None, *, fail_silently: bool = False, **kwds: Any) -> Any:
    """An instance of the e-mail backend (EMAIL_BACKEND unless a dotted path is given)."""
    klass = import_string(backend or settings.EMAIL_BACKEND)
    return klass(fail_silently=fail_silently, **kwds)
