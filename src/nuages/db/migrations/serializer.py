"""Serialise values into Python source for migration files: ``serializer_factory(v).serialize()``
returns (source, imports)."""

from __future__ import annotations

import builtins
import collections.abc
import datetime
import decimal
import enum
import functools
import math
import os
import pathlib
import re
import types
import uuid
import zoneinfo
from typing import Any

from nuages.db import models
from nuages.db.migrations.operations.base import Operation
from nuages.db.migrations.utils import COMPILED_REGEX_TYPE, RegexObject
from nuages.utils.functional import Promise

__all__ = ["BaseSerializer", "Serializer", "serializer_factory"]


class BaseSerializer:
    def __init__(self, value: Any) -> None:
        self.value = value

    def serialize(self) -> tuple[str, set[str]]:
        raise NotImplementedError


def _path(path: str) -> tuple[str, set[str]]:
    """``module.Name`` -> (source, imports), using ``models.X`` for nuages.db.models."""
    module, name = path.rsplit(".", 1)
    if module == "nuages.db.models" or module.startswith("nuages.db.models.fields"):
        return f"models.{name}", {"from nuages.db import models"}
    if module == "nuages.db.migrations":
        return f"migrations.{name}", {"from nuages.db import migrations"}
    return path, {f"import {module}"}


def _deconstructed(path: str, args: Any, kwargs: dict) -> tuple[str, set[str]]:
    name, imports = _path(path)
    parts = []
    for arg in args:
        source, arg_imports = serializer_factory(arg).serialize()
        parts.append(source)
        imports |= arg_imports
    for key, value in sorted(kwargs.items()):
        source, arg_imports = serializer_factory(value).serialize()
        parts.append(f"{key}={source}")
        imports |= arg_imports
    return f"{name}({', '.join(parts)})", imports


class _Iterable(BaseSerializer):
    open, close = "[", "]"

    def items(self) -> Any:
        return self.value

    def serialize(self) -> tuple[str, set[str]]:
        imports: set[str] = set()
        parts = []
        for item in self.items():
            source, item_imports = serializer_factory(item).serialize()
            imports |= item_imports
            parts.append(source)
        if self.open == "(" and len(parts) == 1:
            return f"({parts[0]},)", imports
        if self.open == "{" and not parts:
            return "set()", imports
        return f"{self.open}{', '.join(parts)}{self.close}", imports


class _List(_Iterable):
    pass


class _Tuple(_Iterable):
    open, close = "(", ")"


class _Set(_Iterable):
    open, close = "{", "}"

    def items(self) -> Any:
        return sorted(self.value, key=repr)


class _Frozenset(_Set):
    def serialize(self) -> tuple[str, set[str]]:
        source, imports = super().serialize()
        return f"frozenset({source if self.value else ''})", imports


