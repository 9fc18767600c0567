"""Storage: the backend-independent part of the file storage API."""

from __future__ import annotations

import os
import pathlib
from datetime import datetime
from typing import Any

from nuages.core.exceptions import SuspiciousFileOperation
from nuages.core.files.base import File
from nuages.core.files.utils import validate_file_name
from nuages.utils.crypto import get_random_string
from nuages.utils.text import get_valid_filename

__all__ = ["Storage"]


def _refuse_traversal(dirname: str) -> None:
    if ".." in pathlib.PurePath(dirname).parts:
        raise SuspiciousFileOperation(f"Detected path traversal attempt in '{dirname}'")


class Storage:
    """Base class of every storage: names, collisions and the public save/open pair.

    Subclasses implement _open, _save, delete, exists, listdir, size, url, and optionally
    path and the get_*_time methods.
    """

    def open(self, name: str, mode: str = "rb") -> File:
        """Open the stored file name and return a File."""
        return self._open(name, mode)

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        """Store content under name (or an available variant of it); return the actual name."""
        if name is None:
            name = content.name
        if not hasattr(content, "chunks"):
            content = File(content, name)
        validate_file_name(name, allow_relative_path=True)
        name = self.get_available_name(name, max_length=max_length)
        validate_file_name(name, allow_relative_path=True)
        name = self._save(name, content)
        validate_file_name(name, allow_relative_path=True)
        return name

    # -- names ------------------------------------------------------------------------------
    def get_valid_name(self, name: str) -> str:
        """A file name valid for this storage (get_valid_filename by default)."""
        return get_valid_filename(name)

    def get_alternative_name(self, file_root: str, file_ext: str) -> str:
        """Another name for file_root + file_ext: an underscore and 7 random characters."""
        return f"{file_root}_{get_random_string(7)}{file_ext}"

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        """A name free in this storage and no longer than max_length, based on name."""
        name = str(name).replace("\\", "/")
        dir_name, file_name = os.path.split(name)
        _refuse_traversal(dir_name)
        validate_file_name(file_name)
        file_ext = "".join(pathlib.PurePath(file_name).suffixes)
        file_root = file_name.removesuffix(file_ext)
        while self.exists(name) or (max_length and len(name) > max_length):
            name = os.path.join(dir_name, self.get_alternative_name(file_root, file_ext))
            if max_length is None:
                continue
            excess = len(name) - max_length
            if excess > 0:
                file_root = file_root[:-excess]
                if not file_root:
                    raise SuspiciousFileOperation(
                        f'Storage can not find an available filename for "{name}". Please make '
                        'sure that the corresponding file field allows sufficient "max_length".'
                    )
                name = os.path.join(dir_name, self.get_alternative_name(file_root, file_ext))
        return name

    def generate_filename(self, filename: str) -> str:
        """Normalise filename (a relative path) and make its last part valid for this storage."""
        filename = str(filename).replace("\\", "/")
        dirname, basename = os.path.split(filename)
        _refuse_traversal(dirname)
        return os.path.normpath(os.path.join(dirname, self.get_valid_name(basename)))

    # -- what backends provide ---------------------------------------------------------------
    def path(self, name: str) -> str:
        """The local filesystem path of name; storages without one raise NotImplementedError."""
        raise NotImplementedError("This backend doesn't support absolute paths.")

    def _open(self, name: str, mode: str = "rb") -> File:
        raise NotImplementedError("subclasses of Storage must provide an _open() method")

    def _save(self, name: str, content: Any) -> str:
        raise NotImplementedError("subclasses of Storage must provide a _save() method")

    def delete(self, name: str) -> None:
        raise NotImplementedError("subclasses of Storage must provide a delete() method")

    def exists(self, name: str) -> bool:
        raise NotImplementedError("subclasses of Storage must provide an exists() method")

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        raise NotImplementedError("subclasses of Storage must provide a listdir() method")

    def size(self, name: str) -> int:
        raise NotImplementedError("subclasses of Storage must provide a size() method")

    def url(self, name: str) -> str:
        raise NotImplementedError("subclasses of Storage must provide a url() method")

    def get_accessed_time(self, name: str) -> datetime:
        raise NotImplementedError("subclasses of Storage must provide a get_accessed_time() method")

    def get_created_time(self, name: str) -> datetime:
        raise NotImplementedError("subclasses of Storage must provide a get_created_time() method")

    def get_modified_time(self, name: str) -> datetime:
        raise NotImplementedError("subclasses of Storage must provide a get_modified_time() method")
