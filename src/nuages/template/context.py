"""Context: the stack of dicts that variables resolve against while a template renders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from copy import copy
from typing import Any

__all__ = [
    "BaseContext",
    "Context",
    "ContextDict",
    "ContextPopException",
    "RenderContext",
    "RequestContext",
    "make_context",
]

# The names every context starts with, so {{ True }} and {% if x is None %} work.
_BUILTINS = {"True": True, "False": False, "None": None}


class ContextPopException(Exception):
    """pop() was called more times than push()."""


class ContextDict(dict):
    """A dict pushed on a context; usable as a context manager that pops it again."""

    def __init__(self, context: BaseContext, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        context.dicts.append(self)
        self.context = context

    def __enter__(self) -> ContextDict:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.context.pop()


class BaseContext:
    """A stack of dicts; lookups walk it from the top."""

    def __init__(self, dict_: dict | None = None) -> None:
        self._reset_dicts(dict_)

    def _reset_dicts(self, value: dict | None = None) -> None:
        builtins = dict(_BUILTINS)
        self.dicts: list[dict] = [builtins]
        if isinstance(value, BaseContext):
            self.dicts += value.dicts[1:]
        elif value is not None:
            self.dicts.append(value)

    def __copy__(self) -> BaseContext:
        duplicate = object.__new__(type(self))
        duplicate.__dict__ = self.__dict__.copy()
        duplicate.dicts = self.dicts[:]
        return duplicate

    def __repr__(self) -> str:
        return repr(self.dicts)

    def __iter__(self) -> Iterator[dict]:
        return reversed(self.dicts)

    def push(self, *args: Any, **kwargs: Any) -> ContextDict:
        dicts = []
        for d in args:
            if isinstance(d, BaseContext):
                dicts += d.dicts[1:]
            else:
                dicts.append(d)
        return ContextDict(self, *dicts, **kwargs)

    def pop(self) -> dict:
        if len(self.dicts) == 1:
            raise ContextPopException
        return self.dicts.pop()

    def __setitem__(self, key: str, value: Any) -> None:
        self.dicts[-1][key] = value

    def set_upward(self, key: str, value: Any) -> None:
        """Set key in the innermost dict that already holds it (else the top one)."""
        context = self.dicts[-1]
        for d in reversed(self.dicts):
            if key in d:
                context = d
                break
        context[key] = value

    def __getitem__(self, key: str) -> Any:
        for d in reversed(self.dicts):
            if key in d:
                return d[key]
        raise KeyError(key)

    def __delitem__(self, key: str) -> None:
        del self.dicts[-1][key]

    def __contains__(self, key: str) -> bool:
        return any(key in d for d in self.dicts)

    def get(self, key: str, otherwise: Any = None) -> Any:
        for d in reversed(self.dicts):
            if key in d:
                return d[key]
        return otherwise

    def setdefault(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default

    def new(self, values: dict | None = None) -> BaseContext:
        """A copy with fresh dicts (same settings), optionally starting from values."""
        new_context = copy(self)
        new_context._reset_dicts(values)
        return new_context

    def flatten(self) -> dict:
        flat: dict = {}
        for d in self.dicts:
            flat.update(d)
        return flat

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BaseContext):
            return NotImplemented
        return self.flatten() == other.flatten()

    __hash__ = None  # type: ignore[assignment]


class Context(BaseContext):
    """The context a template renders with: variables plus rendering options."""

    def __init__(
        self,
        dict_: dict | None = None,
        autoescape: bool = True,
        use_l10n: bool | None = None,
        use_tz: bool | None = None,
    ) -> None:
        self.autoescape = autoescape
        self.use_l10n = use_l10n
        self.use_tz = use_tz
        self.template_name = "unknown"
        self.render_context = RenderContext()
        # Set while a template renders; {% include %} and loaders reach the engine through it.
        self.template: Any = None
        super().__init__(dict_)

    @contextmanager
    def bind_template(self, template: Any) -> Iterator[None]:
        if self.template is not None:
            raise RuntimeError("Context is already bound to a template")
        self.template = template
        try:
            yield
        finally:
            self.template = None

    def __copy__(self) -> Context:
        duplicate = super().__copy__()
        duplicate.render_context = copy(self.render_context)
        return duplicate  # type: ignore[return-value]

    def update(self, other_dict: Any) -> ContextDict:
        """Push other_dict on the stack (usable as a context manager)."""
        if not hasattr(other_dict, "__getitem__"):
            raise TypeError("other_dict must be a mapping (dictionary-like) object.")
        if isinstance(other_dict, BaseContext):
            other_dict = other_dict.dicts[1:].pop()
        return ContextDict(self, other_dict)


class RenderContext(BaseContext):
    """Per-template state (cycle positions, block stacks, include caches).

    Lookups see only the top dict, so an included template starts with a clean slate.
    """

    template: Any = None

    def __iter__(self) -> Iterator:
        yield from self.dicts[-1]

    def __contains__(self, key: object) -> bool:
        return key in self.dicts[-1]

    def get(self, key: Any, otherwise: Any = None) -> Any:
        return self.dicts[-1].get(key, otherwise)

    def __getitem__(self, key: Any) -> Any:
        return self.dicts[-1][key]

    @contextmanager
    def push_state(self, template: Any, isolated_context: bool = True) -> Iterator[None]:
        initial = self.template
        self.template = template
        if isolated_context:
            self.push()
        try:
            yield
        finally:
            self.template = initial
            if isolated_context:
                self.pop()


class RequestContext(Context):
    """A Context that runs the engine's context processors on the request when bound."""

    def __init__(
        self,
        request: Any,
        dict_: dict | None = None,
        processors: list[Callable] | tuple | None = None,
        use_l10n: bool | None = None,
        use_tz: bool | None = None,
        autoescape: bool = True,
    ) -> None:
        super().__init__(dict_, use_l10n=use_l10n, use_tz=use_tz, autoescape=autoescape)
        self.request = request
        self._processors = () if processors is None else tuple(processors)
        self._processors_index = len(self.dicts)
        # Placeholder replaced by the processors' output in bind_template().
        self.update({})
        # The caller's extra processors' data is layered as well (bound at render time).
        self.update({})

    @contextmanager
    def bind_template(self, template: Any) -> Iterator[None]:
        if self.template is not None:
            raise RuntimeError("Context is already bound to a template")
        self.template = template
        processors = template.engine.template_context_processors + self._processors
        updates: dict = {}
        for processor in processors:
            context = processor(self.request)
            try:
                updates.update(context)
            except TypeError as e:
                raise TypeError(
                    f"Context processor {processor.__qualname__} didn't return a dictionary."
                ) from e
        self.dicts[self._processors_index] = updates
        try:
            yield
        finally:
            self.template = None
            self.dicts[self._processors_index] = {}

    def new(self, values: dict | None = None) -> RequestContext:
        new_context = super().new(values)
        # Processors already ran for this request: the copy must not run them again.
        if hasattr(new_context, "_processors_index"):
            del new_context._processors_index
        return new_context  # type: ignore[return-value]


def make_context(context: dict | None, request: Any = None, **kwargs: Any) -> Context:
    """Build a Context (or RequestContext when request is given) from a plain dict."""
    if context is not None and not isinstance(context, dict):
        raise TypeError(f"context must be a dict rather than {context.__class__.__name__}.")
    if request is None:
        return Context(context, **kwargs)
    # Processors' values must not shadow the view's, so push the view's dict on top.
    original_context = context
    ctx = RequestContext(request, **kwargs)
    if original_context:
        ctx.push(original_context)
    return ctx
