"""RequestSite: a Site-like object built from the request, for projects without the table."""

from __future__ import annotations

from typing import Any

__all__ = ["RequestSite"]


class RequestSite:
    """Shares Site's interface (domain, name); both are the request's host without port."""

    def __init__(self, request: Any) -> None:
        self.domain = self.name = request.get_host()

    def __str__(self) -> str:
        return self.domain

    def save(self, force_insert: bool = False, force_update: bool = False) -> None:
        raise NotImplementedError("RequestSite cannot be saved.")

    def delete(self) -> None:
        raise NotImplementedError("RequestSite cannot be deleted.")
