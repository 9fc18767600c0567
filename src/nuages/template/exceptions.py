"""The two errors a template raises: it cannot be found, or it cannot be parsed."""

from __future__ import annotations

from typing import Any

__all__ = ["TemplateDoesNotExist", "TemplateSyntaxError"]


class TemplateDoesNotExist(Exception):
    """No loader found the template.

    `tried` lists (origin, reason) pairs for the debug page; `chain` holds the errors of the
    engines tried before giving up (select_template and the multi-engine loader).
    """

    def __init__(
        self,
        msg: Any,
        tried: list | None = None,
        backend: Any = None,
        chain: list | None = None,
    ) -> None:
        self.backend = backend
        self.tried = tried if tried is not None else []
        self.chain = chain if chain is not None else []
        super().__init__(msg)


class TemplateSyntaxError(Exception):
    """The template source is invalid; the message names the offending tag or filter."""
