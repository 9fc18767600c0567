"""gzip_page: GZipMiddleware applied to a single view."""

from __future__ import annotations

from nuages.middleware.gzip import GZipMiddleware
from nuages.utils.decorators import decorator_from_middleware

__all__ = ["gzip_page"]

gzip_page = decorator_from_middleware(GZipMiddleware)
gzip_page.__doc__ = "Gzip the view's response if the browser accepts it."
