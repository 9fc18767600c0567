"""Check messages: what a system check returns, with a level, an id and a hint."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings

__all__ = [
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "INFO",
    "WARNING",
    "CheckMessage",
    "Critical",
    "Debug",
    "Error",
    "Info",
    "Warning",
]

# The numeric levels mirror the logging module's.
DEBUG = 10
INFO = 20
WARNING = 30
ERROR = 40
CRITICAL = 50


class CheckMessage:
    """One finding of a system check."""

    def __init__(
        self,
        level: int,
        msg: str,
        hint: str | None = None,
        obj: Any = None,
        id: str | None = None,
    ) -> None:
        if not isinstance(level, int):
            raise TypeError("The first argument should be level.")
        self.level = level
        self.msg = msg
        self.hint = hint
        self.obj = obj
        self.id = id

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CheckMessage) or type(self) is not type(other):
            return NotImplemented
        keys = ("level", "msg", "hint", "obj", "id")
        return all(getattr(self, k) == getattr(other, k) for k in keys)

    __hash__ = None  # type: ignore[assignment]

    def __str__(self) -> str:
        if self.obj is None:
            where = "?"
        elif hasattr(self.obj, "_meta") and hasattr(self.obj._meta, "label"):
            where = self.obj._meta.label  # a model class
        else:
            where = str(self.obj)
        ident = f"({self.id}) " if self.id else ""
        hint = f"\n\tHINT: {self.hint}" if self.hint else ""
        return f"{where}: {ident}{self.msg}{hint}"

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__}: level={self.level!r}, msg={self.msg!r}, "
            f"hint={self.hint!r}, obj={self.obj!r}, id={self.id!r}>"
        )

    def is_serious(self, level: int = ERROR) -> bool:
        return self.level >= level

    def is_silenced(self) -> bool:
        return self.id in settings.SILENCED_SYSTEM_CHECKS


class Debug(CheckMessage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(DEBUG, *args, **kwargs)


class Info(CheckMessage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(INFO, *args, **kwargs)


class Warning(CheckMessage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(WARNING, *args, **kwargs)


class Error(CheckMessage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(ERROR, *args, **kwargs)


class Critical(CheckMessage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(CRITICAL, *args, **kwargs)
