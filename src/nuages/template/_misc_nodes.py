"""Nodes of the smaller built-in tags. The rare ones (regroup, lorem, now, widthratio, debug)
render through the Context like a custom tag; the common ones compile inline."""

from __future__ import annotations

import sys
import warnings
from collections import namedtuple
from collections.abc import Iterable, Mapping
from datetime import datetime
from itertools import groupby
from pprint import pformat
from typing import Any
from urllib.parse import urlencode

from nuages.conf import settings
from nuages.template import _lorem
from nuages.template.compiler import CodeGen
from nuages.template.exceptions import TemplateSyntaxError
from nuages.template.nodes import CompiledNode, Node, NodeList
from nuages.template.runtime import MISSING, VariableDoesNotExist
from nuages.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from nuages.urls.converters import (
    IntConverter,
    PathConverter,
    SlugConverter,
    StringConverter,
    UUIDConverter,
)
from nuages.utils import timezone
from nuages.utils.formats import date_format
from nuages.utils.html import conditional_escape, escape, format_html
from nuages.utils.safestring import SafeString

__all__ = [
    "CommentNode",
    "CsrfTokenNode",
    "DebugNode",
    "GroupedResult",
    "LoadNode",
    "LoremNode",
    "NowNode",
    "PartialDefNode",
    "PartialNode",
    "PartialTemplate",
    "RegroupNode",
    "ResetCycleNode",
    "TemplateTagNode",
    "URLNode",
    "VerbatimNode",
    "WidthRatioNode",
    "querystring",
]

GroupedResult = namedtuple("GroupedResult", ["grouper", "list"])


class CommentNode(CompiledNode):
    child_nodelists = ()

    def compile(self, cg: CodeGen) -> None:
        pass


class LoadNode(CommentNode):
    pass


class CsrfTokenNode(CompiledNode):
    child_nodelists = ()

    def compile(self, cg: CodeGen) -> None:
        base, _ = cg.lookup("csrf_token")
        cg.output(f"{cg.const(csrf_input_html, 'F')}({base})")


def csrf_input_html(token: Any) -> str:
    if token is MISSING or not token:
        if settings.DEBUG:
            warnings.warn(
                "A {% csrf_token %} was used in a template, but the context did not provide the "
                "value.  This is usually caused by not using RequestContext.",
                stacklevel=2,
            )
        return ""
    if token == "NOTPROVIDED":
        # No CSRF middleware: nothing to render (format_html needs arguments).
        return SafeString("")
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


class DebugNode(Node):
    def render(self, context: Any) -> str:
        if not settings.DEBUG:
            return ""
        output = [escape(pformat(val)) for val in context]
        output.append("\n\n")
        output.append(escape(pformat(sys.modules)))
        return "".join(output)


class LoremNode(Node):
    def __init__(self, count: Any, method: str, common: bool) -> None:
        self.count = count
        self.method = method
        self.common = common

    def render(self, context: Any) -> str:
        try:
            count = int(self.count.resolve(context))
        except (ValueError, TypeError):
            count = 1
        if self.method == "w":
            return _lorem.words(count, common=self.common)
        paras = _lorem.paragraphs(count, common=self.common)
        if self.method == "p":
            paras = [f"<p>{p}</p>" for p in paras]
        return "\n\n".join(paras)


class NowNode(Node):
    def __init__(self, format_string: str, asvar: str | None = None) -> None:
        self.format_string = format_string
        self.asvar = asvar

    def render(self, context: Any) -> str:
        tzinfo = timezone.get_current_timezone() if settings.USE_TZ else None
        formatted = date_format(datetime.now(tz=tzinfo), self.format_string)
        if self.asvar:
            context[self.asvar] = formatted
            return ""
        return formatted


class RegroupNode(Node):
    def __init__(self, target: Any, expression: Any, var_name: str) -> None:
        self.target = target
        self.expression = expression
        self.var_name = var_name

    def resolve_expression(self, obj: Any, context: Any) -> Any:
        # The grouping expression is written as `var_name.attr`: bind var_name to each item.
        context[self.var_name] = obj
        return self.expression.resolve(context, ignore_failures=True)

    def render(self, context: Any) -> str:
        obj_list = self.target.resolve(context, ignore_failures=True)
        if obj_list is None:
            context[self.var_name] = []
            return ""
        context[self.var_name] = [
            GroupedResult(grouper=key, list=list(val))
            for key, val in groupby(obj_list, lambda obj: self.resolve_expression(obj, context))
        ]
        return ""


