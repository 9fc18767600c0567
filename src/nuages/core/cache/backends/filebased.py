"""FileBasedCache: one file per key in a directory, written atomically.

A file holds the pickled expiry time followed by the zlib-compressed pickled value. Writes go
to a temporary file in the same directory and are renamed over the target, so a reader never
sees half a file.
"""

from __future__ import annotations

import glob
import hashlib
import os
import pickle
import random
import tempfile
import time
import zlib
from typing import IO, Any

from nuages.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache, pickle_value

__all__ = ["FileBasedCache"]


class FileBasedCache(BaseCache):
    cache_suffix = ".djcache"
    pickle_protocol = pickle.HIGHEST_PROTOCOL

    def __init__(self, dir: str | os.PathLike, params: dict[str, Any]) -> None:
        super().__init__(params)
        self._dir = os.path.abspath(os.fspath(dir))
        self._createdir()

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        if self.has_key(key, version):
            return False
        self.set(key, value, timeout, version)
        return True

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if not self._is_expired(f):
                    return pickle.loads(zlib.decompress(f.read()))
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file: IO[bytes], timeout: Any, value: bytes) -> None:
        expiry = self.get_backend_timeout(timeout)
        file.write(pickle.dumps(expiry, self.pickle_protocol))
        file.write(zlib.compress(value))

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        pickled = pickle_value(value, self.pickle_protocol)
        self._createdir()  # the directory may have been removed since
        fname = self._key_to_file(key, version)
        self._cull()
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        renamed = False
        try:
            with open(fd, "wb") as f:
                self._write_content(f, timeout, pickled)
            os.replace(tmp_path, fname)
            renamed = True
        finally:
            if not renamed:
                os.remove(tmp_path)

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if self._is_expired(f):
                    return False
                value = f.read()
        except FileNotFoundError:
            return False
        # Rewrite with the new expiry, atomically like set().
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        try:
            with open(fd, "wb") as f:
                f.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
                f.write(value)
            os.replace(tmp_path, fname)
        except BaseException:
            if os.path.exists(tmp_path):
                os.remove(tmp_path)
            raise
        return True

    def delete(self, key: str, version: int | None = None) -> bool:
        return self._delete(self._key_to_file(key, version))

    def _delete(self, fname: str) -> bool:
        if not fname.startswith(self._dir):
            return False
        try:
            os.remove(fname)
        except FileNotFoundError:
            return False
        return True

    def has_key(self, key: str, version: int | None = None) -> bool:
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                return not self._is_expired(f)
        except FileNotFoundError:
            return False

    def _cull(self) -> None:
        """Remove a random 1/CULL_FREQUENCY of the files once MAX_ENTRIES is reached."""
        filelist = self._list_cache_files()
        if len(filelist) < self._max_entries:
            return
        if self._cull_frequency == 0:
            doomed = filelist
        else:
            doomed = random.sample(filelist, len(filelist) // self._cull_frequency)
        for fname in doomed:
            self._delete(fname)

    def _createdir(self) -> None:
        # exist_ok covers a concurrent creation; 0o700 keeps pickles away from other users.
        os.makedirs(self._dir, 0o700, exist_ok=True)

    def _key_to_file(self, key: str, version: int | None = None) -> str:
        key = self.make_and_validate_key(key, version=version)
        digest = hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()
        return os.path.join(self._dir, digest + self.cache_suffix)

    def clear(self) -> None:
        if not os.path.exists(self._dir):
            return
        for fname in self._list_cache_files():
            self._delete(fname)

    def _is_expired(self, f: IO[bytes]) -> bool:
        """Whether the open file has expired; an expired file is removed."""
        try:
            exp = pickle.load(f)
        except EOFError:
            exp = 0  # an empty or truncated file counts as expired
        if exp is not None and exp < time.time():
            f.close()  # Windows cannot remove an open file
            self._delete(f.name)
            return True
        return False

    def _list_cache_files(self) -> list[str]:
        if not os.path.exists(self._dir):
            return []
        return glob.glob(os.path.join(glob.escape(self._dir), "*" + self.cache_suffix))
