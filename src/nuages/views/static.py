"""serve(): a view that returns files from a directory. For development only.

It does no caching beyond Last-Modified / If-Modified-Since and reads from disk on every
request; in production, let the web server or a CDN serve these files.
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path
from typing import Any

from nuages.core.exceptions import SuspiciousFileOperation
from nuages.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from nuages.utils.html import escape
from nuages.utils.http import http_date, parse_http_date_safe

__all__ = ["directory_index", "serve", "was_modified_since"]


def _join_inside(root: str | Path, path: str) -> Path:
    base = Path(root).resolve()
    full = (base / path).resolve()
    if full != base and base not in full.parents:
        raise SuspiciousFileOperation(
            f"The joined path ({full}) is located outside of the base path component ({base})"
        )
    return full


def serve(
    request: Any, path: str, document_root: str | Path | None = None, show_indexes: bool = False
) -> Any:
    """Serve document_root/path; directories get a listing only with show_indexes=True.

    Use it from a URLconf: re_path(r"^media/(?P<path>.*)$", serve, {"document_root": ...}).
    """
    path = posixpath.normpath(path).lstrip("/")
    fullpath = _join_inside(document_root or "", path)
    if fullpath.is_dir():
        if show_indexes:
            return directory_index(path, fullpath)
        raise Http404("Directory indexes are not allowed here.")
    if not fullpath.exists():
        raise Http404(f"“{fullpath}” does not exist")
    stat = fullpath.stat()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        return HttpResponseNotModified()
    content_type, encoding = mimetypes.guess_type(str(fullpath))
    response = FileResponse(
        fullpath.open("rb"), content_type=content_type or "application/octet-stream"
    )
    response.headers["Last-Modified"] = http_date(stat.st_mtime)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    return response


def directory_index(path: str, fullpath: Path) -> HttpResponse:
    """A plain HTML listing of a directory (hidden files left out)."""
    entries = []
    for child in sorted(fullpath.iterdir()):
        if child.name.startswith("."):
            continue
        name = child.name + ("/" if child.is_dir() else "")
        entries.append(f'<li><a href="{escape(name)}">{escape(name)}</a></li>')
    title = f"Index of {escape(path or '/')}"
    html = (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
        f"<title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n<ul>\n"
        + ('<li><a href="../">../</a></li>\n' if path else "")
        + "\n".join(entries)
        + "\n</ul>\n</body>\n</html>\n"
    )
    return HttpResponse(html)


def was_modified_since(header: str | None = None, mtime: float = 0) -> bool:
    """False when If-Modified-Since (header) is at or after mtime; True otherwise."""
    if header is None:
        return True
    since = parse_http_date_safe(header)
    if since is None:
        return True
    return int(mtime) > since
