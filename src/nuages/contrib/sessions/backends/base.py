"""SessionBase: the dict-like session every backend shares, sync and async.

A backend implements exists/create/save/delete/load (and their async twins when it has real
async I/O; by default the async twins call the sync ones, which suits CPU-only backends).
Data is loaded lazily on first access. encode()/decode() sign the serialized data with the salt
Django uses, so session rows written by a Django project still decode after a move to nuages.
"""

from __future__ import annotations

import logging
import string
from collections.abc import Iterator
from datetime import datetime, timedelta
from importlib import import_module
from types import ModuleType
from typing import Any

from nuages.conf import settings
from nuages.core import signing
from nuages.utils import timezone
from nuages.utils.crypto import get_random_string
from nuages.utils.module_loading import import_string, nuages_path

__all__ = [
    "VALID_KEY_CHARS",
    "CreateError",
    "SessionBase",
    "UpdateError",
    "import_session_engine",
    "import_session_serializer",
]

logger = logging.getLogger("nuages.security.SuspiciousSession")

# Session keys are made of these (32 of them): lowercase letters and digits.
VALID_KEY_CHARS = string.ascii_lowercase + string.digits
_VALID_KEY_SET = frozenset(VALID_KEY_CHARS)
_MAX_KEY_LENGTH = 40  # the column width of session_key


def import_session_engine(path: str | None = None) -> ModuleType:
    """The SESSION_ENGINE module (a 'django.contrib.sessions.*' name maps to ours)."""
    return import_module(nuages_path(path or settings.SESSION_ENGINE))


def import_session_serializer(path: str | None = None) -> type:
    """The SESSION_SERIALIZER class (a 'django.*' name maps to ours)."""
    return import_string(nuages_path(path or settings.SESSION_SERIALIZER))


class CreateError(Exception):
    """save(must_create=True) found the key taken: create() picks another one."""


class UpdateError(Exception):
    """save() found the session gone: it was deleted meanwhile."""


_MISSING = object()


