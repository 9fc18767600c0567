"""Shortcuts spanning several layers: render, redirect, resolve_url.

get_object_or_404 and get_list_or_404 arrive with the ORM.
"""

from __future__ import annotations

from typing import Any

from nuages.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from nuages.template import loader
from nuages.urls import NoReverseMatch, reverse
from nuages.utils.functional import Promise

__all__ = ["redirect", "render", "resolve_url"]


def render(
    request: Any,
    template_name: Any,
    context: dict | None = None,
    content_type: str | None = None,
    status: int | None = None,
    using: str | None = None,
) -> HttpResponse:
    """An HttpResponse whose content is the rendered template."""
    content = loader.render_to_string(template_name, context, request, using=using)
    return HttpResponse(content, content_type, status)


def redirect(
    to: Any, *args: Any, permanent: bool = False, preserve_request: bool = False, **kwargs: Any
) -> Any:
    """A redirect (302, or 301 when permanent; 307/308 with preserve_request) to resolve_url(to)."""
    redirect_class = HttpResponsePermanentRedirect if permanent else HttpResponseRedirect
    return redirect_class(resolve_url(to, *args, **kwargs), preserve_request=preserve_request)


def resolve_url(to: Any, *args: Any, **kwargs: Any) -> str:
    """A URL for `to`: a model (get_absolute_url()), a view name or callable (reverse()), or a
    URL, returned as is."""
    if hasattr(to, "get_absolute_url"):
        return to.get_absolute_url()
    if isinstance(to, Promise):
        # Lazy strings confuse functions like urlparse: evaluate now.
        to = str(to)
    # Relative URLs are left for the browser to resolve.
    if isinstance(to, str) and to.startswith(("./", "../")):
        return to
    try:
        return reverse(to, args=args, kwargs=kwargs)
    except NoReverseMatch:
        if callable(to):
            raise
        # Something without a slash or a dot does not look like a URL: a genuine failure.
        if "/" not in to and "." not in to:
            raise
    return to
