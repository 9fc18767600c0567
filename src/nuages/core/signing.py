"""Cryptographic signing of strings and objects, with optional timestamps.

A signed value is ``value + sep + signature``; the signature is an URL-safe base64 HMAC keyed
by SECRET_KEY (or the given key) and a salt. Salts and the wire format match Django's, so
values signed by a Django project (cookies, dumps()) stay valid after a move to nuages.
"""

from __future__ import annotations

import base64
import datetime
import json
import re
import time
import zlib
from collections.abc import Iterable
from typing import Any

from nuages.conf import settings
from nuages.utils.crypto import _to_bytes, constant_time_compare, salted_hmac
from nuages.utils.module_loading import import_string

__all__ = [
    "BASE62_ALPHABET",
    "BadSignature",
    "JSONSerializer",
    "SignatureExpired",
    "Signer",
    "TimestampSigner",
    "b62_decode",
    "b62_encode",
    "b64_decode",
    "b64_encode",
    "base64_hmac",
    "dumps",
    "get_cookie_signer",
    "loads",
]

BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_B62_INDEX = {c: i for i, c in enumerate(BASE62_ALPHABET)}

# Salts are Django's so that signatures interoperate (see the module docstring).
_SALT_NAMESPACE = "django.core.signing"
_COOKIE_SALT = f"{_SALT_NAMESPACE}.get_cookie_signer"
_COOKIE_KEY_PREFIX = b"django.http.cookies"

# A separator made only of base64/base62 characters could occur inside the signature.
_UNSAFE_SEP = re.compile(r"^[A-z0-9-_=]*$")


class BadSignature(Exception):
    """The signature does not match the value."""


class SignatureExpired(BadSignature):
    """The signature is valid but older than max_age."""


def b62_encode(s: int) -> str:
    """Encode an integer in base 62 (a leading '-' for negatives)."""
    if s == 0:
        return "0"
    sign = "-" if s < 0 else ""
    s = abs(s)
    digits = []
    while s:
        s, rem = divmod(s, 62)
        digits.append(BASE62_ALPHABET[rem])
    return sign + "".join(reversed(digits))


def b62_decode(s: str) -> int:
    """Decode a b62_encode() string back to an integer."""
    if s == "0":
        return 0
    sign = 1
    if s[:1] == "-":
        s, sign = s[1:], -1
    number = 0
    for char in s:
        number = number * 62 + _B62_INDEX[char]
    return sign * number


def b64_encode(s: bytes) -> bytes:
    """URL-safe base64 without the trailing '=' padding."""
    return base64.urlsafe_b64encode(s).rstrip(b"=")


def b64_decode(s: bytes) -> bytes:
    """Inverse of b64_encode(): restore the padding, then decode."""
    return base64.urlsafe_b64decode(s + b"=" * (-len(s) % 4))


def base64_hmac(salt: str, value: str | bytes, key: str | bytes, algorithm: str = "sha1") -> str:
    """The URL-safe base64 digest of salted_hmac(salt, value, key)."""
    return b64_encode(salted_hmac(salt, value, key, algorithm=algorithm).digest()).decode()


def _cookie_signer_key(key: str | bytes) -> bytes:
    # Cookies get their own key space, apart from other uses of SECRET_KEY.
    return _COOKIE_KEY_PREFIX + _to_bytes(key)


def get_cookie_signer(salt: str = _COOKIE_SALT) -> Signer:
    """The SIGNING_BACKEND signer used for signed cookies, honouring SECRET_KEY_FALLBACKS."""
    signer_class = import_string(settings.SIGNING_BACKEND)
    return signer_class(
        key=_cookie_signer_key(settings.SECRET_KEY),
        fallback_keys=[_cookie_signer_key(k) for k in settings.SECRET_KEY_FALLBACKS],
        salt=salt,
    )


class JSONSerializer:
    """Compact JSON to and from bytes: the default serializer of dumps()/sign_object()."""

    def dumps(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":")).encode("latin-1")

    def loads(self, data: bytes) -> Any:
        return json.loads(data.decode("latin-1"))


