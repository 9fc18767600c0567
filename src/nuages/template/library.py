"""Library: the registry a templatetags module fills with filters and tags (Django's API)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from importlib import import_module
from inspect import getfullargspec, unwrap
from typing import Any

from nuages.template.exceptions import TemplateSyntaxError
from nuages.template.nodes import Node
from nuages.template.variables import token_kwargs
from nuages.utils.html import conditional_escape

__all__ = [
    "InclusionNode",
    "InvalidTemplateLibrary",
    "Library",
    "SimpleBlockNode",
    "SimpleNode",
    "TagHelperNode",
    "import_library",
    "parse_bits",
]

_FILTER_FLAGS = ("expects_localtime", "is_safe", "needs_autoescape")


class InvalidTemplateLibrary(Exception):
    """A {% load %}ed module is missing or has no `register` Library."""


class Library:
    """Holds the filters and tags of one template tag library."""

    def __init__(self) -> None:
        self.filters: dict[str, Callable] = {}
        self.tags: dict[str, Callable] = {}

    # -- tags ------------------------------------------------------------------------------
    def tag(self, name: Any = None, compile_function: Callable | None = None) -> Any:
        """Register a compile function (parser, token) -> Node, as decorator or call."""
        if name is None and compile_function is None:
            return self.tag_function
        if name is not None and compile_function is None:
            if callable(name):
                return self.tag_function(name)

            def dec(func: Callable) -> Callable:
                return self.tag(name, func)

            return dec
        if name is not None and compile_function is not None:
            self.tags[name] = compile_function
            return compile_function
        raise ValueError(f"Unsupported arguments to Library.tag: ({name!r}, {compile_function!r})")

    def tag_function(self, func: Callable) -> Callable:
        self.tags[getattr(func, "_decorated_function", func).__name__] = func
        return func

    # -- filters ---------------------------------------------------------------------------
    def filter(self, name: Any = None, filter_func: Callable | None = None, **flags: Any) -> Any:
        """Register a filter; flags are is_safe, needs_autoescape and expects_localtime."""
        if name is None and filter_func is None:

            def dec(func: Callable) -> Callable:
                return self.filter_function(func, **flags)

            return dec
        if name is not None and filter_func is None:
            if callable(name):
                return self.filter_function(name, **flags)

            def dec2(func: Callable) -> Callable:
                return self.filter(name, func, **flags)

            return dec2
        if name is not None and filter_func is not None:
            self.filters[name] = filter_func
            for attr in _FILTER_FLAGS:
                if attr in flags:
                    value = flags[attr]
                    # Flag the registered function (read when filtering) and the innermost one
                    # (read by decorators such as stringfilter).
                    setattr(filter_func, attr, value)
                    setattr(unwrap(filter_func), attr, value)
            filter_func._filter_name = name
            return filter_func
        raise ValueError(f"Unsupported arguments to Library.filter: ({name!r}, {filter_func!r})")

    def filter_function(self, func: Callable, **flags: Any) -> Callable:
        return self.filter(getattr(func, "_decorated_function", func).__name__, func, **flags)

    # -- helpers that build tags from plain functions --------------------------------------
    def simple_tag(
        self,
        func: Callable | None = None,
        takes_context: bool | None = None,
        name: str | None = None,
    ) -> Any:
        """A tag calling func with the tag's arguments; `as var` stores the result instead."""

        def dec(func: Callable) -> Callable:
            params, varargs, varkw, defaults, kwonly, kwonly_defaults, _ = getfullargspec(
                unwrap(func)
            )
            function_name = name or func.__name__

            @wraps(func)
            def compile_func(parser: Any, token: Any) -> Node:
                bits = token.split_contents()[1:]
                bits, target_var = _split_target(bits)
                args, kwargs = parse_bits(
                    parser, bits, params, varargs, varkw, defaults, kwonly, kwonly_defaults,
                    takes_context, function_name,
                )  # fmt: skip
                return SimpleNode(func, takes_context, args, kwargs, target_var)

            self.tag(function_name, compile_func)
            return func

        if func is None:
            return dec
        if callable(func):
            return dec(func)
        raise ValueError("Invalid arguments provided to simple_tag")

    def simple_block_tag(
        self,
        func: Callable | None = None,
        takes_context: bool | None = None,
        name: str | None = None,
        end_name: str | None = None,
    ) -> Any:
        """Like simple_tag, with the rendered body passed as the `content` argument."""

        def dec(func: Callable) -> Callable:
            params, varargs, varkw, defaults, kwonly, kwonly_defaults, _ = getfullargspec(
                unwrap(func)
            )
            function_name = name or func.__name__
            closing = end_name or f"end{function_name}"

            @wraps(func)
            def compile_func(parser: Any, token: Any) -> Node:
                tag_params = list(params)
                if takes_context:
                    if len(tag_params) >= 2 and tag_params[1] == "content":
                        del tag_params[1]
                    else:
                        raise TemplateSyntaxError(
                            f"{function_name!r} is decorated with takes_context=True so it must "
                            "have a first argument of 'context' and a second argument of 'content'"
                        )
                elif tag_params and tag_params[0] == "content":
                    del tag_params[0]
                else:
                    raise TemplateSyntaxError(
                        f"'{function_name}' must have a first argument of 'content'"
                    )
                bits = token.split_contents()[1:]
                bits, target_var = _split_target(bits)
                nodelist = parser.parse((closing,))
                parser.delete_first_token()
                args, kwargs = parse_bits(
                    parser, bits, tag_params, varargs, varkw, defaults, kwonly, kwonly_defaults,
                    takes_context, function_name,
                )  # fmt: skip
                return SimpleBlockNode(nodelist, func, takes_context, args, kwargs, target_var)

            self.tag(function_name, compile_func)
            return func

        if func is None:
            return dec
        if callable(func):
            return dec(func)
        raise ValueError("Invalid arguments provided to simple_block_tag")

    def inclusion_tag(
        self,
        filename: Any,
        func: Callable | None = None,
        takes_context: bool | None = None,
        name: str | None = None,
    ) -> Callable:
        """A tag rendering `filename` with the dict func returns."""

        def dec(func: Callable) -> Callable:
            params, varargs, varkw, defaults, kwonly, kwonly_defaults, _ = getfullargspec(
                unwrap(func)
            )
            function_name = name or func.__name__

            @wraps(func)
            def compile_func(parser: Any, token: Any) -> Node:
                bits = token.split_contents()[1:]
                args, kwargs = parse_bits(
                    parser, bits, params, varargs, varkw, defaults, kwonly, kwonly_defaults,
                    takes_context, function_name,
                )  # fmt: skip
                return InclusionNode(func, takes_context, args, kwargs, filename)

            self.tag(function_name, compile_func)
            return func

        return dec


