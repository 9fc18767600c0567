"""Laziness helpers: cached_property, lazy(), LazyObject and friends."""

from __future__ import annotations

import copy
import functools
import operator
from collections.abc import Callable
from typing import Any

__all__ = [
    "LazyObject",
    "Promise",
    "SimpleLazyObject",
    "cached_property",
    "classproperty",
    "empty",
    "keep_lazy",
    "keep_lazy_text",
    "lazy",
    "lazystr",
    "new_method_proxy",
    "partition",
]


class cached_property:
    """Compute a method's value once per instance and store it in the instance dict."""

    name: str | None = None

    def __init__(self, func: Callable, name: str | None = None) -> None:
        self.real_func = func
        self.__doc__ = getattr(func, "__doc__", None)

    def __set_name__(self, owner: type, name: str) -> None:
        if self.name is None:
            self.name = name
            self.func = self.real_func
        elif name != self.name:
            raise TypeError(
                "Cannot assign the same cached_property to two different names "
                f"({self.name!r} and {name!r})."
            )

    def __get__(self, instance: Any, cls: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


class classproperty:
    """A read-only property computed on the class."""

    def __init__(self, method: Callable | None = None) -> None:
        self.fget = method

    def __get__(self, instance: Any, cls: type | None = None) -> Any:
        return self.fget(cls)

    def getter(self, method: Callable) -> classproperty:
        self.fget = method
        return self


class Promise:
    """Base class of the proxies that lazy() returns."""


def lazy(func: Callable, *resultclasses: type) -> Callable:
    """Turn a callable into one whose evaluation is delayed until its result is used."""

    class __proxy__(Promise):
        def __init__(self, args: tuple, kw: dict) -> None:
            self._args = args
            self._kw = kw

        def __reduce__(self) -> tuple:
            return (_lazy_proxy_unpickle, (func, self._args, self._kw, *resultclasses))

        def __deepcopy__(self, memo: dict) -> Any:
            memo[id(self)] = self
            return self

        def __cast(self) -> Any:
            return func(*self._args, **self._kw)

        def __repr__(self) -> str:
            return repr(self.__cast())

        def __str__(self) -> str:
            return str(self.__cast())

        def __eq__(self, other: object) -> bool:
            if isinstance(other, Promise):
                other = other.__cast()
            return self.__cast() == other

        def __ne__(self, other: object) -> bool:
            if isinstance(other, Promise):
                other = other.__cast()
            return self.__cast() != other

        def __lt__(self, other: Any) -> bool:
            if isinstance(other, Promise):
                other = other.__cast()
            return self.__cast() < other

        def __le__(self, other: Any) -> bool:
            if isinstance(other, Promise):
                other = other.__cast()
            return self.__cast() <= other

        def __gt__(self, other: Any) -> bool:
            if isinstance(other, Promise):
                other = other.__cast()
            return self.__cast() > other

        def __ge__(self, other: Any) -> bool:
            if isinstance(other, Promise):
                other = other.__cast()
            return self.__cast() >= other

        def __hash__(self) -> int:
            return hash(self.__cast())

        def __format__(self, format_spec: str) -> str:
            return format(self.__cast(), format_spec)

        def __add__(self, other: Any) -> Any:
            return self.__cast() + other

        def __radd__(self, other: Any) -> Any:
            return other + self.__cast()

        def __mod__(self, other: Any) -> Any:
            return self.__cast() % other

        def __mul__(self, other: Any) -> Any:
            return self.__cast() * other

        def __html__(self) -> str:
            value = self.__cast()
            return value.__html__() if hasattr(value, "__html__") else str(value)

    # Give the proxy every method of the result classes, evaluated on use.
    for resultclass in resultclasses:
        for klass in resultclass.mro():
            for name in vars(klass):
                if name.startswith("__") and name not in {
                    "__len__",
                    "__iter__",
                    "__getitem__",
                    "__contains__",
                    "__bytes__",
                    "__int__",
                    "__float__",
                    "__bool__",
                }:
                    continue
                if hasattr(__proxy__, name) and name in vars(__proxy__):
                    continue
                setattr(__proxy__, name, _method_proxy(func, name))

    @functools.wraps(func)
    def __wrapper__(*args: Any, **kw: Any) -> Any:
        return __proxy__(args, kw)

    return __wrapper__


def _method_proxy(func: Callable, name: str) -> Callable:
    def method(self: Any, *args: Any, **kw: Any) -> Any:
        value = func(*self._args, **self._kw)
        return getattr(value, name)(*args, **kw)

    method.__name__ = name
    return method


def _lazy_proxy_unpickle(func: Callable, args: tuple, kwargs: dict, *resultclasses: type) -> Any:
    return lazy(func, *resultclasses)(*args, **kwargs)


def lazystr(text: Any) -> Any:
    """A lazy str() of text."""
    return lazy(str, str)(text)


def keep_lazy(*resultclasses: type) -> Callable:
    """Decorate a function so that lazy arguments give a lazy result."""
    if not resultclasses:
        raise TypeError("You must pass at least one argument to keep_lazy().")

    def decorator(func: Callable) -> Callable:
        lazy_func = lazy(func, *resultclasses)

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for arg in args:
                if isinstance(arg, Promise):
                    return lazy_func(*args, **kwargs)
            if kwargs:
                for arg in kwargs.values():
                    if isinstance(arg, Promise):
                        return lazy_func(*args, **kwargs)
            return func(*args, **kwargs)

        return wrapper

    return decorator


def keep_lazy_text(func: Callable) -> Callable:
    """keep_lazy(str) as a decorator."""
    return keep_lazy(str)(func)


class _Empty:
    def __repr__(self) -> str:
        return "<empty>"


empty = _Empty()


def new_method_proxy(func: Callable) -> Callable:
    def inner(self: Any, *args: Any) -> Any:
        if (wrapped := self._wrapped) is empty:
            self._setup()
            wrapped = self._wrapped
        return func(wrapped, *args)

    inner._mask_wrapped = False  # type: ignore[attr-defined]
    return inner


class LazyObject:
    """A proxy that builds the wrapped object on first use (subclasses define _setup)."""

    _wrapped: Any = None

    def __init__(self) -> None:
        self._wrapped = empty

    def __getattribute__(self, name: str) -> Any:
        if name == "_wrapped":
            return super().__getattribute__(name)
        value = super().__getattribute__(name)
        if not getattr(value, "_mask_wrapped", True):
            raise AttributeError
        return value

    __getattr__ = new_method_proxy(getattr)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "_wrapped":
            self.__dict__["_wrapped"] = value
        else:
            if self._wrapped is empty:
                self._setup()
            setattr(self._wrapped, name, value)

    def __delattr__(self, name: str) -> None:
        if name == "_wrapped":
            raise TypeError("can't delete _wrapped.")
        if self._wrapped is empty:
            self._setup()
        delattr(self._wrapped, name)

    def _setup(self) -> None:
        raise NotImplementedError("subclasses of LazyObject must provide a _setup() method")

    def __reduce__(self) -> tuple:
        if self._wrapped is empty:
            self._setup()
        return (unpickle_lazyobject, (self._wrapped,))

    def __copy__(self) -> Any:
        if self._wrapped is empty:
            return type(self)()
        return copy.copy(self._wrapped)

    def __deepcopy__(self, memo: dict) -> Any:
        if self._wrapped is empty:
            result = type(self)()
            memo[id(self)] = result
            return result
        return copy.deepcopy(self._wrapped, memo)

    __bytes__ = new_method_proxy(bytes)
    __str__ = new_method_proxy(str)
    __bool__ = new_method_proxy(bool)
    __dir__ = new_method_proxy(dir)
    __class__ = property(new_method_proxy(operator.attrgetter("__class__")))  # type: ignore[assignment]
    __eq__ = new_method_proxy(operator.eq)
    __lt__ = new_method_proxy(operator.lt)
    __gt__ = new_method_proxy(operator.gt)
    __ne__ = new_method_proxy(operator.ne)
    __hash__ = new_method_proxy(hash)
    __add__ = new_method_proxy(operator.add)

    @new_method_proxy
    def __radd__(self: Any, other: Any) -> Any:
        return other + self

    __getitem__ = new_method_proxy(operator.getitem)
    __setitem__ = new_method_proxy(operator.setitem)
    __delitem__ = new_method_proxy(operator.delitem)
    __iter__ = new_method_proxy(iter)
    __len__ = new_method_proxy(len)
    __contains__ = new_method_proxy(operator.contains)


def unpickle_lazyobject(wrapped: Any) -> Any:
    return wrapped


class SimpleLazyObject(LazyObject):
    """A LazyObject built by calling a function on first use."""

    def __init__(self, func: Callable) -> None:
        self.__dict__["_setupfunc"] = func
        super().__init__()

    def _setup(self) -> None:
        self._wrapped = self._setupfunc()

    def __repr__(self) -> str:
        target = self._setupfunc if self._wrapped is empty else self._wrapped
        return f"<{type(self).__name__}: {target!r}>"

    def __copy__(self) -> Any:
        if self._wrapped is empty:
            return SimpleLazyObject(self._setupfunc)
        return copy.copy(self._wrapped)

    def __deepcopy__(self, memo: dict) -> Any:
        if self._wrapped is empty:
            result = SimpleLazyObject(self._setupfunc)
            memo[id(self)] = result
            return result
        return copy.deepcopy(self._wrapped, memo)


def partition(predicate: Callable, values: Any) -> tuple[list, list]:
    """Split values into (false, true) lists by predicate."""
    results: tuple[list, list] = ([], [])
    for item in values:
        results[predicate(item)].append(item)
    return results
