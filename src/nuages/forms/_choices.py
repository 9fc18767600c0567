"""Choices in every shape Django accepts, normalized to a list of (value, label) pairs."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from nuages.utils.functional import Promise

__all__ = ["BaseChoiceIterator", "CallableChoiceIterator", "normalize_choices"]


class BaseChoiceIterator:
    """Lazy choices: normalize_choices() keeps them as they are (evaluated when iterated)."""

    def __iter__(self) -> Iterator:
        raise NotImplementedError("BaseChoiceIterator subclasses must implement __iter__().")


class CallableChoiceIterator(BaseChoiceIterator):
    """Calls a choices callable each time it is iterated (fresh choices per render)."""

    def __init__(self, func: Callable) -> None:
        self.func = func

    def __iter__(self) -> Iterator:
        yield from normalize_choices(self.func())

    def __len__(self) -> int:
        return len(list(iter(self)))

    def __getitem__(self, index: Any) -> Any:
        return list(self)[index]


def normalize_choices(value: Any, *, depth: int = 0) -> Any:
    """(value, label) pairs (labels may be groups) from a list, dict, enum or callable."""
    if isinstance(value, BaseChoiceIterator):
        return value
    choices = getattr(value, "choices", None)
    if isinstance(value, type) and choices is not None:
        value = choices
    if isinstance(value, (str, Promise)) or value is None:
        return value
    if isinstance(value, Mapping):
        value = value.items()
    elif callable(value) and not hasattr(value, "__iter__"):
        if depth:
            return value
        return CallableChoiceIterator(value)
    if not hasattr(value, "__iter__"):
        return value
    if depth >= 2:
        return value
    result = []
    try:
        for item in value:
            key, label = item
            if depth == 0 and not isinstance(label, (str, Promise)):
                nested = normalize_choices(label, depth=depth + 1)
                if isinstance(nested, list):
                    label = nested
            result.append((key, label))
    except (TypeError, ValueError):
        return value
    return result