class SessionBase:
    """The session API common to every backend (a mapping with expiry and key management)."""

    TEST_COOKIE_NAME = "testcookie"
    TEST_COOKIE_VALUE = "worked"

    # Keys must be VALID_KEY_CHARS only; the signed-cookie backend (whose key is the signed
    # payload itself) turns this off.
    _strict_keys = True

    __not_given = object()

    def __init__(self, session_key: str | None = None) -> None:
        self._session_key = session_key
        self.accessed = False
        self.modified = False
        self.serializer = import_session_serializer()

    # -- mapping API ------------------------------------------------------------------------
    def __contains__(self, key: str) -> bool:
        return key in self._session

    def __getitem__(self, key: str) -> Any:
        return self._session[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._session[key] = value
        self.modified = True

    def __delitem__(self, key: str) -> None:
        del self._session[key]
        self.modified = True

    def __iter__(self) -> Iterator[str]:
        return iter(self._session)

    def __len__(self) -> int:
        return len(self._session)

    @property
    def key_salt(self) -> str:
        return "django.contrib.sessions." + type(self).__qualname__

    def get(self, key: str, default: Any = None) -> Any:
        return self._session.get(key, default)

    def pop(self, key: str, default: Any = __not_given) -> Any:
        self.modified = self.modified or key in self._session
        args = () if default is self.__not_given else (default,)
        return self._session.pop(key, *args)

    def setdefault(self, key: str, value: Any) -> Any:
        if key in self._session:
            return self._session[key]
        self[key] = value
        return value

    def update(self, dict_: Any) -> None:
        self._session.update(dict_)
        self.modified = True

    def has_key(self, key: str) -> bool:
        return key in self._session

    def keys(self) -> Any:
        return self._session.keys()

    def values(self) -> Any:
        return self._session.values()

    def items(self) -> Any:
        return self._session.items()

    def clear(self) -> None:
        # Faster than loading then emptying: the data need not be read at all.
        self._session_cache = {}
        self.accessed = True
        self.modified = True

    def is_empty(self) -> bool:
        """True when there is neither a session key nor any data."""
        try:
            return not self._session_key and not self._session_cache
        except AttributeError:
            return True

    # async twins of the mapping API (they load through aload())
    async def aget(self, key: str, default: Any = None) -> Any:
        return (await self._aget_session()).get(key, default)

    async def aset(self, key: str, value: Any) -> None:
        (await self._aget_session())[key] = value
        self.modified = True

    async def apop(self, key: str, default: Any = __not_given) -> Any:
        session = await self._aget_session()
        self.modified = self.modified or key in session
        args = () if default is self.__not_given else (default,)
        return session.pop(key, *args)

    async def asetdefault(self, key: str, value: Any) -> Any:
        session = await self._aget_session()
        if key in session:
            return session[key]
        await self.aset(key, value)
        return value

    async def aupdate(self, dict_: Any) -> None:
        (await self._aget_session()).update(dict_)
        self.modified = True

    async def ahas_key(self, key: str) -> bool:
        return key in await self._aget_session()

    async def akeys(self) -> Any:
        return (await self._aget_session()).keys()

    async def avalues(self) -> Any:
        return (await self._aget_session()).values()

    async def aitems(self) -> Any:
        return (await self._aget_session()).items()

    # -- test cookie --------------------------------------------------------------------------
    def set_test_cookie(self) -> None:
        self[self.TEST_COOKIE_NAME] = self.TEST_COOKIE_VALUE

    async def aset_test_cookie(self) -> None:
        await self.aset(self.TEST_COOKIE_NAME, self.TEST_COOKIE_VALUE)

    def test_cookie_worked(self) -> bool:
        return self.get(self.TEST_COOKIE_NAME) == self.TEST_COOKIE_VALUE

    async def atest_cookie_worked(self) -> bool:
        return (await self.aget(self.TEST_COOKIE_NAME)) == self.TEST_COOKIE_VALUE

    def delete_test_cookie(self) -> None:
        del self[self.TEST_COOKIE_NAME]

    async def adelete_test_cookie(self) -> None:
        del (await self._aget_session())[self.TEST_COOKIE_NAME]
        self.modified = True

    # -- encoding -----------------------------------------------------------------------------
    def encode(self, session_dict: dict) -> str:
        """The session data serialized, compressed and signed, as stored by the backends."""
        return signing.dumps(
            session_dict, salt=self.key_salt, serializer=self.serializer, compress=True
        )

    def decode(self, session_data: str) -> dict:
        """Reverse encode(); tampered or unreadable data gives an empty session."""
        try:
            return signing.loads(session_data, salt=self.key_salt, serializer=self.serializer)
        except signing.BadSignature:
            logger.warning("Session data corrupted")
        except Exception:
            # Unreadable data (bad base64, bad JSON...): start afresh rather than fail.
            pass
        return {}

    # -- keys -----------------------------------------------------------------------------
    def _get_new_session_key(self) -> str:
        """A random key not in use yet."""
        while True:
            session_key = get_random_string(32, VALID_KEY_CHARS)
            if not self.exists(session_key):
                return session_key

    async def _aget_new_session_key(self) -> str:
        while True:
            session_key = get_random_string(32, VALID_KEY_CHARS)
            if not await self.aexists(session_key):
                return session_key

    def _get_or_create_session_key(self) -> str:
        if self._session_key is None:
            self._session_key = self._get_new_session_key()
        return self._session_key

    async def _aget_or_create_session_key(self) -> str:
        if self._session_key is None:
            self._session_key = await self._aget_new_session_key()
        return self._session_key

    def _validate_session_key(self, key: Any) -> bool:
        """Keys shorter than 8 characters (or, strictly, with foreign characters) are refused."""
        if not key or not isinstance(key, str) or len(key) < 8:
            return False
        if self._strict_keys:
            return len(key) <= _MAX_KEY_LENGTH and _VALID_KEY_SET.issuperset(key)
        return True

    def _get_session_key(self) -> str | None:
        return self.__session_key

    def _set_session_key(self, value: str | None) -> None:
        # An invalid key (forged, truncated...) is ignored: the session starts empty.
        self.__session_key = value if self._validate_session_key(value) else None

    session_key = property(_get_session_key)
    _session_key = property(_get_session_key, _set_session_key)

    # -- loading ------------------------------------------------------------------------------
    def _get_session(self, no_load: bool = False) -> dict:
        """The data, loaded from the backend on first use (an empty dict when no_load)."""
        self.accessed = True
        try:
            return self._session_cache
        except AttributeError:
            if self.session_key is None or no_load:
                self._session_cache = {}
            else:
                self._session_cache = self.load()
        return self._session_cache

    async def _aget_session(self, no_load: bool = False) -> dict:
        self.accessed = True
        try:
            return self._session_cache
        except AttributeError:
            if self.session_key is None or no_load:
                self._session_cache = {}
            else:
                self._session_cache = await self.aload()
        return self._session_cache

    _session = property(_get_session)

    # -- expiry -------------------------------------------------------------------------------
    def get_session_cookie_age(self) -> int:
        return settings.SESSION_COOKIE_AGE

    async def aget_session_cookie_age(self) -> int:
        return self.get_session_cookie_age()

    def _expiry_age(self, expiry: Any, modification: datetime | None) -> int:
        if not expiry:  # unset (None) or 0 (browser close): the cookie age applies
            return self.get_session_cookie_age()
        if not isinstance(expiry, (datetime, str)):
            return expiry
        if isinstance(expiry, str):
            expiry = datetime.fromisoformat(expiry)
        delta = expiry - (modification or timezone.now())
        return delta.days * 86400 + delta.seconds

    def get_expiry_age(self, **kwargs: Any) -> int:
        """Seconds until the session expires (keyword arguments `modification`, `expiry`)."""
        expiry = kwargs["expiry"] if "expiry" in kwargs else self.get("_session_expiry")
        return self._expiry_age(expiry, kwargs.get("modification"))

    async def aget_expiry_age(self, **kwargs: Any) -> int:
        expiry = kwargs["expiry"] if "expiry" in kwargs else await self.aget("_session_expiry")
        return self._expiry_age(expiry, kwargs.get("modification"))

    def _expiry_date(self, expiry: Any, modification: datetime | None) -> datetime:
        if isinstance(expiry, datetime):
            return expiry
        if isinstance(expiry, str):
            return datetime.fromisoformat(expiry)
        seconds = expiry or self.get_session_cookie_age()
        return (modification or timezone.now()) + timedelta(seconds=seconds)

    def get_expiry_date(self, **kwargs: Any) -> datetime:
        """When the session expires (keyword arguments `modification`, `expiry`)."""
        expiry = kwargs["expiry"] if "expiry" in kwargs else self.get("_session_expiry")
        return self._expiry_date(expiry, kwargs.get("modification"))

    async def aget_expiry_date(self, **kwargs: Any) -> datetime:
        expiry = kwargs["expiry"] if "expiry" in kwargs else await self.aget("_session_expiry")
        return self._expiry_date(expiry, kwargs.get("modification"))

    @staticmethod
    def _expiry_value(value: Any) -> Any:
        if isinstance(value, timedelta):
            value = timezone.now() + value
        if isinstance(value, datetime):
            value = value.isoformat()  # JSON-serializable, read back by fromisoformat()
        return value

    def set_expiry(self, value: int | datetime | timedelta | None) -> None:
        """Expire in `value` seconds, at a datetime, after a timedelta; 0 = browser close;
        None = back to the global policy."""
        if value is None:
            try:
                del self["_session_expiry"]
            except KeyError:
                pass
            return
        self["_session_expiry"] = self._expiry_value(value)

    async def aset_expiry(self, value: int | datetime | timedelta | None) -> None:
        if value is None:
            session = await self._aget_session()
            if "_session_expiry" in session:
                del session["_session_expiry"]
                self.modified = True
            return
        await self.aset("_session_expiry", self._expiry_value(value))

    def get_expire_at_browser_close(self) -> bool:
        """Whether the cookie should expire when the browser closes."""
        expiry = self.get("_session_expiry")
        if expiry is None:
            return settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
        return expiry == 0

    async def aget_expire_at_browser_close(self) -> bool:
        expiry = await self.aget("_session_expiry")
        if expiry is None:
            return settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
        return expiry == 0

    # -- lifecycle ----------------------------------------------------------------------------
    def flush(self) -> None:
        """Empty the session and delete it from storage (a logout)."""
        self.clear()
        self.delete()
        self._session_key = None

    async def aflush(self) -> None:
        self.clear()
        await self.adelete()
        self._session_key = None

    def cycle_key(self) -> None:
        """Keep the data under a new key and delete the old one (against session fixation)."""
        data = self._session
        key = self.session_key
        self.create()
        self._session_cache = data
        if key:
            self.delete(key)

    async def acycle_key(self) -> None:
        data = await self._aget_session()
        key = self.session_key
        await self.acreate()
        self._session_cache = data
        if key:
            await self.adelete(key)

    # -- what a backend implements ------------------------------------------------------------
    def exists(self, session_key: str) -> bool:
        """Whether a session with that key is stored."""
        raise NotImplementedError("subclasses of SessionBase must provide an exists() method")

    async def aexists(self, session_key: str) -> bool:
        return self.exists(session_key)

    def create(self) -> None:
        """Store a new empty session under a fresh key (sets modified)."""
        raise NotImplementedError("subclasses of SessionBase must provide a create() method")

    async def acreate(self) -> None:
        return self.create()

    def save(self, must_create: bool = False) -> None:
        """Store the data; with must_create, CreateError if the key is already taken."""
        raise NotImplementedError("subclasses of SessionBase must provide a save() method")

    async def asave(self, must_create: bool = False) -> None:
        return self.save(must_create=must_create)

    def delete(self, session_key: str | None = None) -> None:
        """Delete the session with that key (this session's by default)."""
        raise NotImplementedError("subclasses of SessionBase must provide a delete() method")

    async def adelete(self, session_key: str | None = None) -> None:
        return self.delete(session_key=session_key)

    def load(self) -> dict:
        """The stored data, or {} (and no key) when missing, expired or unreadable."""
        raise NotImplementedError("subclasses of SessionBase must provide a load() method")

    async def aload(self) -> dict:
        return self.load()

    @classmethod
    def clear_expired(cls) -> None:
        """Remove expired sessions from storage (clearsessions calls it)."""
        raise NotImplementedError("This backend does not support clear_expired().")

    @classmethod
    async def aclear_expired(cls) -> None:
        return cls.clear_expired()
