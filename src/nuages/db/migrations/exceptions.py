"""Errors raised while loading, planning and applying migrations (Django's classes)."""

from __future__ import annotations

from typing import Any

from nuages.db import DatabaseError

__all__ = [
    "AmbiguityError",
    "BadMigrationError",
    "CircularDependencyError",
    "InconsistentMigrationHistory",
    "InvalidBasesError",
    "InvalidMigrationPlan",
    "IrreversibleError",
    "MigrationSchemaMissing",
    "NodeNotFoundError",
]


class AmbiguityError(Exception):
    """More than one migration matches a name prefix."""


class BadMigrationError(Exception):
    """A migration module has no Migration class."""


class CircularDependencyError(Exception):
    """The dependency graph has a cycle."""


class InconsistentMigrationHistory(Exception):
    """An applied migration has an unapplied dependency."""


class InvalidBasesError(ValueError):
    """A model's bases cannot be resolved in the project state."""


class IrreversibleError(RuntimeError):
    """An operation cannot be reversed."""


class NodeNotFoundError(LookupError):
    """A dependency points at a migration that does not exist."""

    def __init__(self, message: str, node: Any, origin: Any = None) -> None:
        self.message = message
        self.origin = origin
        self.node = node

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"NodeNotFoundError({self.node!r})"


class MigrationSchemaMissing(DatabaseError):
    """The django_migrations table could not be created."""


class InvalidMigrationPlan(ValueError):
    """A plan mixes forwards and backwards migrations."""
