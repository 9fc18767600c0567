"""path(), re_path() and include(): the functions URLconfs are written with."""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import import_module
from typing import Any

from nuages.core.exceptions import ImproperlyConfigured
from nuages.urls._patterns import LocalePrefixPattern, RegexPattern, RoutePattern
from nuages.urls.resolvers import URLPattern, URLResolver

__all__ = ["include", "path", "re_path"]


def include(arg: Any, namespace: str | None = None) -> tuple[Any, str | None, str | None]:
    """Include another URLconf: a module, its dotted path, a list of patterns, or a
    (patterns, app_name) pair; namespace names this instance of the application."""
    app_name = None
    if isinstance(arg, tuple):
        # (patterns, app_name): the included URLconf names its application.
        try:
            urlconf_module, app_name = arg
        except ValueError:
            if namespace:
                raise ImproperlyConfigured(
                    "Cannot override the namespace for a dynamic module that provides a namespace."
                )
            raise ImproperlyConfigured(
                f"Passing a {len(arg)}-tuple to include() is not supported. Pass a 2-tuple "
                "containing the list of patterns and app_name, and provide the namespace "
                "argument to include() instead."
            )
    else:
        urlconf_module = arg
    if isinstance(urlconf_module, str):
        urlconf_module = import_module(urlconf_module)
    patterns = getattr(urlconf_module, "urlpatterns", urlconf_module)
    app_name = getattr(urlconf_module, "app_name", app_name)
    if namespace and not app_name:
        raise ImproperlyConfigured(
            "Specifying a namespace in include() without providing an app_name is not "
            "supported. Set the app_name attribute in the included module, or pass a 2-tuple "
            "containing the list of patterns and app_name instead."
        )
    namespace = namespace or app_name
    if isinstance(patterns, list | tuple):
        for entry in patterns:
            if isinstance(getattr(entry, "pattern", None), LocalePrefixPattern):
                raise ImproperlyConfigured(
                    "Using i18n_patterns in an included URLconf is not allowed."
                )
    return (urlconf_module, app_name, namespace)


def _path(
    route: Any,
    view: Any,
    kwargs: dict | None = None,
    name: str | None = None,
    Pattern: type = RoutePattern,
) -> URLPattern | URLResolver:
    if kwargs is not None and not isinstance(kwargs, dict):
        raise TypeError(f"kwargs argument must be a dict, but got {type(kwargs).__name__}.")
    if isinstance(view, list | tuple):
        # The result of include().
        pattern = Pattern(route, is_endpoint=False)
        urlconf_module, app_name, namespace = view
        return URLResolver(pattern, urlconf_module, kwargs, app_name=app_name, namespace=namespace)
    if callable(view):
        pattern = Pattern(route, name=name, is_endpoint=True)
        return URLPattern(pattern, view, kwargs, name)
    if hasattr(type(view), "as_view"):
        # An instance of a class-based view instead of the view function as_view() makes.
        cls_name = type(view).__name__
        raise TypeError(f"view must be a callable, pass {cls_name}.as_view(), not {cls_name}().")
    raise TypeError("view must be a callable or a list/tuple in the case of include().")


path: Callable[..., URLPattern | URLResolver] = functools.partial(_path, Pattern=RoutePattern)
path.__doc__ = "A URL entry for a route like 'articles/<int:year>/' (to a view or an include())."
re_path: Callable[..., URLPattern | URLResolver] = functools.partial(_path, Pattern=RegexPattern)
re_path.__doc__ = "A URL entry for a regular expression (to a view or an include())."
