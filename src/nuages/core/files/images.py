"""ImageFile: a File that knows its image dimensions (Pillow, an optional dependency)."""

from __future__ import annotations

from typing import Any

from nuages.core.files.base import File

__all__ = ["ImageFile", "get_image_dimensions"]


class ImageFile(File):
    """A File over an image: width and height read (once) with Pillow."""

    @property
    def width(self) -> int | None:
        return self._get_image_dimensions()[0]

    @property
    def height(self) -> int | None:
        return self._get_image_dimensions()[1]

    def _get_image_dimensions(self) -> tuple[int | None, int | None]:
        if not hasattr(self, "_dimensions_cache"):
            close = self.closed
            self.open()
            self._dimensions_cache = get_image_dimensions(self, close=close)
        return self._dimensions_cache


def get_image_dimensions(file_or_path: Any, close: bool = False) -> tuple[int | None, int | None]:
    """(width, height) of an image file or path; (None, None) if Pillow cannot read it."""
    try:
        from PIL import Image  # optional dependency
    except ImportError as e:
        raise ImportError(
            "Reading image dimensions requires Pillow: python -m pip install Pillow"
        ) from e
    if hasattr(file_or_path, "read"):
        file, position = file_or_path, file_or_path.tell()
        file.seek(0)
    else:
        file, position = open(file_or_path, "rb"), None  # noqa: SIM115 - closed below
        close = True
    try:
        try:
            with Image.open(file) as image:
                return image.size
        except Exception:
            return None, None
    finally:
        if close:
            file.close()
        elif position is not None:
            file.seek(position)
