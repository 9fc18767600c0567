"""Sessions kept in the cookie itself: the data is serialized, compressed and signed.

Nothing is stored on the server; the cookie is the key. The signature stops tampering but the
data is readable by the client, and a copied cookie stays valid until it expires.
"""

from __future__ import annotations

from nuages.contrib.sessions.backends.base import SessionBase
from nuages.core import signing

__all__ = ["SessionStore"]

_SALT = "django.contrib.sessions.backends.signed_cookies"


class SessionStore(SessionBase):
    _strict_keys = False

    def load(self) -> dict:
        """The data in the cookie; a forged, tampered or too old cookie is an empty session."""
        try:
            return signing.loads(
                self.session_key,
                serializer=self.serializer,
                # Same as the cookie's max_age: expired cookies are refused here too.
                max_age=self.get_session_cookie_age(),
                salt=_SALT,
            )
        except Exception:
            # BadSignature, SignatureExpired, bad base64/zlib/JSON: start a new session.
            self.create()
        return {}

    def exists(self, session_key: str | None = None) -> bool:
        """No storage: a key never 'exists' (so any key made is fresh)."""
        return False

    def create(self) -> None:
        """Nothing to store: mark the session modified so the cookie gets written."""
        self.modified = True

    def save(self, must_create: bool = False) -> None:
        """The 'key' becomes the signed data; the middleware writes it to the cookie."""
        self._session_key = self._get_session_key()
        self.modified = True

    def delete(self, session_key: str | None = None) -> None:
        """Forget the data; the middleware then deletes the cookie."""
        self._session_key = ""
        self._session_cache = {}
        self.modified = True

    def cycle_key(self) -> None:
        """The key is the data, signed afresh: re-saving is a new key."""
        self.save()

    async def acycle_key(self) -> None:
        self.save()

    def _get_session_key(self) -> str:
        """The whole session, signed: that is what the cookie holds."""
        return signing.dumps(self._session, compress=True, salt=_SALT, serializer=self.serializer)

    @classmethod
    def clear_expired(cls) -> None:
        pass
