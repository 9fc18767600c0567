"""The check registry: functions registered with tags, run together by run_checks()."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any

from nuages.core.checks.messages import CheckMessage

__all__ = ["CheckRegistry", "Tags", "register", "registry", "run_checks", "tag_exists"]


class Tags:
    """The tags of nuages' built-in checks."""

    admin = "admin"
    async_support = "async_support"
    caches = "caches"
    commands = "commands"
    compatibility = "compatibility"
    database = "database"
    files = "files"
    models = "models"
    security = "security"
    signals = "signals"
    sites = "sites"
    staticfiles = "staticfiles"
    templates = "templates"
    translation = "translation"
    urls = "urls"


class CheckRegistry:
    """Holds check functions, split into regular and deployment-only checks."""

    def __init__(self) -> None:
        self.registered_checks: set[Callable] = set()
        self.deployment_checks: set[Callable] = set()

    def register(self, check: Any = None, *tags: str, **kwargs: Any) -> Any:
        """Register a check; usable as @register, @register(tag, ...) or register(func, tag).

        Keyword arguments: deploy=True makes it a deployment check (run with --deploy).
        """

        def inner(check: Callable) -> Callable:
            if not callable(check):
                raise TypeError("Check must be callable.")
            check.tags = tags  # type: ignore[attr-defined]
            target = self.deployment_checks if kwargs.get("deploy") else self.registered_checks
            target.add(check)
            return check

        if callable(check):
            return inner(check)
        if check:
            tags = (check, *tags)
        return inner

    def run_checks(
        self,
        app_configs: Any = None,
        tags: Iterable[str] | None = None,
        include_deployment_checks: bool = False,
        databases: Iterable[str] | None = None,
    ) -> list[CheckMessage]:
        """Run the checks (only those with one of tags, when given) and collect their messages."""
        found: list[CheckMessage] = []
        selected = self.get_checks(include_deployment_checks)
        if tags is not None:
            wanted = set(tags)
            selected = [c for c in selected if wanted.intersection(c.tags)]
        for check in selected:
            new_errors = check(app_configs=app_configs, databases=databases)
            if not isinstance(new_errors, Iterable):
                raise TypeError(
                    f"The function {check!r} did not return a list. All functions registered "
                    "with the checks registry must return a list."
                )
            found.extend(new_errors)
        return found

    def tag_exists(self, tag: str, include_deployment_checks: bool = False) -> bool:
        return tag in self.tags_available(include_deployment_checks)

    def tags_available(self, deployment_checks: bool = False) -> set[str]:
        checks = self.registered_checks | (self.deployment_checks if deployment_checks else set())
        return set(chain.from_iterable(c.tags for c in checks))

    def get_checks(self, include_deployment_checks: bool = False) -> list[Callable]:
        checks = list(self.registered_checks)
        if include_deployment_checks:
            checks.extend(self.deployment_checks)
        return checks


registry = CheckRegistry()
register = registry.register
run_checks = registry.run_checks
tag_exists = registry.tag_exists