class ResetCycleNode(CompiledNode):
    child_nodelists = ()

    def __init__(self, node: Any) -> None:
        self.node = node

    def compile(self, cg: CodeGen) -> None:
        cg.write(f"{cg.const(self.node, 'N')}.reset(context)")


class TemplateTagNode(CompiledNode):
    child_nodelists = ()
    mapping = {
        "openblock": "{%",
        "closeblock": "%}",
        "openvariable": "{{",
        "closevariable": "}}",
        "openbrace": "{",
        "closebrace": "}",
        "opencomment": "{#",
        "closecomment": "#}",
    }

    def __init__(self, tagtype: str) -> None:
        self.tagtype = tagtype

    def compile(self, cg: CodeGen) -> None:
        cg.text(self.mapping.get(self.tagtype, ""))


class URLNode(CompiledNode):
    child_nodelists = ()

    def __init__(self, view_name: Any, args: list, kwargs: dict, asvar: str | None) -> None:
        self.view_name = view_name
        self.args = args
        self.kwargs = kwargs
        self.asvar = asvar

    def __repr__(self) -> str:
        return (
            f"<{self.__class__.__qualname__} view_name='{self.view_name}' args={self.args!r} "
            f"kwargs={self.kwargs!r} as={self.asvar!r}>"
        )

    @property
    def assigns(self) -> str | None:  # type: ignore[override]
        return self.asvar

    def compile(self, cg: CodeGen) -> None:
        args = [cg.expr(a) for a in self.args]
        kwargs = [f"{k!r}: {cg.expr(v)}" for k, v in self.kwargs.items()]
        view = cg.expr(self.view_name)
        url = cg.new_name("url")
        call = f"{cg.const(reverse_url, 'F')}(context, {view}, [{', '.join(args)}], {{{', '.join(kwargs)}}}, {self.asvar is not None})"
        cg.write(f"{url} = {call}")
        if self.asvar:
            cg.assign(self.asvar, url)
        else:
            cg.output(f"{cg.const(conditional_escape, 'F')}({url}) if {cg.autoescape} else {url}")


def reverse_url(context: Any, view_name: Any, args: list, kwargs: dict, quiet: bool) -> str:
    """reverse() for {% url %}: NoReverseMatch propagates unless the result goes to a variable."""
    request = getattr(context, "request", None)
    current_app = None
    if request is not None:
        try:
            current_app = request.current_app
        except AttributeError:
            try:
                current_app = request.resolver_match.namespace
            except AttributeError:
                pass
    key = None
    if (
        current_app is None
        and not kwargs
        and (type(view_name) is SafeString or type(view_name) is str)
        and ":" not in view_name
    ):
        for arg in args:
            if type(arg) not in _PLAIN_ARG_TYPES:
                break
        else:
            resolver = get_resolver(get_urlconf())
            key = (resolver, get_script_prefix(), view_name, *args)
            url = _url_cache.get(key)
            if url is not None:
                return url
    try:
        url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    except NoReverseMatch:
        if not quiet:
            raise
        return ""
    if key is not None and _pure_reverse(key[0], view_name):
        if len(_url_cache) >= 4096:
            _url_cache.clear()
        _url_cache[key] = url
    return url


# {% url %} results by (resolver, script prefix, name, *args), kept only when reversing is a
# pure function of those: plain int/str arguments, URL patterns that do not depend on the
# active language, and Django's built-in converters. clear_url_caches() makes a new resolver.
_url_cache: dict[tuple, str] = {}
_PLAIN_ARG_TYPES = frozenset({int, str, SafeString})
_PURE_CONVERTERS = frozenset(
    {IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter}
)


