"""System checks of URL patterns (the ids and messages Django uses: urls.W001 ...)."""

from __future__ import annotations

import inspect
import re
from typing import Any

from nuages.conf import settings
from nuages.core.checks.messages import Error, Warning
from nuages.core.exceptions import ViewDoesNotExist

__all__ = [
    "check_entry",
    "check_error_handlers",
    "check_regex_pattern",
    "check_route_pattern",
    "check_url_pattern",
]


def _startswith_slash(pattern: Any) -> list:
    if not settings.APPEND_SLASH:
        return []
    regex = pattern.regex.pattern
    if regex.startswith(("/", "^/")) and not regex.endswith("/"):
        return [
            Warning(
                f"Your URL pattern {pattern.describe()} has a route beginning with a '/'. Remove "
                "this slash as it is unnecessary. If this pattern is targeted in an include(), "
                "ensure the include() pattern has a trailing '/'.",
                id="urls.W002",
            )
        ]
    return []


def check_regex_pattern(pattern: Any) -> list:
    warnings = _startswith_slash(pattern)
    regex = pattern.regex.pattern
    if not pattern._is_endpoint and regex.endswith("$") and not regex.endswith(r"\$"):
        warnings.append(
            Warning(
                f"Your URL pattern {pattern.describe()} uses include with a route ending with a "
                "'$'. Remove the dollar from the route to avoid problems including URLs.",
                id="urls.W001",
            )
        )
    return warnings


def check_route_pattern(pattern: Any) -> list:
    warnings = _startswith_slash(pattern)
    depth = 0
    message = "Your URL pattern %s has an unmatched '%s' bracket."
    for bracket in re.findall(r"[<>]", str(pattern._route)):
        if bracket == "<":
            depth += 1
        else:
            depth -= 1
            if depth < 0:
                warnings.append(Warning(message % (pattern.describe(), ">"), id="urls.W010"))
                depth = 0
    if depth > 0:
        warnings.append(Warning(message % (pattern.describe(), "<"), id="urls.W010"))
    route = str(pattern._route)
    if "(?P<" in route or route.startswith("^") or route.endswith("$"):
        warnings.append(
            Warning(
                f"Your URL pattern {pattern.describe()} has a route that contains '(?P<', begins "
                "with a '^', or ends with a '$'. This was likely an oversight when migrating to "
                "django.urls.path().",
                id="2_0.W001",
            )
        )
    return warnings


def check_url_pattern(entry: Any) -> list:
    messages = []
    name = entry.pattern.name
    if name is not None and ":" in name:
        messages.append(
            Warning(
                f"Your URL pattern {entry.pattern.describe()} has a name including a ':'. Remove "
                "the colon, to avoid ambiguous namespace references.",
                id="urls.W003",
            )
        )
    check = getattr(entry.pattern, "check", None)
    if check is not None:
        messages.extend(check())
    view = entry.callback
    if inspect.isclass(view) and hasattr(view, "as_view"):
        messages.append(
            Error(
                f"Your URL pattern {entry.pattern.describe()} has an invalid view, pass "
                f"{view.__name__}.as_view() instead of {view.__name__}.",
                id="urls.E009",
            )
        )
    return messages


def check_entry(entry: Any) -> list:
    """The checks of one urlpatterns item, or urls.E004 when it is not a URL entry."""
    check = getattr(entry, "check", None)
    if check is not None:
        return check()
    if hasattr(entry, "resolve"):
        return []
    if isinstance(entry, str):
        hint = (
            f"Try removing the string '{entry}'. The list of urlpatterns should not have a "
            "prefix string as the first element."
        )
    elif isinstance(entry, tuple):
        hint = "Try using path() instead of a tuple."
    else:
        hint = None
    return [
        Error(
            f"Your URL pattern {entry!r} is invalid. Ensure that urlpatterns is a list of path() "
            "and/or re_path() instances.",
            hint=hint,
            id="urls.E004",
        )
    ]


def check_error_handlers(resolver: Any) -> list:
    """handler400/403/404/500 must import and accept (request, exception) / (request)."""
    messages = []
    for status, arity in ((400, 2), (403, 2), (404, 2), (500, 1)):
        try:
            handler = resolver.resolve_error_handler(status)
        except (ImportError, ViewDoesNotExist) as err:
            path = getattr(resolver.urlconf_module, f"handler{status}")
            messages.append(
                Error(
                    f"The custom handler{status} view '{path}' could not be imported.",
                    hint=str(err),
                    id="urls.E008",
                )
            )
            continue
        try:
            inspect.signature(handler).bind(*([None] * arity))
        except TypeError:
            path = f"{handler.__module__}.{handler.__qualname__}"
            expected = "request, exception" if arity == 2 else "request"
            messages.append(
                Error(
                    f"The custom handler{status} view '{path}' does not take the correct number "
                    f"of arguments ({expected}).",
                    id="urls.E007",
                )
            )
    return messages
