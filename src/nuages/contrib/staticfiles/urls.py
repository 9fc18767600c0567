"""staticfiles_urlpatterns(): serve static files from the URLconf while DEBUG is on."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.conf.urls.static import static
from nuages.contrib.staticfiles.views import serve

__all__ = ["staticfiles_urlpatterns", "urlpatterns"]


def staticfiles_urlpatterns(prefix: str | None = None) -> list[Any]:
    """Patterns serving static files below prefix (STATIC_URL by default)."""
    if prefix is None:
        prefix = settings.STATIC_URL
    return static(prefix, view=serve)


urlpatterns: list[Any] = []
urlpatterns += staticfiles_urlpatterns()