class _Dict(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        imports: set[str] = set()
        parts = []
        items = self.value.items()
        try:
            items = sorted(items)
        except TypeError:
            pass
        for key, value in items:
            k, k_imports = serializer_factory(key).serialize()
            v, v_imports = serializer_factory(value).serialize()
            imports |= k_imports | v_imports
            parts.append(f"{k}: {v}")
        return "{" + ", ".join(parts) + "}", imports


class _Repr(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        return repr(self.value), set()


class _Float(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        if math.isnan(self.value) or math.isinf(self.value):
            return f'float("{self.value}")', set()
        return repr(self.value), set()


class _Decimal(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        return f"Decimal('{self.value}')", {"from decimal import Decimal"}


class _Datetime(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        value = self.value
        if (
            isinstance(value, datetime.datetime)
            and value.tzinfo is not None
            and value.tzinfo != datetime.UTC
        ):
            value = value.astimezone(datetime.UTC)
        source = repr(value).replace("datetime.timezone.utc", "datetime.UTC")
        return source, {"import datetime"}


class _Uuid(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        return f"uuid.{self.value!r}", {"import uuid"}


class _Enum(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        klass = type(self.value)
        module = klass.__module__
        if issubclass(klass, enum.Flag) and not isinstance(self.value, re.RegexFlag):
            members = list(self.value)
            if len(members) > 1:
                names = " | ".join(f"{module}.{klass.__qualname__}[{m.name!r}]" for m in members)
                return names, {f"import {module}"}
        if isinstance(self.value, re.RegexFlag):
            members = list(self.value) if self.value else [self.value]
            return " | ".join(f"re.{m.name}" for m in members), {"import re"}
        return f"{module}.{klass.__qualname__}[{self.value.name!r}]", {f"import {module}"}


class _Function(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        value = self.value
        if getattr(value, "__self__", None) and isinstance(value.__self__, type):
            klass = value.__self__
            return f"{klass.__module__}.{klass.__qualname__}.{value.__name__}", {
                f"import {klass.__module__}"
            }
        if value.__name__ == "<lambda>":
            raise ValueError("Cannot serialize function: lambda")
        module = value.__module__
        if module is None:
            raise ValueError(f"Cannot serialize function {value!r}: No module")
        if "<" not in value.__qualname__:
            if module == "builtins":
                return value.__qualname__, set()
            return f"{module}.{value.__qualname__}", {f"import {module}"}
        raise ValueError(f"Could not find function {value.__name__} in {module}.\n")


class _Partial(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        func, func_imports = serializer_factory(self.value.func).serialize()
        args, args_imports = serializer_factory(self.value.args).serialize()
        keywords, kw_imports = serializer_factory(self.value.keywords).serialize()
        name = type(self.value).__name__
        return (
            f"functools.{name}({func}, *{args}, **{keywords})",
            {"import functools", *func_imports, *args_imports, *kw_imports},
        )


class _Type(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        value = self.value
        if value is models.Model:
            return "models.Model", {"from nuages.db import models"}
        if value is type(None):
            return "type(None)", set()
        if value.__module__ == "builtins":
            return value.__name__, set()
        return _path(f"{value.__module__}.{value.__qualname__}")


class _Deconstructable(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        result = self.value.deconstruct()
        if len(result) == 4:  # a field: (name, path, args, kwargs)
            _name, path, args, kwargs = result
        else:
            path, args, kwargs = result
        return _deconstructed(path, args, kwargs)


class _Manager(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        as_manager, manager_path, qs_path, args, kwargs = self.value.deconstruct()
        if as_manager:
            name, imports = _path(qs_path)
            return f"{name}.as_manager()", imports
        return _deconstructed(manager_path, args, kwargs)


class _Operation(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        from nuages.db.migrations.writer import OperationWriter  # writer imports this module

        source, imports = OperationWriter(self.value, indentation=0).serialize()
        return source.rstrip(","), imports


class _Path(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        prefix = "Windows" if isinstance(self.value, pathlib.PureWindowsPath) else "Posix"
        name = f"Pure{prefix}Path" if not isinstance(self.value, pathlib.Path) else f"{prefix}Path"
        return f"pathlib.{name}({self.value.as_posix()!r})", {"import pathlib"}


class _Regex(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        pattern, imports = serializer_factory(self.value.pattern).serialize()
        flags = self.value.flags ^ re.compile("").flags
        if flags:
            flag_source, flag_imports = serializer_factory(re.RegexFlag(flags)).serialize()
            return f"re.compile({pattern}, {flag_source})", {"import re", *imports, *flag_imports}
        return f"re.compile({pattern})", {"import re", *imports}


class _Zoneinfo(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        return f"zoneinfo.ZoneInfo({self.value.key!r})", {"import zoneinfo"}


class _Settings(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        return f"settings.{self.value.setting_name}", {"from nuages.conf import settings"}


class Serializer:
    """The registry of serialisers by type (``Serializer.register`` adds one)."""

    _registry: dict[Any, type[BaseSerializer]] = {
        frozenset: _Frozenset,
        list: _List,
        set: _Set,
        tuple: _Tuple,
        dict: _Dict,
        enum.Enum: _Enum,
        float: _Float,
        (bool, int, types.NoneType, bytes, str, range): _Repr,
        decimal.Decimal: _Decimal,
        (datetime.datetime, datetime.date, datetime.time, datetime.timedelta): _Datetime,
        uuid.UUID: _Uuid,
        (functools.partial, functools.partialmethod): _Partial,
        (types.FunctionType, types.BuiltinFunctionType, types.MethodType): _Function,
        pathlib.PurePath: _Path,
        os.PathLike: _Path,
        zoneinfo.ZoneInfo: _Zoneinfo,
        COMPILED_REGEX_TYPE: _Regex,
    }

    @classmethod
    def register(cls, type_: Any, serializer: type[BaseSerializer]) -> None:
        cls._registry[type_] = serializer

    @classmethod
    def unregister(cls, type_: Any) -> None:
        cls._registry.pop(type_)


def serializer_factory(value: Any) -> BaseSerializer:
    """The serialiser for ``value`` (ValueError naming it when there is none)."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, RegexObject):
        value = re.compile(value.pattern, value.flags)
    if isinstance(value, Operation):
        return _Operation(value)
    if isinstance(value, type):
        return _Type(value)
    if hasattr(value, "setting_name") and type(value).__name__ == "SettingsReference":
        return _Settings(value)
    if isinstance(value, models.BaseManager if hasattr(models, "BaseManager") else ()):
        return _Manager(value)
    if hasattr(value, "deconstruct") and not isinstance(value, type):
        return _Deconstructable(value)
    for type_, serializer in Serializer._registry.items():
        if isinstance(value, type_):
            return serializer(value)
    if isinstance(value, collections.abc.Iterable) and not isinstance(value, str):
        return _Tuple(tuple(value))
    if value is builtins.Ellipsis:
        return _Repr(value)
    raise ValueError(
        f"Cannot serialize: {value!r}\nThere are some values nuages cannot serialize into "
        "migration files."
    )