def _pure_reverse(resolver: Any, view_name: str) -> bool:
    verdict_key = (resolver, None, view_name)
    verdict = _url_cache.get(verdict_key)
    if verdict is None:
        tables = getattr(resolver, "_static_tables", None)
        if tables is None:
            return False  # not built yet, or built per language
        verdict = ""
        if not getattr(tables, "language_dependent", True):
            possibilities = tables.reverse.get(view_name, ())
            if all(
                type(converter) in _PURE_CONVERTERS
                for possibility in possibilities
                for converter in possibility.converters.values()
            ):
                verdict = "pure"
        _url_cache[verdict_key] = verdict
    return verdict == "pure"


class VerbatimNode(CompiledNode):
    child_nodelists = ()

    def __init__(self, content: str) -> None:
        self.content = content

    def compile(self, cg: CodeGen) -> None:
        cg.text(self.content)


class WidthRatioNode(Node):
    child_nodelists = ()

    def __init__(
        self, val_expr: Any, max_expr: Any, max_width: Any, asvar: str | None = None
    ) -> None:
        self.val_expr = val_expr
        self.max_expr = max_expr
        self.max_width = max_width
        self.asvar = asvar

    def render(self, context: Any) -> str:
        try:
            max_value = self.max_expr.resolve(context)
            max_width = int(self.max_width.resolve(context))
        except VariableDoesNotExist:
            return ""
        except (ValueError, TypeError):
            raise TemplateSyntaxError("widthratio final argument must be a number")
        try:
            value = float(self.val_expr.resolve(context))
            ratio = (value / float(max_value)) * max_width
            result = str(round(ratio))
        except ZeroDivisionError:
            result = "0"
        except (ValueError, TypeError, OverflowError):
            result = ""
        if self.asvar:
            context[self.asvar] = result
            return ""
        return result


def querystring(context: Any, *args: Any, **kwargs: Any) -> str:
    """The request's query string (or the given mappings') with kwargs added, replaced or
    (given None) removed, prefixed with "?"."""
    if not args:
        args = (context.request.GET,)
    params: dict[str, list] = {}
    for d in [*args, kwargs]:
        if not isinstance(d, Mapping):
            raise TemplateSyntaxError(
                f"querystring requires mappings for positional arguments (got {d!r} instead)."
            )
        items = d.lists() if hasattr(d, "lists") else d.items()
        for key, value in items:
            if not isinstance(key, str):
                raise TemplateSyntaxError(
                    f"querystring requires strings for mapping keys (got {key!r} instead)."
                )
            if value is None:
                params.pop(key, None)
            elif isinstance(value, Iterable) and not isinstance(value, str):
                params[key] = list(value)
            else:
                params[key] = [value]
    pairs = [(key, str(v)) for key, values in params.items() for v in values]
    return f"?{urlencode(pairs)}" if pairs else "?"


class PartialTemplate:
    """A named partial of a template, usable wherever a Template is ("page.html#name")."""

    def __init__(self, name: str, nodelist: NodeList, origin: Any) -> None:
        self.name = name
        self.nodelist = nodelist
        self.origin = origin
        self.template: Any = None  # the Template defining it, set once that is built

    @property
    def engine(self) -> Any:
        return self.template.engine

    @property
    def extra_data(self) -> dict:
        return self.template.extra_data

    def render(self, context: Any) -> str:
        with context.render_context.push_state(self.template):
            if context.template is None:
                with context.bind_template(self.template):
                    context.template_name = self.template.name
                    return self.nodelist.render(context)
            return self.nodelist.render(context)

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}: {self.name!r}>"


class PartialDefNode(Node):
    uses_context = True
    assigns = None

    def __init__(self, partial_name: str, inline: bool, nodelist: NodeList) -> None:
        self.partial_name = partial_name
        self.inline = inline
        self.nodelist = nodelist

    def render(self, context: Any) -> str:
        return self.nodelist.render(context) if self.inline else ""


class PartialNode(Node):
    child_nodelists = ()

    def __init__(self, partial_name: str, partials: dict) -> None:
        self.partial_name = partial_name
        self.partials = partials

    def render(self, context: Any) -> str:
        try:
            partial = self.partials[self.partial_name]
        except KeyError:
            raise TemplateSyntaxError(
                f"Partial '{self.partial_name}' is not defined in the current template."
            )
        return partial.nodelist.render(context)
