"""createcachetable: create the tables of the DatabaseCache caches in CACHES.

The table has Django's layout (see ``nuages.core.cache.backends.db.cache_table_sql``), built from
the database's own column types. With ``--database`` it works on that database, for the caches
the router lets migrate there (``allow_migrate_model``); ``--dry-run`` prints the SQL instead.
"""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.core.cache import caches
from nuages.core.cache.backends.db import DatabaseCache, cache_table_sql
from nuages.core.management.base import BaseCommand, CommandParser

__all__ = ["Command"]


class Command(BaseCommand):
    help = "Creates the tables needed to use the SQL cache backend."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", metavar="table_name", nargs="*", help="Optional table names.")
        parser.add_argument(
            "--database",
            default="default",
            help="Nominates a database onto which the cache tables will be installed.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Does not create the table, just prints the SQL that would be run.",
        )

    def handle(self, *tablenames: str, **options: Any) -> None:
        from nuages.db import router  # the command sits above the ORM

        database = options["database"]
        if tablenames:
            for name in tablenames:
                self.create_table(database, name, options)
            return
        for alias in settings.CACHES:
            cache = caches[alias]
            if isinstance(cache, DatabaseCache):
                try:
                    allowed = router.allow_migrate_model(database, cache.cache_model_class)
                except Exception:  # a router that expects real models
                    allowed = True
                if allowed:
                    self.create_table(database, cache._table, options)

    def create_table(self, database: str, tablename: str, options: dict[str, Any]) -> None:
        from nuages.db import connections, transaction

        connection = connections[database]
        verbosity, dry_run = options.get("verbosity", 1), options.get("dry_run", False)
        if tablename in connection.introspection.table_names():
            if verbosity >= 2:
                self.stdout.write(f"Cache table '{tablename}' already exists.")
            return
        statements = cache_table_sql(connection, tablename)
        if dry_run:
            for sql in statements:
                self.stdout.write(sql + ";")
            return
        savepoint = connection.features.can_rollback_ddl
        with transaction.atomic(using=database, savepoint=savepoint), connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
        if verbosity >= 2:
            self.stdout.write(f"Cache table '{tablename}' created.")
