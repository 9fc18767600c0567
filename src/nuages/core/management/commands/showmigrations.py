"""showmigrations: the migrations of each app and whether they are applied."""

from __future__ import annotations

from typing import Any

from nuages.apps import apps
from nuages.core.management.base import BaseCommand, CommandError, CommandParser
from nuages.db import DEFAULT_DB_ALIAS, connections
from nuages.db.migrations.loader import MigrationLoader

__all__ = ["Command"]


class Command(BaseCommand):
    help = "Shows all available migrations for the current project"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "app_label", nargs="*", help="App labels of applications to limit the output to."
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Nominates a database to show migrations for.",
        )
        formats = parser.add_mutually_exclusive_group()
        formats.add_argument(
            "--list",
            "-l",
            action="store_const",
            dest="format",
            const="list",
            help="Shows a list of all migrations and which are applied.",
        )
        formats.add_argument(
            "--plan",
            "-p",
            action="store_const",
            dest="format",
            const="plan",
            help="Shows all migrations in the order they will be applied.",
        )
        parser.set_defaults(format="list")

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = options["verbosity"]
        connection = connections[options["database"]]
        if options["format"] == "plan":
            return self.show_plan(connection, options["app_label"])
        return self.show_list(connection, options["app_label"])

    def _validate_app_names(self, app_names: list[str]) -> None:
        has_bad_names = False
        for app_name in app_names:
            try:
                apps.get_app_config(app_name)
            except LookupError as err:
                self.stderr.write(str(err))
                has_bad_names = True
        if has_bad_names:
            raise CommandError("Unknown app label(s).")

    def show_list(self, connection: Any, app_names: list[str] | None = None) -> None:
        loader = MigrationLoader(connection, ignore_no_migrations=True)
        recorder_applied = loader.applied_migrations
        graph = loader.graph
        if app_names:
            self._validate_app_names(app_names)
        else:
            app_names = sorted(loader.migrated_apps)
        for app_name in app_names:
            self.stdout.write(app_name, self.style.MIGRATE_LABEL)
            shown = set()
            for node in graph.leaf_nodes(app_name):
                for plan_node in graph.forwards_plan(node):
                    if plan_node not in shown and plan_node[0] == app_name:
                        title = plan_node[1]
                        migration = graph.nodes[plan_node]
                        if migration.replaces:
                            title += f" ({len(migration.replaces)} squashed migrations)"
                        if plan_node in recorder_applied:
                            self.stdout.write(f" [X] {title}")
                        else:
                            self.stdout.write(f" [ ] {title}")
                        shown.add(plan_node)
            if not shown:
                self.stdout.write(" (no migrations)", self.style.ERROR)

    def show_plan(self, connection: Any, app_names: list[str] | None = None) -> None:
        loader = MigrationLoader(connection)
        graph = loader.graph
        if app_names:
            self._validate_app_names(app_names)
            targets = [key for key in graph.leaf_nodes() if key[0] in app_names]
        else:
            targets = graph.leaf_nodes()
        plan = []
        seen = set()
        for target in targets:
            for migration in graph.forwards_plan(target):
                if migration not in seen:
                    node = graph.node_map[migration]
                    plan.append(node)
                    seen.add(migration)

        def print_deps(node: Any) -> str:
            out = [f"{parent.key[0]}.{parent.key[1]}" for parent in sorted(node.parents)]
            return f" ... ({', '.join(out)})" if out else ""

        for node in plan:
            deps = print_deps(node) if self.verbosity >= 2 else ""
            mark = "[X]" if node.key in loader.applied_migrations else "[ ]"
            self.stdout.write(f"{mark}  {node.key[0]}.{node.key[1]}{deps}")
        if not plan:
            self.stdout.write("(no migrations)", self.style.ERROR)
