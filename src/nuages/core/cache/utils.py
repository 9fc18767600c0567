"""make_template_fragment_key: the key `{% cache %}` stores a fragment under."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

__all__ = ["TEMPLATE_FRAGMENT_KEY_TEMPLATE", "make_template_fragment_key"]

TEMPLATE_FRAGMENT_KEY_TEMPLATE = "template.cache.%s.%s"


def make_template_fragment_key(fragment_name: str, vary_on: Iterable[Any] | None = None) -> str:
    """The cache key of a fragment: its name and a digest of the vary-on values (to delete it)."""
    hasher = hashlib.md5(usedforsecurity=False)
    for arg in vary_on or ():
        hasher.update(str(arg).encode())
        hasher.update(b":")
    return TEMPLATE_FRAGMENT_KEY_TEMPLATE % (fragment_name, hasher.hexdigest())
