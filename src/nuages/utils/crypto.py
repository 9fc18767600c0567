"""Cryptographic helpers: keyed HMACs, random strings, constant-time comparison, PBKDF2."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from nuages.conf import settings

__all__ = [
    "RANDOM_STRING_CHARS",
    "InvalidAlgorithm",
    "constant_time_compare",
    "get_random_string",
    "pbkdf2",
    "salted_hmac",
]

RANDOM_STRING_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


class InvalidAlgorithm(ValueError):
    """The requested hash algorithm is not offered by hashlib."""


def _to_bytes(value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, memoryview):
        return bytes(value)
    return str(value).encode("utf-8", "strict")


def _hasher(algorithm: str) -> Any:
    try:
        return getattr(hashlib, algorithm)
    except AttributeError:
        raise InvalidAlgorithm(f"{algorithm!r} is not an algorithm accepted by the hashlib module.")


def salted_hmac(
    key_salt: str | bytes,
    value: str | bytes,
    secret: str | bytes | None = None,
    *,
    algorithm: str = "sha1",
) -> hmac.HMAC:
    """An HMAC of value keyed by a hash of key_salt + secret (SECRET_KEY by default).

    Different key_salt values give independent keys from one secret, so a signature made for
    one purpose cannot be replayed for another.
    """
    if secret is None:
        secret = settings.SECRET_KEY
    hasher = _hasher(algorithm)
    # Hashing the salted secret first gives a key of the digest's size whatever the secret's length.
    key = hasher(_to_bytes(key_salt) + _to_bytes(secret)).digest()
    return hmac.new(key, msg=_to_bytes(value), digestmod=hasher)


def get_random_string(length: int, allowed_chars: str = RANDOM_STRING_CHARS) -> str:
    """A securely generated random string of the given length, drawn from allowed_chars."""
    return "".join(secrets.choice(allowed_chars) for _ in range(length))


def constant_time_compare(val1: str | bytes, val2: str | bytes) -> bool:
    """Compare two strings or byte strings in time independent of where they differ."""
    return secrets.compare_digest(_to_bytes(val1), _to_bytes(val2))


def pbkdf2(
    password: str | bytes,
    salt: str | bytes,
    iterations: int,
    dklen: int = 0,
    digest: Any = None,
) -> bytes:
    """PBKDF2-HMAC key derivation (sha256 unless digest, a hashlib constructor, is given)."""
    if digest is None:
        digest = hashlib.sha256
    return hashlib.pbkdf2_hmac(
        digest().name, _to_bytes(password), _to_bytes(salt), iterations, dklen or None
    )