def _split_target(bits: list[str]) -> tuple[list[str], str | None]:
    if len(bits) >= 2 and bits[-2] == "as":
        return bits[:-2], bits[-1]
    return bits, None


class TagHelperNode(Node):
    """Base of the nodes the helper decorators build: resolves the tag's arguments."""

    def __init__(
        self, func: Callable, takes_context: bool | None, args: list, kwargs: dict
    ) -> None:
        self.func = func
        self.takes_context = takes_context
        self.args = args
        self.kwargs = kwargs

    def get_resolved_arguments(self, context: Any) -> tuple[list, dict]:
        resolved_args = [var.resolve(context) for var in self.args]
        if self.takes_context:
            resolved_args = [context, *resolved_args]
        resolved_kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        return resolved_args, resolved_kwargs


class SimpleNode(TagHelperNode):
    child_nodelists = ()

    def __init__(
        self,
        func: Callable,
        takes_context: bool | None,
        args: list,
        kwargs: dict,
        target_var: str | None,
    ) -> None:
        super().__init__(func, takes_context, args, kwargs)
        self.target_var = target_var

    def render(self, context: Any) -> str:
        resolved_args, resolved_kwargs = self.get_resolved_arguments(context)
        output = self.func(*resolved_args, **resolved_kwargs)
        if self.target_var is not None:
            context[self.target_var] = output
            return ""
        if context.autoescape:
            output = conditional_escape(output)
        return output


