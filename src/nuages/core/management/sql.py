"""SQL helpers for the management commands: flush statements, pre/post_migrate signals."""

from __future__ import annotations

import sys
from typing import Any

from nuages.apps import apps
from nuages.db import models

__all__ = ["emit_post_migrate_signal", "emit_pre_migrate_signal", "sql_flush"]


def sql_flush(
    style: Any, connection: Any, reset_sequences: bool = True, allow_cascade: bool = False
) -> list[str]:
    """The statements that empty every table nuages knows on ``connection``."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    return connection.ops.sql_flush(
        style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
    )


def _emit(
    signal: Any, name: str, verbosity: int, interactive: bool, db: str, **kwargs: Any
) -> None:
    for app_config in apps.get_app_configs():
        if app_config.models_module is None:
            continue
        if verbosity >= 2:
            stdout = kwargs.get("stdout", sys.stdout)
            stdout.write(f"Running {name} handlers for application {app_config.label}\n")
        signal.send(
            sender=app_config,
            app_config=app_config,
            verbosity=verbosity,
            interactive=interactive,
            using=db,
            **kwargs,
        )


def emit_pre_migrate_signal(verbosity: int, interactive: bool, db: str, **kwargs: Any) -> None:
    _emit(models.signals.pre_migrate, "pre-migrate", verbosity, interactive, db, **kwargs)


def emit_post_migrate_signal(verbosity: int, interactive: bool, db: str, **kwargs: Any) -> None:
    _emit(models.signals.post_migrate, "post-migrate", verbosity, interactive, db, **kwargs)
