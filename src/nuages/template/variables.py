"""Variables and filter expressions: `{{ name.attr|filter:"arg" }}` parsed once, resolved often."""

from __future__ import annotations

import re
from inspect import getfullargspec, unwrap
from typing import Any

from nuages.template.exceptions import TemplateSyntaxError
from nuages.template.runtime import (
    VariableDoesNotExist,
    ctx_get,
    resolve_path,
    string_if_invalid,
    template_localtime,
)
from nuages.utils.safestring import SafeData, mark_safe
from nuages.utils.translation import gettext_lazy, pgettext_lazy

__all__ = [
    "FILTER_ARGUMENT_SEPARATOR",
    "FILTER_SEPARATOR",
    "VARIABLE_ATTRIBUTE_SEPARATOR",
    "FilterExpression",
    "Variable",
    "VariableDoesNotExist",
    "filter_re",
    "kwarg_re",
    "token_kwargs",
    "unescape_string_literal",
]

FILTER_SEPARATOR = "|"
FILTER_ARGUMENT_SEPARATOR = ":"
VARIABLE_ATTRIBUTE_SEPARATOR = "."

# A quoted string (either quote, backslash escapes) optionally wrapped in _( ).
_STR = r""""[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*'"""
_CONST = rf"""_\((?:{_STR})\)|(?:{_STR})"""
_VAR = r"""[\w.]+|[-+.]?\d[\d.e]*"""
filter_re = re.compile(
    rf"""
    ^(?P<constant>{_CONST})
    |^(?P<var>{_VAR})
    |(?:\s*\|\s*(?P<filter_name>\w+)
        (?::(?:(?P<constant_arg>{_CONST})|(?P<var_arg>{_VAR})))?
     )
    """,
    re.VERBOSE,
)

kwarg_re = re.compile(r"(?:(\w+)=)?(.+)")


def unescape_string_literal(s: str) -> str:
    """'"abc"' -> 'abc', undoing backslash escapes of the quote and the backslash."""
    if not s or s[0] not in "\"'" or s[-1] != s[0] or len(s) < 2:
        raise ValueError(f"Not a string literal: {s!r}")
    quote = s[0]
    return s[1:-1].replace(rf"\{quote}", quote).replace(r"\\", "\\")


class Variable:
    """A variable or literal in a template: a number, a quoted string, or a dotted lookup."""

    __slots__ = ("literal", "lookups", "message_context", "translate", "var")

    def __init__(self, var: str) -> None:
        self.var = var
        self.literal: Any = None
        self.lookups: tuple[str, ...] | None = None
        self.translate = False
        self.message_context: str | None = None

        if not isinstance(var, str):
            raise TypeError(f"Variable must be a string or number, got {type(var)}")
        try:
            if "." in var or "e" in var.lower():
                self.literal = float(var)
                # "2." is not a number here: it would be a lookup of nothing after the dot.
                if var[-1] == ".":
                    raise ValueError
            else:
                self.literal = int(var)
        except ValueError:
            if var[0:2] == "_(" and var[-1] == ")":
                self.translate = True
                var = var[2:-1]
            try:
                self.literal = mark_safe(unescape_string_literal(var))
            except ValueError:
                if "._" in var or var[:1] == "_":
                    raise TemplateSyntaxError(
                        f"Variables and attributes may not begin with underscores: '{var}'"
                    )
                self.lookups = tuple(var.split(VARIABLE_ATTRIBUTE_SEPARATOR))

    def resolve(self, context: Any) -> Any:
        """The variable's value in context (VariableDoesNotExist if a lookup fails)."""
        if self.lookups is not None:
            value = resolve_path(
                context, ctx_get(context, self.lookups[0]), self.lookups[1:], self.var
            )
        else:
            value = self.literal
        if self.translate:
            is_safe = isinstance(value, SafeData)
            msgid = value.replace("%", "%%")
            msgid = mark_safe(msgid) if is_safe else msgid
            if self.message_context:
                return pgettext_lazy(self.message_context, msgid)
            return gettext_lazy(msgid)
        return value

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}: {self.var!r}>"

    def __str__(self) -> str:
        return self.var


