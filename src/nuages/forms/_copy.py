"""copy.copy() for fields and widgets without the pickle-protocol detour."""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["shallow_copy"]

_plain: dict[type, bool] = {}


def _is_plain(cls: type) -> bool:
    """Whether copy.copy() of a cls instance is cls.__new__(cls) plus its __dict__."""
    return (
        cls.__reduce_ex__ is object.__reduce_ex__
        and cls.__reduce__ is object.__reduce__
        and cls.__getstate__ is object.__getstate__
        and not hasattr(cls, "__setstate__")
        and not hasattr(cls, "__copy__")
        and not any("__slots__" in vars(base) for base in cls.__mro__[:-1])
        and copy._copy_dispatch.get(cls) is None  # type: ignore[attr-defined]
    )


def shallow_copy(obj: Any) -> Any:
    """The same object copy.copy(obj) builds, faster for plain classes."""
    cls = type(obj)
    plain = _plain.get(cls)
    if plain is None:
        plain = _plain[cls] = _is_plain(cls)
    if not plain:
        return copy.copy(obj)
    new = cls.__new__(cls)
    new.__dict__.update(obj.__dict__)
    return new
