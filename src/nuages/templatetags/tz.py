"""{% load tz %}: the localtime / utc / timezone filters and the time zone tags (Django's API)."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, tzinfo
from typing import Any

from nuages.template.exceptions import TemplateSyntaxError
from nuages.template.library import Library
from nuages.template.nodes import Node, NodeList
from nuages.utils import timezone

__all__ = [
    "GetCurrentTimezoneNode",
    "LocalTimeNode",
    "TimezoneNode",
    "do_timezone",
    "get_current_timezone_tag",
    "localtime_filter",
    "localtime_tag",
    "register",
    "timezone_filter",
    "timezone_tag",
    "utc",
]

register = Library()


class datetimeobject(datetime):
    """A datetime that accepts attributes (the convert_to_local_time flag)."""


def do_timezone(value: Any, arg: Any) -> Any:
    """value (a datetime) in the zone arg (a tzinfo or an IANA name); "" if either is invalid.

    The result keeps its zone when rendered: it is flagged so templates do not convert it to
    the current time zone again.
    """
    if not isinstance(value, datetime):
        return ""
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value, timezone.get_default_timezone())
    except Exception:
        # Filters never raise.
        return ""
    if isinstance(arg, tzinfo):
        tz = arg
    elif isinstance(arg, str):
        try:
            tz = zoneinfo.ZoneInfo(arg)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return ""
    else:
        return ""
    result = timezone.localtime(value, tz)
    result = datetimeobject(
        result.year,
        result.month,
        result.day,
        result.hour,
        result.minute,
        result.second,
        result.microsecond,
        result.tzinfo,
        fold=result.fold,
    )
    result.convert_to_local_time = False
    return result


@register.filter("localtime")
def localtime_filter(value: Any) -> Any:
    """value in the current time zone."""
    return do_timezone(value, timezone.get_current_timezone())


@register.filter
def utc(value: Any) -> Any:
    """value in UTC."""
    return do_timezone(value, UTC)


@register.filter("timezone")
def timezone_filter(value: Any, arg: Any) -> Any:
    """value in the time zone arg."""
    return do_timezone(value, arg)


class LocalTimeNode(Node):
    """Renders its body with datetimes converted (on) or not (off) to the current zone."""

    def __init__(self, nodelist: NodeList, use_tz: bool) -> None:
        self.nodelist = nodelist
        self.use_tz = use_tz

    def render(self, context: Any) -> str:
        old_setting = context.use_tz
        context.use_tz = self.use_tz
        try:
            return self.nodelist.render(context)
        finally:
            context.use_tz = old_setting


class TimezoneNode(Node):
    """Renders its body with another current time zone."""

    def __init__(self, nodelist: NodeList, tz: Any) -> None:
        self.nodelist = nodelist
        self.tz = tz

    def render(self, context: Any) -> str:
        with timezone.override(self.tz.resolve(context)):
            return self.nodelist.render(context)


class GetCurrentTimezoneNode(Node):
    child_nodelists = ()

    def __init__(self, variable: str) -> None:
        self.variable = variable

    def render(self, context: Any) -> str:
        context[self.variable] = timezone.get_current_timezone_name()
        return ""


@register.tag("localtime")
def localtime_tag(parser: Any, token: Any) -> LocalTimeNode:
    """{% localtime [on|off] %}...{% endlocaltime %}."""
    bits = token.split_contents()
    if len(bits) == 1:
        use_tz = True
    elif len(bits) > 2 or bits[1] not in ("on", "off"):
        raise TemplateSyntaxError(f"'{bits[0]}' argument should be 'on' or 'off'")
    else:
        use_tz = bits[1] == "on"
    nodelist = parser.parse(("endlocaltime",))
    parser.delete_first_token()
    return LocalTimeNode(nodelist, use_tz)


@register.tag("timezone")
def timezone_tag(parser: Any, token: Any) -> TimezoneNode:
    """{% timezone tz %}...{% endtimezone %}: tz is a tzinfo, a zone name, or None (default)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise TemplateSyntaxError(f"'{bits[0]}' takes one argument (timezone)")
    tz = parser.compile_filter(bits[1])
    nodelist = parser.parse(("endtimezone",))
    parser.delete_first_token()
    return TimezoneNode(nodelist, tz)


@register.tag("get_current_timezone")
def get_current_timezone_tag(parser: Any, token: Any) -> GetCurrentTimezoneNode:
    """{% get_current_timezone as var %}: the name of the current time zone."""
    args = token.contents.split()
    if len(args) != 3 or args[1] != "as":
        raise TemplateSyntaxError(f"'get_current_timezone' requires 'as variable' (got {args!r})")
    return GetCurrentTimezoneNode(args[2])
