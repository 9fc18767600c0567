"""createcachetable: create the tables of the DatabaseCache caches in CACHES."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.core.cache import caches
from nuages.core.cache.backends.db import CREATE_TABLE_SQL, DatabaseCache
from nuages.core.management.base import BaseCommand, CommandParser

__all__ = ["Command"]


class Command(BaseCommand):
    help = "Creates the tables needed to use the SQL cache backend."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", metavar="table_name", nargs="*")
        parser.add_argument("--database", default="default")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *tablenames: str, **options: Any) -> None:
        from nuages.db import connections  # the command sits above the ORM

        connection = connections[options["database"]]
        names = list(tablenames) or [
            caches[alias]._table
            for alias in settings.CACHES
            if isinstance(caches[alias], DatabaseCache)
        ]
        existing = set(connection.introspection.table_names())
        for name in names:
            if name in existing:
                if options["verbosity"] >= 2:
                    self.stdout.write(f"Cache table '{name}' already exists.")
                continue
            sql = CREATE_TABLE_SQL.format(table=connection.ops.quote_name(name))
            if options["dry_run"]:
                self.stdout.write(sql)
                continue
            with connection.cursor() as cursor:
                cursor.execute(sql)
            if options["verbosity"] >= 2:
                self.stdout.write(f"Cache table '{name}' created.")
