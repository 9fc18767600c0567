"""The public WSGI entry point."""

from __future__ import annotations

import nuages
from nuages.core.handlers.wsgi import WSGIHandler

__all__ = ["get_wsgi_application"]


def get_wsgi_application() -> WSGIHandler:
    """Set up nuages and return the WSGI callable (the stable public interface)."""
    nuages.setup(set_prefix=False)
    return WSGIHandler()
