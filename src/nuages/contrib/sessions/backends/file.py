"""Sessions stored as one file each in SESSION_FILE_PATH (the temp directory by default).

File names are SESSION_COOKIE_NAME + the key, and a key with any character outside
VALID_KEY_CHARS is refused (InvalidSessionKey), so a forged key cannot reach another path.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from typing import Any

from nuages.conf import settings
from nuages.contrib.sessions.backends.base import (
    VALID_KEY_CHARS,
    CreateError,
    SessionBase,
    UpdateError,
)
from nuages.contrib.sessions.exceptions import InvalidSessionKey
from nuages.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from nuages.utils import timezone

__all__ = ["SessionStore"]

_VALID = frozenset(VALID_KEY_CHARS)


class SessionStore(SessionBase):
    """Implement a file based session store."""

    def __init__(self, session_key: str | None = None) -> None:
        self.storage_path = self._get_storage_path()
        self.file_prefix = settings.SESSION_COOKIE_NAME
        super().__init__(session_key)

    @classmethod
    def _get_storage_path(cls) -> str:
        storage_path = settings.SESSION_FILE_PATH or tempfile.gettempdir()
        if not os.path.isdir(storage_path):
            raise ImproperlyConfigured(
                f"The session storage path {storage_path!r} doesn't exist. Please set your "
                "SESSION_FILE_PATH setting to an existing directory in which nuages can store "
                "session data."
            )
        return str(storage_path)

    def _key_to_file(self, session_key: str | None = None) -> str:
        """The file of a session; InvalidSessionKey for a key that could escape the directory."""
        if session_key is None:
            session_key = self._get_or_create_session_key()
        if not session_key or not _VALID.issuperset(session_key):
            raise InvalidSessionKey("Invalid characters in session key")
        return os.path.join(self.storage_path, self.file_prefix + session_key)

    def _last_modification(self) -> datetime.datetime:
        modification = os.stat(self._key_to_file()).st_mtime
        return datetime.datetime.fromtimestamp(modification, tz=datetime.UTC)

    def _expiry_date_of(self, session_data: dict) -> datetime.datetime:
        """The expiry of stored data: its own _session_expiry, else mtime + cookie age."""
        expiry = session_data.get("_session_expiry")
        if isinstance(expiry, (str, datetime.datetime)):
            return self.get_expiry_date(expiry=expiry)
        seconds = expiry or self.get_session_cookie_age()
        return self._last_modification() + datetime.timedelta(seconds=seconds)

    def load(self) -> dict:
        session_data: dict = {}
        try:
            with open(self._key_to_file(), encoding="ascii") as session_file:
                file_data = session_file.read()
            # Don't fail if there is no data in the session file (written elsewhere, say).
            if file_data:
                session_data = self.decode(file_data)
                # Expired data is removed and a new empty session takes its place.
                if (self._expiry_date_of(session_data) - timezone.now()).total_seconds() <= 0:
                    session_data = {}
                    self.delete()
                    self.create()
        except (OSError, SuspiciousOperation, ValueError):
            self._session_key = None
        return session_data

    def create(self) -> None:
        while True:
            self._session_key = self._get_new_session_key()
            try:
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        # Read the data before taking the file: load() may need the old file.
        session_data = self._get_session(no_load=must_create)
        session_file_name = self._key_to_file()
        try:
            # O_EXCL makes "create" atomic: a taken key raises FileExistsError.
            flags = os.O_WRONLY | getattr(os, "O_BINARY", 0)
            if must_create:
                flags |= os.O_EXCL | os.O_CREAT
            fd = os.open(session_file_name, flags, 0o600)
            os.close(fd)
        except FileNotFoundError:
            if not must_create:
                raise UpdateError from None
            raise
        except FileExistsError:
            if must_create:
                raise CreateError from None
            raise
        # Write to a temporary file then rename over: readers never see half a session.
        dir_name = os.path.dirname(session_file_name)
        output_fd, output_name = tempfile.mkstemp(dir=dir_name, prefix="_" + self.file_prefix)
        renamed = False
        try:
            try:
                os.write(output_fd, self.encode(session_data).encode())
            finally:
                os.close(output_fd)
            os.replace(output_name, session_file_name)
            renamed = True
        finally:
            if not renamed:
                os.unlink(output_name)

    def exists(self, session_key: str) -> bool:
        try:
            return os.path.exists(self._key_to_file(session_key))
        except InvalidSessionKey:
            return False

    def delete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        try:
            os.unlink(self._key_to_file(session_key))
        except (OSError, InvalidSessionKey):
            pass

    def clean(self) -> None:
        pass

    @classmethod
    def clear_expired(cls) -> None:
        storage_path = cls._get_storage_path()
        file_prefix = settings.SESSION_COOKIE_NAME
        for session_file in os.listdir(storage_path):
            if not session_file.startswith(file_prefix):
                continue
            session_key = session_file.removeprefix(file_prefix)
            session: Any = cls(session_key)
            # load() deletes an expired session; don't let it create a new one.
            session.create = lambda: None
            session.load()
