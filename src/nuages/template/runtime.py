"""Helpers the compiled templates call: variable lookup, value rendering, missing values.

Everything here sits on the hot path of rendering, so it is written for speed while keeping
Django's lookup rules exactly: dict key, then attribute, then list index; callables are called
unless marked do_not_call_in_templates or alters_data; silent_variable_failure is honoured.
"""

from __future__ import annotations

import inspect
from typing import Any

from nuages.conf import settings
from nuages.core.signals import setting_changed
from nuages.template.context import BaseContext
from nuages.utils._escape import _escape_inner, escape_str
from nuages.utils.formats import localize
from nuages.utils.html import conditional_escape
from nuages.utils.safestring import SafeString
from nuages.utils.timezone import template_localtime

__all__ = [
    "MISSING",
    "UNSUBSCRIPTABLE",
    "VariableDoesNotExist",
    "call_checked",
    "call_value",
    "check_unpack",
    "ctx_get",
    "escape_text",
    "lookup_bit",
    "missing_text",
    "parent_loop",
    "render_value_in_context",
    "resolve_attr",
    "resolve_attr_failed",
    "resolve_path",
    "string_if_invalid",
]


class VariableDoesNotExist(Exception):
    """A variable lookup failed; the message is formatted only when shown."""

    def __init__(self, msg: str, params: tuple = ()) -> None:
        self.msg = msg
        self.params = params

    def __str__(self) -> str:
        return self.msg % self.params


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()

# Types whose instances cannot be subscripted: their lookups go straight to getattr.
_unsubscriptable: set[type] = set()
UNSUBSCRIPTABLE = _unsubscriptable
_subscriptable: set[type] = set()
_str_replace = str.replace


def string_if_invalid(context: Any) -> Any:
    template = getattr(context, "template", None)
    if template is None:
        return ""
    return template.engine.string_if_invalid


def ctx_get(context: Any, name: str) -> Any:
    """The raw value of name in the context's dicts, or MISSING."""
    dicts = getattr(context, "dicts", None)
    if dicts is None:
        try:
            return context[name]
        except KeyError:
            return MISSING
    for d in reversed(dicts):
        if name in d:
            return d[name]
    return MISSING


def call_value(context: Any, value: Any) -> Any:
    """Call a callable found during lookup, the way templates do."""
    if getattr(value, "do_not_call_in_templates", False):
        return value
    if getattr(value, "alters_data", False):
        return string_if_invalid(context)
    try:
        return value()
    except TypeError:
        try:
            signature = inspect.signature(value)
        except ValueError:
            return string_if_invalid(context)
        try:
            signature.bind()
        except TypeError:
            # It needs arguments: a template cannot call it.
            return string_if_invalid(context)
        raise


def _slow_bit(current: Any, bit: str) -> Any:
    try:
        return current[bit]
    except (TypeError, AttributeError, KeyError, ValueError, IndexError):
        pass
    try:
        if isinstance(current, BaseContext) and getattr(type(current), bit):
            raise AttributeError
        return getattr(current, bit)
    except (TypeError, AttributeError):
        # An attribute that exists but raised AttributeError (a property) must surface.
        if not isinstance(current, BaseContext) and bit in dir(current):
            raise
    try:
        return current[int(bit)]
    except (IndexError, ValueError, KeyError, TypeError):
        raise VariableDoesNotExist("Failed lookup for key [%s] in %r", (bit, current)) from None


def lookup_bit(current: Any, bit: str) -> Any:
    """current[bit], else current.bit, else current[int(bit)]: one step of a dotted lookup."""
    tp = type(current)
    if tp is dict:
        try:
            return current[bit]
        except KeyError:
            return _slow_bit(current, bit)
    if tp in _unsubscriptable:
        try:
            return getattr(current, bit)
        except (TypeError, AttributeError):
            return _slow_bit(current, bit)
    if tp not in _subscriptable:
        if (
            isinstance(current, type)
            or hasattr(tp, "__getitem__")
            or hasattr(tp, "__class_getitem__")
        ):
            _subscriptable.add(tp)
        else:
            _unsubscriptable.add(tp)
        return lookup_bit(current, bit)
    return _slow_bit(current, bit)


def resolve_path(context: Any, current: Any, bits: tuple, name: str = "") -> Any:
    """Finish resolving a variable whose first part resolved to current.

    Raises VariableDoesNotExist when a part is missing (current may be MISSING).
    """
    if current is MISSING:
        first = name.split(".", 1)[0]
        raise VariableDoesNotExist("Failed lookup for key [%s] in %r", (first, context))
    try:
        if callable(current):
            current = call_value(context, current)
        for bit in bits:
            current = lookup_bit(current, bit)
            if callable(current):
                current = call_value(context, current)
    except VariableDoesNotExist:
        raise
    except Exception as e:
        if getattr(e, "silent_variable_failure", False):
            return string_if_invalid(context)
        raise
    return current


