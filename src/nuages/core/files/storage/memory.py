"""InMemoryStorage: a storage kept in process memory (tests, throwaway files)."""

from __future__ import annotations

import io
import os
import posixpath
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from nuages.conf import settings
from nuages.core.exceptions import SuspiciousFileOperation
from nuages.core.files.base import ContentFile
from nuages.core.files.storage.base import Storage
from nuages.core.files.storage.mixins import StorageSettingsMixin
from nuages.utils import timezone
from nuages.utils.deconstruct import deconstructible
from nuages.utils.encoding import filepath_to_uri

__all__ = ["InMemoryStorage"]


def _now() -> datetime:
    return timezone.now() if settings.USE_TZ else datetime.now()


class _FileNode(ContentFile):
    """A stored file: its buffer survives close(), and it records its times."""

    def __init__(self, content: str | bytes = b"", name: str | None = None) -> None:
        super().__init__(content, name)
        self.created_time = self.modified_time = self.accessed_time = _now()

    def open(self, mode: str | None = None, *args: Any, **kwargs: Any) -> _FileNode:
        mode = mode or "rb"
        self._convert(binary="b" in mode)
        self.__dict__.pop("size", None)
        if "w" in mode:
            self.file.seek(0)
            self.file.truncate()
            self.modified_time = _now()
        elif "a" in mode:
            self.file.seek(0, io.SEEK_END)
            self.modified_time = _now()
        else:
            self.file.seek(0)
        self.accessed_time = _now()
        return self

    def _convert(self, binary: bool) -> None:
        value = self.file.getvalue()
        if binary and isinstance(value, str):
            self.file = io.BytesIO(value.encode())
        elif not binary and isinstance(value, bytes):
            self.file = io.StringIO(value.decode())

    def write(self, data: Any) -> int:
        self.modified_time = _now()
        self.__dict__.pop("size", None)  # recomputed from the stream next time
        return self.file.write(data)

    def close(self) -> None:
        pass  # The content lives as long as the storage does.

    @property
    def closed(self) -> bool:  # type: ignore[override]
        return False

    def byte_size(self) -> int:
        value = self.file.getvalue()
        return len(value.encode() if isinstance(value, str) else value)


class _DirNode:
    def __init__(self) -> None:
        self.children: dict[str, _DirNode | _FileNode] = {}
        self.created_time = self.modified_time = self.accessed_time = _now()


@deconstructible(path="nuages.core.files.storage.InMemoryStorage")
class InMemoryStorage(Storage, StorageSettingsMixin):
    """A storage in a tree of nodes in memory; same API and settings as FileSystemStorage."""

    def __init__(
        self,
        location: str | None = None,
        base_url: str | None = None,
        file_permissions_mode: int | None = None,
        directory_permissions_mode: int | None = None,
    ) -> None:
        self._location = location
        self._base_url = base_url
        self._file_permissions_mode = file_permissions_mode
        self._directory_permissions_mode = directory_permissions_mode
        self._root = _DirNode()

    # -- the tree ---------------------------------------------------------------------------
    def _relative_parts(self, name: str) -> list[str]:
        """name as path parts inside the storage; traversal out of it is refused."""
        name = str(name).replace("\\", "/")
        full = posixpath.normpath(posixpath.join("/", "__root__", name))
        if full != "/__root__" and not full.startswith("/__root__/"):
            raise SuspiciousFileOperation(
                f"The joined path ({name}) is located outside of the base path component "
                f"({self.location})"
            )
        return [part for part in full.split("/")[2:] if part]

    def _resolve(self, name: str, create_file: bool = False) -> _DirNode | _FileNode:
        parts = self._relative_parts(name)
        node: _DirNode | _FileNode = self._root
        for index, part in enumerate(parts):
            if not isinstance(node, _DirNode):
                raise NotADirectoryError(f"Not a directory: '{'/'.join(parts[:index])}'")
            child = node.children.get(part)
            if child is None:
                if not create_file:
                    raise FileNotFoundError(f"No such file or directory: '{name}'")
                child = _FileNode(name=part) if index == len(parts) - 1 else _DirNode()
                node.children[part] = child
            node = child
        return node

    def _file(self, name: str) -> _FileNode:
        node = self._resolve(name)
        if not isinstance(node, _FileNode):
            raise IsADirectoryError(f"Is a directory: '{name}'")
        return node

    # -- Storage API ------------------------------------------------------------------------
    def _open(self, name: str, mode: str = "rb") -> _FileNode:
        node = self._resolve(name, create_file="w" in mode or "a" in mode)
        if not isinstance(node, _FileNode):
            raise IsADirectoryError(f"Is a directory: '{name}'")
        return node.open(mode)

    def _save(self, name: str, content: Any) -> str:
        node = self._resolve(name, create_file=True)
        if not isinstance(node, _FileNode):
            raise IsADirectoryError(f"Is a directory: '{name}'")
        node.open("wb")
        if hasattr(content, "seek"):
            try:
                content.seek(0)
            except (OSError, ValueError):
                pass
        for chunk in content.chunks():
            node.write(chunk.encode() if isinstance(chunk, str) else chunk)
        node.seek(0)
        return str(name).replace("\\", "/")

    def path(self, name: str) -> str:
        raise NotImplementedError("This backend doesn't support absolute paths.")

    def delete(self, name: str) -> None:
        parts = self._relative_parts(name)
        if not parts:
            raise ValueError("The name must be given to delete().")
        try:
            parent = self._resolve("/".join(parts[:-1]))
        except FileNotFoundError:
            return
        if isinstance(parent, _DirNode):
            parent.children.pop(parts[-1], None)

    def exists(self, name: str) -> bool:
        try:
            self._resolve(name)
        except (FileNotFoundError, NotADirectoryError):
            return False
        return True

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        node = self._resolve(path)
        if not isinstance(node, _DirNode):
            raise NotADirectoryError(f"Not a directory: '{path}'")
        directories = [n for n, c in node.children.items() if isinstance(c, _DirNode)]
        files = [n for n, c in node.children.items() if isinstance(c, _FileNode)]
        return directories, files

    def size(self, name: str) -> int:
        return self._file(name).byte_size()

    def url(self, name: str | None) -> str:
        if self.base_url is None:
            raise ValueError("This file is not accessible via a URL.")
        url = filepath_to_uri(name)
        if url is not None:
            url = url.lstrip("/")
        return urljoin(self.base_url, url)

    def get_accessed_time(self, name: str) -> datetime:
        return self._resolve(name).accessed_time

    def get_created_time(self, name: str) -> datetime:
        return self._resolve(name).created_time

    def get_modified_time(self, name: str) -> datetime:
        return self._resolve(name).modified_time

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)