class SimpleBlockNode(SimpleNode):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nodelist = nodelist

    def get_resolved_arguments(self, context: Any) -> tuple[list, dict]:
        resolved_args, resolved_kwargs = super().get_resolved_arguments(context)
        content = self.nodelist.render(context)
        # The body goes where the function expects it: after the context, if it takes one.
        position = 1 if self.takes_context else 0
        resolved_args.insert(position, content)
        return resolved_args, resolved_kwargs


class InclusionNode(TagHelperNode):
    child_nodelists = ()

    def __init__(
        self, func: Callable, takes_context: bool | None, args: list, kwargs: dict, filename: Any
    ) -> None:
        super().__init__(func, takes_context, args, kwargs)
        self.filename = filename

    def render(self, context: Any) -> str:
        resolved_args, resolved_kwargs = self.get_resolved_arguments(context)
        values = self.func(*resolved_args, **resolved_kwargs)
        template = context.render_context.get(self)
        if template is None:
            template = self._load(context)
            context.render_context[self] = template
        new_context = context.new(values)
        # Inclusion tags often render forms: pass the CSRF token through.
        csrf_token = context.get("csrf_token")
        if csrf_token is not None:
            new_context["csrf_token"] = csrf_token
        return template.render(new_context)

    def _load(self, context: Any) -> Any:
        filename = self.filename
        if callable(getattr(filename, "render", None)) and hasattr(filename, "nodelist"):
            return filename
        inner = getattr(filename, "template", None)
        if inner is not None and hasattr(inner, "nodelist"):
            return inner
        engine = context.template.engine
        if not isinstance(filename, str) and isinstance(filename, Iterable):
            return engine.select_template(filename)
        return engine.get_template(filename)


def parse_bits(
    parser: Any,
    bits: list[str],
    params: list[str],
    varargs: str | None,
    varkw: str | None,
    defaults: tuple | None,
    kwonly: list[str],
    kwonly_defaults: dict | None,
    takes_context: bool | None,
    name: str,
) -> tuple[list, dict]:
    """Match a tag's bits against the function's signature; FilterExpressions out."""
    if takes_context:
        if params and params[0] == "context":
            params = params[1:]
        else:
            raise TemplateSyntaxError(
                f"'{name}' is decorated with takes_context=True so it must have a first argument of 'context'"
            )
    args: list = []
    kwargs: dict = {}
    unhandled_params = list(params)
    unhandled_kwargs = [k for k in kwonly if not kwonly_defaults or k not in kwonly_defaults]
    for bit in bits:
        kwarg = token_kwargs([bit], parser)
        if kwarg:
            param, value = kwarg.popitem()
            if param not in params and param not in kwonly and varkw is None:
                raise TemplateSyntaxError(
                    f"'{name}' received unexpected keyword argument '{param}'"
                )
            if param in kwargs:
                raise TemplateSyntaxError(
                    f"'{name}' received multiple values for keyword argument '{param}'"
                )
            kwargs[str(param)] = value
            if param in unhandled_params:
                unhandled_params.remove(param)
            elif param in unhandled_kwargs:
                unhandled_kwargs.remove(param)
            continue
        if kwargs:
            raise TemplateSyntaxError(
                f"'{name}' received some positional argument(s) after some keyword argument(s)"
            )
        args.append(parser.compile_filter(bit))
        if unhandled_params:
            unhandled_params.pop(0)
        elif varargs is None:
            raise TemplateSyntaxError(f"'{name}' received too many positional arguments")
    if defaults is not None:
        # Parameters with defaults may go unsupplied.
        unhandled_params = unhandled_params[: -len(defaults)]
    missing = unhandled_params + unhandled_kwargs
    if missing:
        raise TemplateSyntaxError(
            "'{}' did not receive value(s) for the argument(s): {}".format(
                name, ", ".join(f"'{p}'" for p in missing)
            )
        )
    return args, kwargs


def import_library(name: str) -> Library:
    """The `register` Library of the module at dotted path name."""
    try:
        module = import_module(name)
    except ImportError as e:
        raise InvalidTemplateLibrary(
            f"Invalid template library specified. ImportError raised when trying to load '{name}': {e}"
        )
    try:
        return module.register
    except AttributeError:
        raise InvalidTemplateLibrary(f"Module  {name} does not have a variable named 'register'")
