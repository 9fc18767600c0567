"""File wrappers: the File proxy every upload and storage works with."""

from nuages.core.files.base import File

__all__ = ["File"]
