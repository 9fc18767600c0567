"""The post_migrate hook that creates the default site (example.com)."""

from __future__ import annotations

from typing import Any

from nuages.apps import apps as global_apps
from nuages.conf import settings
from nuages.core.management.color import no_style
from nuages.db import DEFAULT_DB_ALIAS, connections, router

__all__ = ["create_default_site"]


def create_default_site(
    app_config: Any,
    verbosity: int = 2,
    interactive: bool = True,
    using: str = DEFAULT_DB_ALIAS,
    apps: Any = global_apps,
    **kwargs: Any,
) -> None:
    """Create Site(pk=SITE_ID or 1, domain='example.com') when the table is empty."""
    try:
        Site = apps.get_model("sites", "Site")
    except LookupError:
        return
    if not router.allow_migrate_model(using, Site):
        return
    if Site.objects.using(using).exists():
        return
    # The pk is set so that SITE_ID = 1 (or the configured id) works on every backend.
    if verbosity >= 2:
        print("Creating example.com Site object")
    Site(pk=getattr(settings, "SITE_ID", 1), domain="example.com", name="example.com").save(
        using=using
    )
    # An explicit pk leaves the sequence behind on some backends: bring it forward.
    statements = connections[using].ops.sequence_reset_sql(no_style(), [Site])
    if statements:
        if verbosity >= 2:
            print("Resetting sequence")
        with connections[using].cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