class Signer:
    """Sign strings with an HMAC; unsign() checks the signature and returns the value."""

    def __init__(
        self,
        *,
        key: str | bytes | None = None,
        sep: str = ":",
        salt: str | None = None,
        algorithm: str | None = None,
        fallback_keys: Iterable[str | bytes] | None = None,
    ) -> None:
        self.key = key or settings.SECRET_KEY
        self.fallback_keys = (
            list(fallback_keys)
            if fallback_keys is not None
            else list(settings.SECRET_KEY_FALLBACKS)
        )
        self.sep = sep
        self.salt = salt or self._default_salt()
        self.algorithm = algorithm or "sha256"
        if _UNSAFE_SEP.match(self.sep):
            raise ValueError(
                f"Unsafe Signer separator: {sep!r} (cannot be empty or consist of only A-z0-9-_=)"
            )

    def _default_salt(self) -> str:
        cls = type(self)
        module = _SALT_NAMESPACE if cls.__module__ == __name__ else cls.__module__
        return f"{module}.{cls.__name__}"

    def signature(self, value: str | bytes, key: str | bytes | None = None) -> str:
        """The signature of value (with this signer's key unless key is given)."""
        return base64_hmac(self.salt + "signer", value, key or self.key, algorithm=self.algorithm)

    def sign(self, value: Any) -> str:
        value = str(value)
        return f"{value}{self.sep}{self.signature(value)}"

    def unsign(self, signed_value: str) -> str:
        if self.sep not in signed_value:
            raise BadSignature(f'No "{self.sep}" found in value')
        value, sig = signed_value.rsplit(self.sep, 1)
        for key in (self.key, *self.fallback_keys):
            if constant_time_compare(sig, self.signature(value, key)):
                return value
        raise BadSignature(f'Signature "{sig}" does not match')

    def sign_object(
        self, obj: Any, serializer: type = JSONSerializer, compress: bool = False
    ) -> str:
        """Serialize obj, base64 it (zlib-compressed when asked and worth it), then sign."""
        data = serializer().dumps(obj)
        compressed = False
        if compress:
            packed = zlib.compress(data)
            # Only keep the compressed form when it saves more than the marker costs.
            if len(packed) < len(data) - 1:
                data, compressed = packed, True
        encoded = b64_encode(data).decode()
        if compressed:
            encoded = "." + encoded
        return self.sign(encoded)

    def unsign_object(
        self, signed_obj: str, serializer: type = JSONSerializer, **kwargs: Any
    ) -> Any:
        encoded = self.unsign(signed_obj, **kwargs).encode()
        compressed = encoded[:1] == b"."
        if compressed:
            encoded = encoded[1:]
        data = b64_decode(encoded)
        if compressed:
            data = zlib.decompress(data)
        return serializer().loads(data)


class TimestampSigner(Signer):
    """A Signer that also signs the time of signing, so unsign() can enforce a max_age."""

    def timestamp(self) -> str:
        return b62_encode(int(time.time()))

    def sign(self, value: Any) -> str:
        return super().sign(f"{value}{self.sep}{self.timestamp()}")

    def unsign(self, value: str, max_age: int | float | datetime.timedelta | None = None) -> str:
        result = super().unsign(value)
        value, stamp = result.rsplit(self.sep, 1)
        timestamp = b62_decode(stamp)
        if max_age is not None:
            if isinstance(max_age, datetime.timedelta):
                max_age = max_age.total_seconds()
            age = time.time() - timestamp
            if age > max_age:
                raise SignatureExpired(f"Signature age {age} > {max_age} seconds")
        return value


def dumps(
    obj: Any,
    key: str | bytes | None = None,
    salt: str = _SALT_NAMESPACE,
    serializer: type = JSONSerializer,
    compress: bool = False,
) -> str:
    """A URL-safe, timestamped, signed string holding obj (JSON by default)."""
    return TimestampSigner(key=key, salt=salt).sign_object(
        obj, serializer=serializer, compress=compress
    )


def loads(
    s: str,
    key: str | bytes | None = None,
    salt: str = _SALT_NAMESPACE,
    serializer: type = JSONSerializer,
    max_age: int | float | datetime.timedelta | None = None,
    fallback_keys: Iterable[str | bytes] | None = None,
) -> Any:
    """Reverse dumps(); BadSignature if tampered with, SignatureExpired if older than max_age."""
    return TimestampSigner(key=key, salt=salt, fallback_keys=fallback_keys).unsign_object(
        s, serializer=serializer, max_age=max_age
    )
