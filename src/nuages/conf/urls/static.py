"""static(): URL patterns serving files from a directory while DEBUG is on."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured

# Django's public path puts this helper under conf, below the layers it needs (urls, views).
from nuages.urls import re_path
from nuages.views.static import serve

__all__ = ["static"]


def static(prefix: str, view: Callable[..., Any] = serve, **kwargs: Any) -> list[Any]:
    """Patterns serving prefix<path> with view (serve) when DEBUG is on; [] otherwise.

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    """
    if not prefix:
        raise ImproperlyConfigured("Empty static prefix not permitted")
    if not settings.DEBUG or urlsplit(prefix).netloc:
        # Only local prefixes, and only during development.
        return []
    return [re_path(rf"^{re.escape(prefix.lstrip('/'))}(?P<path>.*)$", view, kwargs=kwargs)]
