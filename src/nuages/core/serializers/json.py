"""JSON serialisation helpers."""

from nuages.utils._json import DjangoJSONEncoder

__all__ = ["DjangoJSONEncoder"]
