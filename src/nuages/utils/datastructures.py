"""Containers Django exposes: MultiValueDict, OrderedSet, ImmutableList, CaseInsensitiveMapping."""

from __future__ import annotations

import copy
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping
from typing import Any

__all__ = [
    "CaseInsensitiveMapping",
    "DictWrapper",
    "ImmutableList",
    "MultiValueDict",
    "MultiValueDictKeyError",
    "OrderedSet",
]


class OrderedSet:
    """A set that remembers insertion order (backed by a dict)."""

    __slots__ = ("dict",)

    def __init__(self, iterable: Iterable | None = None) -> None:
        self.dict = dict.fromkeys(iterable or ())

    def add(self, item: Any) -> None:
        self.dict[item] = None

    def remove(self, item: Any) -> None:
        del self.dict[item]

    def discard(self, item: Any) -> None:
        self.dict.pop(item, None)

    def __iter__(self) -> Iterator:
        return iter(self.dict)

    def __reversed__(self) -> Iterator:
        return reversed(self.dict)

    def __contains__(self, item: Any) -> bool:
        return item in self.dict

    def __bool__(self) -> bool:
        return bool(self.dict)

    def __len__(self) -> int:
        return len(self.dict)

    def __repr__(self) -> str:
        inner = repr(list(self.dict)) if self.dict else ""
        return f"{type(self).__qualname__}({inner})"


class MultiValueDictKeyError(KeyError):
    """A key missing from a MultiValueDict (a KeyError, so `except KeyError` still works)."""


class MultiValueDict(dict):
    """A dict holding a list of values per key; item access gives the last value.

    The underlying dict maps each key to its list, so `dict` methods see the lists.
    """

    def __init__(self, key_to_list_mapping: Any = ()) -> None:
        super().__init__(key_to_list_mapping)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {super().__repr__()}>"

    def __getitem__(self, key: Any) -> Any:
        try:
            values = super().__getitem__(key)
        except KeyError:
            raise MultiValueDictKeyError(key)
        try:
            return values[-1]
        except IndexError:
            return []

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, [value])

    def __copy__(self) -> MultiValueDict:
        return self.__class__([(k, v[:]) for k, v in self.lists()])

    def __deepcopy__(self, memo: dict) -> MultiValueDict:
        result = self.__class__()
        memo[id(self)] = result
        for key, values in dict.items(self):
            dict.__setitem__(result, copy.deepcopy(key, memo), copy.deepcopy(values, memo))
        return result

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_data": {k: self._getlist(k) for k in self}}

    def __setstate__(self, state: dict) -> None:
        data = state.pop("_data", {})
        for key, values in data.items():
            self.setlist(key, values)
        self.__dict__.update(state)

    def get(self, key: Any, default: Any = None) -> Any:
        """The last value for key, or default when the key is missing or has no values."""
        try:
            value = self[key]
        except KeyError:
            return default
        if value == []:
            return default
        return value

    def _getlist(self, key: Any, default: Any = None, force_list: bool = False) -> Any:
        try:
            values = super().__getitem__(key)
        except KeyError:
            return [] if default is None else default
        if force_list:
            return list(values) if values is not None else None
        return values

    def getlist(self, key: Any, default: Any = None) -> list:
        """A copy of the list of values for key; default (or []) when missing."""
        return self._getlist(key, default, force_list=True)

    def setlist(self, key: Any, list_: list) -> None:
        super().__setitem__(key, list_)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def setlistdefault(self, key: Any, default_list: list | None = None) -> list:
        if key not in self:
            self.setlist(key, [] if default_list is None else default_list)
        return self._getlist(key)

    def appendlist(self, key: Any, value: Any) -> None:
        """Add value to the list for key."""
        self.setlistdefault(key).append(value)

    def items(self) -> Iterator[tuple[Any, Any]]:  # type: ignore[override]
        """(key, last value) pairs."""
        for key in self:
            yield key, self[key]

    def lists(self) -> Iterator[tuple[Any, list]]:
        """(key, list of values) pairs."""
        return iter(super().items())

    def values(self) -> Iterator[Any]:  # type: ignore[override]
        """The last value of each key."""
        for key in self:
            yield self[key]

    def copy(self) -> MultiValueDict:
        """A shallow copy: new lists, same values."""
        return copy.copy(self)

    def update(self, *args: Any, **kwargs: Any) -> None:
        """Extend the lists (rather than replace them) with the given pairs."""
        if len(args) > 1:
            raise TypeError(f"update expected at most 1 argument, got {len(args)}")
        if args:
            other = args[0]
            if isinstance(other, MultiValueDict):
                for key, values in other.lists():
                    self.setlistdefault(key).extend(values)
            else:
                pairs = other.items() if isinstance(other, Mapping) else other
                for key, value in pairs:
                    self.setlistdefault(key).append(value)
        for key, value in kwargs.items():
            self.setlistdefault(key).append(value)

    def dict(self) -> dict:
        """A plain dict of the last value of each key."""
        return {key: self[key] for key in self}


