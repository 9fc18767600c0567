"""connection_created: sent with ``sender`` (the wrapper class) and ``connection`` on connect."""

from nuages.dispatch import Signal

__all__ = ["connection_created"]

connection_created = Signal()