def resolve_attr(context: Any, current: Any, bit: str, name: str = "") -> Any:
    """resolve_path for exactly one dotted part (the common `row.name`), without the loop."""
    if current is MISSING:
        raise VariableDoesNotExist(
            "Failed lookup for key [%s] in %r", (name.split(".", 1)[0], context)
        )
    try:
        if callable(current):
            current = call_value(context, current)
        tp = type(current)
        if tp in _unsubscriptable:
            try:
                current = getattr(current, bit)
            except (TypeError, AttributeError):
                current = _slow_bit(current, bit)
        elif tp is dict:
            try:
                current = current[bit]
            except KeyError:
                current = _slow_bit(current, bit)
        else:
            current = lookup_bit(current, bit)
        if callable(current):
            current = call_value(context, current)
    except VariableDoesNotExist:
        raise
    except Exception as e:
        if getattr(e, "silent_variable_failure", False):
            return string_if_invalid(context)
        raise
    return current


def resolve_attr_failed(context: Any, current: Any, bit: str, exc: Exception) -> Any:
    """resolve_attr, once `current.bit` raised exc (current is not subscriptable)."""
    try:
        if not isinstance(exc, (TypeError, AttributeError)):
            raise exc
        current = _slow_bit(current, bit)
        if callable(current):
            current = call_value(context, current)
    except VariableDoesNotExist:
        raise
    except Exception as e:
        if getattr(e, "silent_variable_failure", False):
            return string_if_invalid(context)
        raise
    return current


def call_checked(context: Any, value: Any) -> Any:
    """call_value for a looked-up attribute, with silent_variable_failure honoured."""
    try:
        return call_value(context, value)
    except VariableDoesNotExist:
        raise
    except Exception as e:
        if getattr(e, "silent_variable_failure", False):
            return string_if_invalid(context)
        raise


def escape_text(value: str) -> str:
    """Escape a plain str the way django.utils.html.escape does (&quot;, &#x27;)."""
    return escape_str(value)


def render_value_in_context(value: Any, context: Any) -> str:
    """Convert a value to text for output: localized, in local time, escaped if autoescaping."""
    tp = type(value)
    if tp is str:
        return escape_text(value) if context.autoescape else value
    if tp is SafeString:
        return value
    value = template_localtime(value, use_tz=context.use_tz)
    value = localize(value, use_l10n=context.use_l10n)
    if context.autoescape:
        if not issubclass(type(value), str):
            value = str(value)
        return conditional_escape(value)
    return str(value)


# Whether ints need localizing (thousand separators); read once, reset on setting changes.
_int_plain: list[bool] = []


def _ints_are_plain() -> bool:
    if not _int_plain:
        _int_plain.append(not settings.USE_THOUSAND_SEPARATOR)
    return _int_plain[0]


def _reset_int_plain(*, setting: str, **kwargs: Any) -> None:
    if setting == "USE_THOUSAND_SEPARATOR":
        _int_plain.clear()


setting_changed.connect(_reset_int_plain, dispatch_uid="nuages.template.runtime.int_plain")


def render_escaped(value: Any, context: Any) -> str:
    """render_value_in_context when autoescape is known to be on."""
    tp = type(value)
    if tp is str:
        # escape_str() inlined: Django spells the quotes &quot; and &#x27;.
        escaped = _escape_inner(value)
        if '"' in value:
            escaped = _str_replace(escaped, "&#34;", "&quot;")
        if "'" in value:
            escaped = _str_replace(escaped, "&#39;", "&#x27;")
        return escaped
    if tp is SafeString:
        return value
    if tp is int and _ints_are_plain():
        return str(value)
    value = localize(template_localtime(value, use_tz=context.use_tz), use_l10n=context.use_l10n)
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


def render_raw(value: Any, context: Any) -> str:
    """render_value_in_context when autoescape is known to be off."""
    tp = type(value)
    if tp is str or tp is SafeString:
        return value
    if tp is int and _ints_are_plain():
        return str(value)
    value = localize(template_localtime(value, use_tz=context.use_tz), use_l10n=context.use_l10n)
    return str(value)


def missing_text(context: Any, var: str) -> Any:
    """What a missing variable renders as: string_if_invalid, with %s replaced by its name."""
    invalid = string_if_invalid(context)
    if invalid and "%s" in invalid:
        return invalid % var
    return invalid


def check_unpack(item: Any, count: int) -> None:
    """{% for a, b in x %}: each item must hold exactly as many values as there are names."""
    try:
        length = len(item)
    except TypeError:
        length = 1
    if length != count:
        raise ValueError(f"Need {count} values to unpack in for loop; got {length}. ")


def parent_loop(value: Any) -> Any:
    """The forloop of the enclosing loop, or {} at the outermost loop."""
    return {} if value is MISSING else value
