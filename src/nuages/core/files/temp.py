"""Named temporary files (the platform's own; deleted on close)."""

from tempfile import NamedTemporaryFile, gettempdir

__all__ = ["NamedTemporaryFile", "gettempdir"]
