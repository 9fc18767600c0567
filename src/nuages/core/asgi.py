"""The public ASGI entry point."""

from __future__ import annotations

import nuages
from nuages.core.handlers.asgi import ASGIHandler

__all__ = ["get_asgi_application"]


def get_asgi_application() -> ASGIHandler:
    """Set up nuages and return the ASGI callable (the stable public interface)."""
    nuages.setup(set_prefix=False)
    return ASGIHandler()