class FilterExpression:
    """A variable (or literal) followed by filters, as written in {{ }} or a tag argument."""

    __slots__ = ("filters", "is_var", "token", "var")

    def __init__(self, token: str, parser: Any) -> None:
        self.token = token
        filters: list = []
        var_obj: Any = None
        upto = 0
        for match in filter_re.finditer(token):
            start = match.start()
            if upto != start:
                raise TemplateSyntaxError(
                    f"Could not parse some characters: {token[:upto]}|{token[upto:start]}|{token[start:]}"
                )
            if var_obj is None:
                constant, var = match.group("constant", "var")
                if constant:
                    try:
                        var_obj = Variable(constant).resolve({})
                    except VariableDoesNotExist:
                        var_obj = None
                elif var is None:
                    raise TemplateSyntaxError(f"Could not find variable at start of {token}.")
                else:
                    var_obj = Variable(var)
            else:
                filter_name = match.group("filter_name")
                args = []
                constant_arg, var_arg = match.group("constant_arg", "var_arg")
                if constant_arg:
                    args.append((False, Variable(constant_arg).resolve({})))
                elif var_arg:
                    args.append((True, Variable(var_arg)))
                filter_func = parser.find_filter(filter_name)
                self.args_check(filter_name, filter_func, args)
                filters.append((filter_func, args))
            upto = match.end()
        if upto != len(token):
            raise TemplateSyntaxError(
                f"Could not parse the remainder: '{token[upto:]}' from '{token}'"
            )
        self.filters = filters
        self.var = var_obj
        self.is_var = isinstance(var_obj, Variable)

    def resolve(self, context: Any, ignore_failures: bool = False) -> Any:
        """Resolve the variable and apply the filters (Django's interpreted semantics)."""
        if self.is_var:
            try:
                obj = self.var.resolve(context)
            except VariableDoesNotExist:
                if ignore_failures:
                    obj = None
                else:
                    invalid = string_if_invalid(context)
                    if invalid:
                        if "%s" in invalid:
                            return invalid % self.var
                        return invalid
                    obj = invalid
        else:
            obj = self.var
        for func, args in self.filters:
            arg_vals = [arg.resolve(context) if lookup else mark_safe(arg) for lookup, arg in args]
            if getattr(func, "expects_localtime", False):
                obj = template_localtime(obj, context.use_tz)
            if getattr(func, "needs_autoescape", False):
                new_obj = func(obj, *arg_vals, autoescape=context.autoescape)
            else:
                new_obj = func(obj, *arg_vals)
            if getattr(func, "is_safe", False) and isinstance(obj, SafeData):
                obj = mark_safe(new_obj)
            else:
                obj = new_obj
        return obj

    @staticmethod
    def args_check(name: str, func: Any, provided: list) -> bool:
        provided = list(provided)
        # The value being filtered counts as the first argument.
        plen = len(provided) + 1
        func = unwrap(func)
        args, _, _, defaults, _, _, _ = getfullargspec(func)
        alen = len(args)
        dlen = len(defaults or [])
        if plen < (alen - dlen) or plen > alen:
            raise TemplateSyntaxError(f"{name} requires {alen - dlen} arguments, {plen} provided")
        return True

    def __str__(self) -> str:
        return self.token

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__} {self.token!r}>"


def token_kwargs(bits: list[str], parser: Any, support_legacy: bool = False) -> dict:
    """Consume leading `name=value` bits (or legacy `value as name`) into FilterExpressions.

    Bits used are removed from the list; parsing stops at the first bit that is not a kwarg.
    """
    if not bits:
        return {}
    match = kwarg_re.match(bits[0])
    kwarg_format = match and match[1]
    if not kwarg_format:
        if not support_legacy:
            return {}
        if len(bits) < 3 or bits[1] != "as":
            return {}

    kwargs: dict = {}
    while bits:
        if kwarg_format:
            match = kwarg_re.match(bits[0])
            if not match or not match[1]:
                return kwargs
            key, value = match.groups()
            del bits[:1]
        else:
            if len(bits) < 3 or bits[1] != "as":
                return kwargs
            key, value = bits[2], bits[0]
            del bits[:3]
        kwargs[key] = parser.compile_filter(value)
        if bits and not kwarg_format:
            if bits[0] != "and":
                return kwargs
            del bits[:1]
    return kwargs