class ImmutableList(tuple):
    """A tuple that raises AttributeError with a chosen message on any list mutation."""

    warning: str

    def __new__(
        cls, *args: Any, warning: str = "ImmutableList object is immutable.", **kwargs: Any
    ) -> ImmutableList:
        self = tuple.__new__(cls, *args, **kwargs)
        self.warning = warning
        return self

    def complain(self, *args: Any, **kwargs: Any) -> None:
        raise AttributeError(self.warning)

    __delitem__ = complain
    __delslice__ = complain
    __iadd__ = complain
    __imul__ = complain
    __setitem__ = complain
    __setslice__ = complain
    append = complain
    extend = complain
    insert = complain
    pop = complain
    remove = complain
    sort = complain
    reverse = complain


class DictWrapper(dict):
    """A dict whose keys starting with `prefix` give `func(value)` (prefix stripped)."""

    def __init__(self, data: Mapping, func: Callable, prefix: str) -> None:
        super().__init__(data)
        self.func = func
        self.prefix = prefix

    def __getitem__(self, key: str) -> Any:
        if key.startswith(self.prefix):
            return self.func(super().__getitem__(key[len(self.prefix) :]))
        return super().__getitem__(key)


class _StoredItemsView(ItemsView):
    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return iter(self._mapping._store.values())


class CaseInsensitiveMapping(Mapping):
    """A read-only mapping with case-insensitive string keys that keeps the original spelling."""

    def __init__(self, data: Any) -> None:
        self._store = {key.lower(): (key, value) for key, value in self._unpack_items(data)}

    def __getitem__(self, key: str) -> Any:
        return self._store[key.lower()][1]

    def __len__(self) -> int:
        return len(self._store)

    # Direct dict look-ups: faster than Mapping's versions built on __getitem__ + KeyError.
    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._store

    def get(self, key: str, default: Any = None) -> Any:
        item = self._store.get(key.lower())
        return default if item is None else item[1]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        mine = {k: v for k, (_, v) in self._store.items()}
        return mine == {k.lower(): v for k, v in other.items()}

    __hash__ = None  # type: ignore[assignment]

    def __iter__(self) -> Iterator[str]:
        return (original for original, _ in self._store.values())

    def items(self) -> ItemsView:
        # The stored (original name, value) pairs are the items: no look-up per key.
        return _StoredItemsView(self)

    def __repr__(self) -> str:
        return repr(dict(self._store.values()))

    def copy(self) -> CaseInsensitiveMapping:
        # Immutable, so sharing is safe.
        return self

    @staticmethod
    def _unpack_items(data: Any) -> Iterator[tuple[str, Any]]:
        if isinstance(data, Mapping):
            yield from data.items()
            return
        for index, element in enumerate(data):
            if len(element) != 2:
                raise ValueError(
                    f"dictionary update sequence element #{index} has length {len(element)}; "
                    "2 is required."
                )
            if not isinstance(element[0], str):
                raise ValueError(f"Element key {element[0]!r} invalid, only strings are allowed")
            yield element
