"""CookieStorage: messages in a signed, compressed cookie, in Django's `messages` format."""

from __future__ import annotations

import binascii
import json
import zlib
from http.cookies import SimpleCookie
from typing import Any

from nuages.conf import settings
from nuages.contrib.messages.storage.base import BaseStorage, Message
from nuages.core import signing
from nuages.utils.safestring import SafeData, mark_safe

__all__ = ["CookieStorage", "MessageDecoder", "MessageEncoder", "MessageSerializer"]


class MessageEncoder(json.JSONEncoder):
    """JSON for Message objects: ["__json_message", is_safe, level, message(, extra_tags)]."""

    message_key = "__json_message"

    def default(self, obj: Any) -> Any:
        if isinstance(obj, Message):
            is_safedata = 1 if isinstance(obj.message, SafeData) else 0
            data = [self.message_key, is_safedata, obj.level, str(obj.message)]
            if obj.extra_tags is not None:
                data.append(obj.extra_tags)
            return data
        return super().default(obj)


class MessageDecoder(json.JSONDecoder):
    """The reverse of MessageEncoder: nested lists tagged "__json_message" become Messages."""

    def process_messages(self, obj: Any) -> Any:
        if isinstance(obj, list) and obj:
            if obj[0] == MessageEncoder.message_key:
                if obj[1]:
                    obj[3] = mark_safe(obj[3])
                return Message(*obj[2:])
            return [self.process_messages(item) for item in obj]
        if isinstance(obj, dict):
            return {key: self.process_messages(value) for key, value in obj.items()}
        return obj

    def decode(self, s: str, **kwargs: Any) -> Any:  # type: ignore[override]
        return self.process_messages(super().decode(s, **kwargs))


class MessageSerializer:
    """The signing serializer for message lists (compact JSON, latin-1 safe)."""

    def dumps(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":"), cls=MessageEncoder).encode("latin-1")

    def loads(self, data: bytes) -> Any:
        return json.loads(data.decode("latin-1"), cls=MessageDecoder)


_cookie = SimpleCookie()


def _stored_length(value: str) -> int:
    """The cookie value's length once quoted for the Set-Cookie header."""
    return len(_cookie.value_encode(value)[1])


class CookieStorage(BaseStorage):
    """Store messages in a signed cookie; what does not fit in max_cookie_size is returned."""

    cookie_name = "messages"
    # Browsers allow 4096 bytes per cookie; half of it leaves room for the other cookies.
    max_cookie_size = 2048
    not_finalized = "__messagesnotfinalized__"
    key_salt = "django.contrib.messages"  # Django's salt: cookies stay readable across both.

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signer = signing.get_cookie_signer(salt=self.key_salt)

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list[Message] | None, bool]:
        data = self.request.COOKIES.get(self.cookie_name)
        messages = self._decode(data)
        all_retrieved = not (messages and messages[-1] == self.not_finalized)
        if messages and not all_retrieved:
            messages.pop()  # the sentinel
        return messages, all_retrieved

    def _update_cookie(self, encoded_data: str | None, response: Any) -> None:
        if encoded_data:
            response.set_cookie(
                self.cookie_name,
                encoded_data,
                domain=settings.SESSION_COOKIE_DOMAIN,
                secure=settings.SESSION_COOKIE_SECURE or None,
                httponly=settings.SESSION_COOKIE_HTTPONLY or None,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
        else:
            response.delete_cookie(
                self.cookie_name,
                domain=settings.SESSION_COOKIE_DOMAIN,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )

    def _store(
        self,
        messages: list[Any],
        response: Any,
        remove_oldest: bool = True,
        *args: Any,
        **kwargs: Any,
    ) -> list[Message]:
        """Store as many messages as fit in the cookie; return the rest.

        Messages are dropped from the front (oldest first) unless remove_oldest is False, in
        which case the newest are left out for a fallback storage to keep in order.
        """
        unstored: list[Message] = []
        messages = list(messages)
        encoded = self._encode(messages)
        if self.max_cookie_size:
            while encoded and _stored_length(encoded) > self.max_cookie_size:
                if remove_oldest:
                    unstored.append(messages.pop(0))
                else:
                    unstored.insert(0, messages.pop())
                encoded = self._encode(messages + [self.not_finalized], encode_empty=bool(unstored))
        self._update_cookie(encoded, response)
        return unstored

    def _encode(self, messages: list[Any], encode_empty: bool = False) -> str | None:
        """The signed, compressed form of messages (None for no messages, unless asked)."""
        if messages or encode_empty:
            return self.signer.sign_object(messages, serializer=MessageSerializer, compress=True)
        return None

    def _decode(self, data: str | None) -> list[Any] | None:
        """The messages in a cookie value; None (and the cookie dropped) if it is not ours."""
        if not data:
            return None
        try:
            messages = self.signer.unsign_object(data, serializer=MessageSerializer)
        except (signing.BadSignature, binascii.Error, zlib.error, ValueError):
            # json.JSONDecodeError and UnicodeDecodeError are ValueErrors too.
            messages = None
        if isinstance(messages, list):
            return messages
        # Tampered or foreign data: mark it used so the response clears the cookie.
        self.used = True
        return None
