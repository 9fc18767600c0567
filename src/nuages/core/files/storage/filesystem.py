"""FileSystemStorage: files under a directory (MEDIA_ROOT by default)."""

from __future__ import annotations

import os
import pathlib
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from nuages.core.exceptions import SuspiciousFileOperation
from nuages.core.files.base import File
from nuages.core.files.storage.base import Storage
from nuages.core.files.storage.mixins import StorageSettingsMixin
from nuages.utils.deconstruct import deconstructible
from nuages.utils.encoding import filepath_to_uri

__all__ = ["FileSystemStorage", "safe_join"]

_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)


def safe_join(base: str, *paths: str) -> str:
    """base joined with paths, absolute; SuspiciousFileOperation if the result leaves base."""
    base_path = os.path.abspath(base)
    final = os.path.abspath(os.path.join(base_path, *paths))
    if (
        os.path.normcase(final) != os.path.normcase(base_path)
        and not os.path.normcase(final).startswith(os.path.normcase(base_path) + os.sep)
        and os.path.dirname(os.path.normcase(base_path)) != os.path.normcase(base_path)
    ):
        raise SuspiciousFileOperation(
            f"The joined path ({final}) is located outside of the base path component ({base_path})"
        )
    return final


@deconstructible(path="nuages.core.files.storage.FileSystemStorage")
class FileSystemStorage(Storage, StorageSettingsMixin):
    """Standard filesystem storage.

    location (MEDIA_ROOT), base_url (MEDIA_URL), file_permissions_mode
    (FILE_UPLOAD_PERMISSIONS), directory_permissions_mode (FILE_UPLOAD_DIRECTORY_PERMISSIONS)
    default to the settings; allow_overwrite=True replaces an existing file of the same name
    instead of picking another name.
    """

    def __init__(
        self,
        location: str | os.PathLike | None = None,
        base_url: str | None = None,
        file_permissions_mode: int | None = None,
        directory_permissions_mode: int | None = None,
        allow_overwrite: bool = False,
    ) -> None:
        self._location = os.fspath(location) if location is not None else None
        self._base_url = base_url
        self._file_permissions_mode = file_permissions_mode
        self._directory_permissions_mode = directory_permissions_mode
        self._allow_overwrite = allow_overwrite

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.__dict__ == other.__dict__

    __hash__ = object.__hash__

    def _open(self, name: str, mode: str = "rb") -> File:
        return File(open(self.path(name), mode))

    def _save(self, name: str, content: Any) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        self._make_directory(directory)
        while True:
            flags = _OPEN_FLAGS if self._allow_overwrite else _OPEN_FLAGS | os.O_EXCL
            try:
                fd = os.open(full_path, flags | (os.O_TRUNC if self._allow_overwrite else 0), 0o666)
            except FileExistsError:
                # Taken between get_available_name() and now: pick another name.
                name = self.get_available_name(name)
                full_path = self.path(name)
                continue
            try:
                with os.fdopen(fd, "wb") as handle:
                    fd = -1
                    if hasattr(content, "seek") and getattr(content, "seekable", lambda: True)():
                        try:
                            content.seek(0)
                        except (OSError, ValueError):
                            pass
                    for chunk in content.chunks():
                        handle.write(chunk.encode() if isinstance(chunk, str) else chunk)
            finally:
                if fd != -1:
                    os.close(fd)
            break
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        # Stored names use forward slashes on every platform.
        return str(name).replace("\\", "/")

    def _make_directory(self, directory: str) -> None:
        mode = self.directory_permissions_mode
        try:
            if mode is not None:
                # Set the umask so makedirs() creates every level with exactly this mode.
                old_umask = os.umask(0o777 & ~mode)
                try:
                    os.makedirs(directory, mode, exist_ok=True)
                finally:
                    os.umask(old_umask)
            else:
                os.makedirs(directory, exist_ok=True)
        except FileExistsError as e:
            raise FileExistsError(f"{directory} exists and is not a directory.") from e

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        if not self._allow_overwrite:
            return super().get_available_name(name, max_length)
        name = str(name).replace("\\", "/")
        if max_length is None or len(name) <= max_length:
            return name
        # Overwriting: keep the name, only shorten its root to fit.
        dir_name, file_name = os.path.split(name)
        file_ext = "".join(pathlib.PurePath(file_name).suffixes)
        file_root = file_name.removesuffix(file_ext)
        file_root = file_root[: len(file_root) - (len(name) - max_length)]
        if not file_root:
            raise SuspiciousFileOperation(
                f'Storage tried to truncate away entire filename "{name}". Please make sure that '
                'the corresponding file field allows sufficient "max_length".'
            )
        return os.path.join(dir_name, file_root + file_ext)

    def delete(self, name: str) -> None:
        if not name:
            raise ValueError("The name must be given to delete().")
        path = self.path(name)
        try:
            if os.path.isdir(path):
                os.rmdir(path)
            else:
                os.remove(path)
        except FileNotFoundError:
            pass  # Deleting a missing file is not an error.

    def exists(self, name: str) -> bool:
        return os.path.lexists(self.path(name))

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        directories, files = [], []
        with os.scandir(self.path(path)) as entries:
            for entry in entries:
                (directories if entry.is_dir() else files).append(entry.name)
        return directories, files

    def path(self, name: str) -> str:
        return safe_join(self.location, name)

    def size(self, name: str) -> int:
        return os.path.getsize(self.path(name))

    def url(self, name: str | None) -> str:
        if self.base_url is None:
            raise ValueError("This file is not accessible via a URL.")
        url = filepath_to_uri(name)
        if url is not None:
            url = url.lstrip("/")
        return urljoin(self.base_url, url)

    def get_accessed_time(self, name: str) -> datetime:
        return self._datetime_from_timestamp(os.path.getatime(self.path(name)))

    def get_created_time(self, name: str) -> datetime:
        return self._datetime_from_timestamp(os.path.getctime(self.path(name)))

    def get_modified_time(self, name: str) -> datetime:
        return self._datetime_from_timestamp(os.path.getmtime(self.path(name)))
