"""Manager: the QuerySet factory attached to a model (objects), custom managers, from_queryset."""

from __future__ import annotations

import inspect
from typing import Any

from nuages.db.models.query import QuerySet

__all__ = ["BaseManager", "EmptyManager", "Manager"]


class BaseManager:
    creation_counter = 0
    auto_created = False
    use_in_migrations = False
    _queryset_class: type = QuerySet

    def __new__(cls, *args: Any, **kwargs: Any) -> BaseManager:
        obj = super().__new__(cls)
        obj._constructor_args = (args, kwargs)
        return obj

    def __init__(self) -> None:
        self.model: Any = None
        self.name: str | None = None
        self._db: str | None = None
        self._hints: dict = {}
        self.creation_counter = BaseManager.creation_counter
        BaseManager.creation_counter += 1

    def __str__(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    def __class_getitem__(cls, *args: Any) -> type:
        return cls

    def deconstruct(self) -> tuple:
        return (
            False,
            f"{type(self).__module__}.{type(self).__qualname__}",
            None,
            *self._constructor_args,
        )

    @classmethod
    def _get_queryset_methods(cls, queryset_class: type) -> dict:
        def make(name: str, method: Any) -> Any:
            if inspect.iscoroutinefunction(method):

                async def amanager_method(self: Any, *args: Any, **kwargs: Any) -> Any:
                    return await getattr(self.get_queryset(), name)(*args, **kwargs)

                amanager_method.__name__ = method.__name__
                amanager_method.__doc__ = method.__doc__
                return amanager_method

            def manager_method(self: Any, *args: Any, **kwargs: Any) -> Any:
                return getattr(self.get_queryset(), name)(*args, **kwargs)

            manager_method.__name__ = method.__name__
            manager_method.__doc__ = method.__doc__
            return manager_method

        methods = {}
        for name, method in inspect.getmembers(queryset_class, predicate=inspect.isfunction):
            if hasattr(cls, name):
                continue
            queryset_only = getattr(method, "queryset_only", None)
            if queryset_only or (queryset_only is None and name.startswith("_")):
                continue
            methods[name] = make(name, method)
        return methods

    @classmethod
    def from_queryset(cls, queryset_class: type, class_name: str | None = None) -> type:
        if class_name is None:
            class_name = f"{cls.__name__}From{queryset_class.__name__}"
        return type(
            class_name,
            (cls,),
            {"_queryset_class": queryset_class, **cls._get_queryset_methods(queryset_class)},
        )

    def contribute_to_class(self, cls: type, name: str) -> None:
        self.name = self.name or name
        self.model = cls
        setattr(cls, name, ManagerDescriptor(self))
        cls._meta.local_managers.append(self)  # type: ignore[attr-defined]
        cls._meta._expire_cache()  # type: ignore[attr-defined]

    def db_manager(self, using: str | None = None, hints: dict | None = None) -> BaseManager:
        obj = self.__class__.__new__(self.__class__)
        obj.__dict__ = self.__dict__.copy()
        obj._db = using or self._db
        obj._hints = hints or self._hints
        return obj

    @property
    def db(self) -> str:
        return self.get_queryset().db

    def get_queryset(self) -> QuerySet:
        return self._queryset_class(model=self.model, using=self._db, hints=self._hints)

    def all(self) -> QuerySet:
        return self.get_queryset()

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, self.__class__) and self._constructor_args == other._constructor_args
        )

    def __hash__(self) -> int:
        return id(self)


class Manager(BaseManager.from_queryset(QuerySet)):  # type: ignore[misc]
    """The default manager class."""


class ManagerDescriptor:
    def __init__(self, manager: BaseManager) -> None:
        self.manager = manager

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is not None:
            raise AttributeError(f"Manager isn't accessible via {cls.__name__} instances")
        if cls._meta.abstract:
            raise AttributeError(f"Manager isn't available; {cls._meta.object_name} is abstract")
        return cls._meta.managers_map[self.manager.name]


class EmptyManager(Manager):
    def __init__(self, model: Any) -> None:
        super().__init__()
        self.model = model

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().none()
