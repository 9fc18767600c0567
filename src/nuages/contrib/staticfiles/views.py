"""serve(): the view behind staticfiles_urlpatterns(), finding files with the finders."""

from __future__ import annotations

import os
import posixpath
from typing import Any

from nuages.conf import settings
from nuages.contrib.staticfiles import finders
from nuages.http import Http404
from nuages.views import static

__all__ = ["serve"]


def serve(request: Any, path: str, insecure: bool = False, **kwargs: Any) -> Any:
    """Serve the static file path as found by the finders (DEBUG, or insecure=True, only)."""
    if not settings.DEBUG and not insecure:
        raise Http404
    normalized = posixpath.normpath(path).lstrip("/")
    absolute = finders.find(normalized)
    if not absolute:
        if path.endswith("/") or path == "":
            raise Http404("Directory indexes are not allowed here.")
        raise Http404(f"“{path}” could not be found")
    document_root, filename = os.path.split(absolute)
    return static.serve(request, filename, document_root=document_root, **kwargs)
