"""The exceptions of URL resolution and reversing."""

from __future__ import annotations

from nuages.http import Http404

__all__ = ["NoReverseMatch", "Resolver404"]


class Resolver404(Http404):
    """No URL pattern matched the path; args[0] holds 'path' and usually 'tried'."""


class NoReverseMatch(Exception):
    """reverse() found no pattern accepting the given name and arguments."""
