"""Shortcuts spanning several layers: render, redirect, resolve_url, get_object_or_404 and
get_list_or_404 (with their async twins).

The 404 shortcuts take a model, a manager or a queryset and only rely on their public methods
(`_default_manager`, `get`, `filter`, `aget`), so this module does not import the ORM.
"""

from __future__ import annotations

from typing import Any

from nuages.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from nuages.template import loader
from nuages.urls import NoReverseMatch, reverse
from nuages.utils.functional import Promise

__all__ = [
    "aget_list_or_404",
    "aget_object_or_404",
    "get_list_or_404",
    "get_object_or_404",
    "redirect",
    "render",
    "resolve_url",
]


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


def _get_queryset(klass: Any) -> Any:
    """A queryset from a model or a manager; anything else is returned as is."""
    if hasattr(klass, "_default_manager"):
        return klass._default_manager.all()
    return klass


def _klass_name(klass: Any) -> str:
    return klass.__name__ if isinstance(klass, type) else klass.__class__.__name__


def _not_found(queryset: Any) -> Http404:
    return Http404(f"No {queryset.model._meta.object_name} matches the given query.")


def get_object_or_404(klass: Any, *args: Any, **kwargs: Any) -> Any:
    """queryset.get(*args, **kwargs), raising Http404 instead of the model's DoesNotExist."""
    queryset = _get_queryset(klass)
    if not hasattr(queryset, "get"):
        raise ValueError(
            "First argument to get_object_or_404() must be a Model, Manager, or QuerySet, "
            f"not '{_klass_name(klass)}'."
        )
    try:
        return queryset.get(*args, **kwargs)
    except queryset.model.DoesNotExist:
        raise _not_found(queryset) from None


async def aget_object_or_404(klass: Any, *args: Any, **kwargs: Any) -> Any:
    """The async get_object_or_404(), built on queryset.aget()."""
    queryset = _get_queryset(klass)
    if not hasattr(queryset, "aget"):
        raise ValueError(
            "First argument to aget_object_or_404() must be a Model, Manager, or QuerySet, "
            f"not '{_klass_name(klass)}'."
        )
    try:
        return await queryset.aget(*args, **kwargs)
    except queryset.model.DoesNotExist:
        raise _not_found(queryset) from None


def get_list_or_404(klass: Any, *args: Any, **kwargs: Any) -> list:
    """list(queryset.filter(*args, **kwargs)), raising Http404 if it is empty."""
    queryset = _get_queryset(klass)
    if not hasattr(queryset, "filter"):
        raise ValueError(
            "First argument to get_list_or_404() must be a Model, Manager, or QuerySet, "
            f"not '{_klass_name(klass)}'."
        )
    obj_list = list(queryset.filter(*args, **kwargs))
    if not obj_list:
        raise _not_found(queryset)
    return obj_list


async def aget_list_or_404(klass: Any, *args: Any, **kwargs: Any) -> list:
    """The async get_list_or_404()."""
    queryset = _get_queryset(klass)
    if not hasattr(queryset, "filter"):
        raise ValueError(
            "First argument to aget_list_or_404() must be a Model, Manager, or QuerySet, "
            f"not '{_klass_name(klass)}'."
        )
    obj_list = [obj async for obj in queryset.filter(*args, **kwargs)]
    if not obj_list:
        raise _not_found(queryset)
    return obj_list
