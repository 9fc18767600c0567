"""Password hashing: Django's encoded formats, so existing password hashes keep verifying.

An encoded password is ``<algorithm>$<parameters...>$<salt>$<hash>`` (each hasher documents
its own layout); ``!`` followed by random characters marks an unusable password.

Size: the hashers accept passwords of any length. PBKDF2 (and scrypt, built on it) key an HMAC
with the password, and HMAC hashes a key longer than its block size once, up front, so a 1 MB
password costs one extra SHA-256 pass, not one per iteration; Argon2 reads its input once. Forms
and views may still cap what they accept (see docs/auth.md).
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import importlib
import math
from typing import Any

from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured
from nuages.core.signals import setting_changed
from nuages.dispatch import receiver
from nuages.utils.crypto import (
    RANDOM_STRING_CHARS,
    constant_time_compare,
    get_random_string,
    pbkdf2,
)
from nuages.utils.module_loading import import_string, nuages_path
from nuages.utils.translation import gettext_noop as _

__all__ = [
    "UNUSABLE_PASSWORD_PREFIX",
    "UNUSABLE_PASSWORD_SUFFIX_LENGTH",
    "Argon2PasswordHasher",
    "BCryptPasswordHasher",
    "BCryptSHA256PasswordHasher",
    "BasePasswordHasher",
    "MD5PasswordHasher",
    "PBKDF2PasswordHasher",
    "PBKDF2SHA1PasswordHasher",
    "ScryptPasswordHasher",
    "acheck_password",
    "check_password",
    "get_hasher",
    "get_hashers",
    "get_hashers_by_algorithm",
    "identify_hasher",
    "is_password_usable",
    "make_password",
    "mask_hash",
    "must_update_salt",
    "verify_password",
]

UNUSABLE_PASSWORD_PREFIX = "!"  # never the start of a valid encoded hash
UNUSABLE_PASSWORD_SUFFIX_LENGTH = 40


def is_password_usable(encoded: str | None) -> bool:
    """False for None and for passwords set with set_unusable_password()."""
    return encoded is None or not encoded.startswith(UNUSABLE_PASSWORD_PREFIX)


def verify_password(
    password: str | bytes | None, encoded: str | None, preferred: str = "default"
) -> tuple[bool, bool]:
    """(is_correct, must_update) for a raw password against an encoded one."""
    fake_runtime = password is None or not is_password_usable(encoded)
    preferred_hasher = get_hasher(preferred)
    try:
        hasher = identify_hasher(encoded) if not fake_runtime else None
    except ValueError:
        fake_runtime = True
    if fake_runtime or hasher is None:
        # Spend the time a real check takes, so timing does not reveal unusable passwords.
        make_password(get_random_string(UNUSABLE_PASSWORD_SUFFIX_LENGTH))
        return False, False
    hasher_changed = hasher.algorithm != preferred_hasher.algorithm
    must_update = hasher_changed or preferred_hasher.must_update(encoded)
    is_correct = hasher.verify(password, encoded)
    # An outdated work factor is quicker to check: pad it so a wrong guess costs the same.
    if not is_correct and not hasher_changed and must_update:
        hasher.harden_runtime(password, encoded)
    return is_correct, must_update


def check_password(
    password: str | bytes | None,
    encoded: str | None,
    setter: Any = None,
    preferred: str = "default",
) -> bool:
    """Whether ``password`` matches ``encoded``; calls ``setter(password)`` to re-hash it when
    the encoded form uses an outdated hasher or work factor."""
    is_correct, must_update = verify_password(password, encoded, preferred=preferred)
    if setter and is_correct and must_update:
        setter(password)
    return is_correct


async def acheck_password(
    password: str | bytes | None,
    encoded: str | None,
    setter: Any = None,
    preferred: str = "default",
) -> bool:
    """The async form of check_password(); ``setter`` is awaited."""
    is_correct, must_update = verify_password(password, encoded, preferred=preferred)
    if setter and is_correct and must_update:
        await setter(password)
    return is_correct


def make_password(
    password: str | bytes | None, salt: str | None = None, hasher: Any = "default"
) -> str:
    """Encode a raw password; None gives an unusable password."""
    if password is None:
        return UNUSABLE_PASSWORD_PREFIX + get_random_string(UNUSABLE_PASSWORD_SUFFIX_LENGTH)
    if not isinstance(password, (bytes, str)):
        raise TypeError(f"Password must be a string or bytes, got {type(password).__qualname__}.")
    hasher = get_hasher(hasher)
    salt = salt or hasher.salt()
    return hasher.encode(password, salt)


@functools.cache
def get_hashers() -> list[BasePasswordHasher]:
    """Instances of the PASSWORD_HASHERS, in order (the first is the default)."""
    hashers = []
    for path in settings.PASSWORD_HASHERS:
        hasher = import_string(nuages_path(path))()
        if not getattr(hasher, "algorithm", None):
            raise ImproperlyConfigured(f"hasher doesn't specify an algorithm name: {path}")
        hashers.append(hasher)
    return hashers


@functools.cache
def get_hashers_by_algorithm() -> dict[str, BasePasswordHasher]:
    return {hasher.algorithm: hasher for hasher in get_hashers()}


@receiver(setting_changed)
def _reset_hashers(*, setting: str, **kwargs: Any) -> None:
    if setting == "PASSWORD_HASHERS":
        get_hashers.cache_clear()
        get_hashers_by_algorithm.cache_clear()


def get_hasher(algorithm: Any = "default") -> BasePasswordHasher:
    """The hasher for an algorithm name ('default': the first of PASSWORD_HASHERS); a hasher
    instance is returned as is."""
    if hasattr(algorithm, "algorithm"):
        return algorithm
    if algorithm == "default":
        return get_hashers()[0]
    try:
        return get_hashers_by_algorithm()[algorithm]
    except KeyError:
        raise ValueError(
            f"Unknown password hashing algorithm '{algorithm}'. Did you specify it in the "
            "PASSWORD_HASHERS setting?"
        ) from None


def identify_hasher(encoded: str | None) -> BasePasswordHasher:
    """The hasher an encoded password was made with; ValueError if none is configured."""
    if not encoded or "$" not in encoded:
        raise ValueError("Unknown password hashing algorithm: the encoded password is malformed.")
    return get_hasher(encoded.split("$", 1)[0])


def mask_hash(hash: str, show: int = 6, char: str = "*") -> str:
    """Show the first ``show`` characters and mask the rest."""
    return hash[:show] + char * len(hash[show:])


def must_update_salt(salt: str, expected_entropy: int) -> bool:
    """Whether a salt carries fewer bits than expected (each character: log2(62) bits)."""
    return len(salt) * math.log2(len(RANDOM_STRING_CHARS)) < expected_entropy


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").strip()


class BasePasswordHasher:
    """Subclasses set ``algorithm`` and implement encode, decode, verify, safe_summary."""

    algorithm: str | None = None
    library: str | tuple[str, str] | None = None
    salt_entropy = 128

    def _load_library(self) -> Any:
        if self.library is None:
            raise ValueError(f"Hasher {type(self).__name__!r} doesn't specify a library attribute")
        name, module_name = (
            self.library if isinstance(self.library, tuple) else (self.library, self.library)
        )
        try:
            return importlib.import_module(module_name)
        except ImportError as exc:
            raise ValueError(
                f"Couldn't load {type(self).__name__!r} algorithm library: {exc}. "
                f"Install it with: pip install {name}"
            ) from exc

    def salt(self) -> str:
        """A random salt of ``salt_entropy`` bits (22 characters for 128 bits)."""
        count = math.ceil(self.salt_entropy / math.log2(len(RANDOM_STRING_CHARS)))
        return get_random_string(count, RANDOM_STRING_CHARS)

    def verify(self, password: str | bytes, encoded: str) -> bool:
        raise NotImplementedError("subclasses of BasePasswordHasher must provide a verify()")

    def _check_encode_args(self, password: Any, salt: str) -> None:
        if password is None:
            raise TypeError("password must be provided.")
        if not salt or "$" in salt:
            raise ValueError("salt must be provided and cannot contain $.")

    def encode(self, password: str | bytes, salt: str) -> str:
        raise NotImplementedError("subclasses of BasePasswordHasher must provide an encode()")

    def decode(self, encoded: str) -> dict[str, Any]:
        raise NotImplementedError("subclasses of BasePasswordHasher must provide a decode()")

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        raise NotImplementedError("subclasses of BasePasswordHasher must provide safe_summary()")

    def must_update(self, encoded: str) -> bool:
        return False

    def harden_runtime(self, password: str | bytes, encoded: str) -> None:
        """Spend the extra time a check with current parameters would take (no-op here)."""


class PBKDF2PasswordHasher(BasePasswordHasher):
    """``pbkdf2_sha256$<iterations>$<salt>$<base64 hash>`` (Django 6.1's 1,500,000 iterations)."""

    algorithm = "pbkdf2_sha256"
    iterations = 1_500_000
    digest: Any = hashlib.sha256

    def encode(self, password: str | bytes, salt: str, iterations: int | None = None) -> str:
        self._check_encode_args(password, salt)
        iterations = iterations or self.iterations
        hash_ = _b64(pbkdf2(password, salt, iterations, digest=self.digest))
        return f"{self.algorithm}${iterations}${salt}${hash_}"

    def decode(self, encoded: str) -> dict[str, Any]:
        algorithm, iterations, salt, hash_ = encoded.split("$", 3)
        if algorithm != self.algorithm:
            raise ValueError(f"not a {self.algorithm} password")
        return {"algorithm": algorithm, "hash": hash_, "iterations": int(iterations), "salt": salt}

    def verify(self, password: str | bytes, encoded: str) -> bool:
        try:
            decoded = self.decode(encoded)
        except ValueError:
            return False
        encoded_2 = self.encode(password, decoded["salt"], decoded["iterations"])
        return constant_time_compare(encoded, encoded_2)

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        decoded = self.decode(encoded)
        return {
            _("algorithm"): decoded["algorithm"],
            _("iterations"): decoded["iterations"],
            _("salt"): mask_hash(decoded["salt"]),
            _("hash"): mask_hash(decoded["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        decoded = self.decode(encoded)
        update_salt = must_update_salt(decoded["salt"], self.salt_entropy)
        return decoded["iterations"] != self.iterations or update_salt

    def harden_runtime(self, password: str | bytes, encoded: str) -> None:
        decoded = self.decode(encoded)
        extra = self.iterations - decoded["iterations"]
        if extra > 0:
            self.encode(password, decoded["salt"], extra)


class PBKDF2SHA1PasswordHasher(PBKDF2PasswordHasher):
    """``pbkdf2_sha1$...``: PBKDF2 over SHA-1, for hashes made by older configurations."""

    algorithm = "pbkdf2_sha1"
    digest = hashlib.sha1


class Argon2PasswordHasher(BasePasswordHasher):
    """``argon2$argon2id$v=19$m=...,t=...,p=...$<salt>$<hash>`` (argon2-cffi)."""

    algorithm = "argon2"
    library = ("argon2-cffi", "argon2")
    time_cost = 2
    memory_cost = 102400
    parallelism = 8

    def _params(self) -> Any:
        argon2 = self._load_library()
        return argon2.Parameters(
            type=argon2.low_level.Type.ID,
            version=argon2.low_level.ARGON2_VERSION,
            salt_len=argon2.DEFAULT_RANDOM_SALT_LENGTH,
            hash_len=argon2.DEFAULT_HASH_LENGTH,
            time_cost=self.time_cost,
            memory_cost=self.memory_cost,
            parallelism=self.parallelism,
        )

    def encode(self, password: str | bytes, salt: str) -> str:
        self._check_encode_args(password, salt)
        argon2 = self._load_library()
        params = self._params()
        data = argon2.low_level.hash_secret(
            password if isinstance(password, bytes) else password.encode(),
            salt.encode(),
            time_cost=params.time_cost,
            memory_cost=params.memory_cost,
            parallelism=params.parallelism,
            hash_len=params.hash_len,
            type=params.type,
        )
        return self.algorithm + data.decode("ascii")

    def decode(self, encoded: str) -> dict[str, Any]:
        argon2 = self._load_library()
        algorithm, rest = encoded.split("$", 1)
        if algorithm != self.algorithm:
            raise ValueError(f"not an {self.algorithm} password")
        params = argon2.extract_parameters("$" + rest)
        variety, *_, b64salt, hash_ = rest.split("$")
        salt = base64.b64decode(b64salt + "=" * (-len(b64salt) % 4)).decode("latin1")
        return {
            "algorithm": algorithm,
            "hash": hash_,
            "memory_cost": params.memory_cost,
            "parallelism": params.parallelism,
            "salt": salt,
            "time_cost": params.time_cost,
            "variety": variety,
            "version": params.version,
            "params": params,
        }

    def verify(self, password: str | bytes, encoded: str) -> bool:
        argon2 = self._load_library()
        algorithm, rest = encoded.split("$", 1)
        if algorithm != self.algorithm:
            return False
        try:
            return argon2.PasswordHasher().verify("$" + rest, password)
        except argon2.exceptions.VerificationError:
            return False
        except (argon2.exceptions.InvalidHashError, ValueError):
            return False

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        d = self.decode(encoded)
        return {
            _("algorithm"): d["algorithm"],
            _("variety"): d["variety"],
            _("version"): d["version"],
            _("memory cost"): d["memory_cost"],
            _("time cost"): d["time_cost"],
            _("parallelism"): d["parallelism"],
            _("salt"): mask_hash(d["salt"]),
            _("hash"): mask_hash(d["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        current = self._params()
        params = self.decode(encoded)["params"]
        # The hash length is part of the parameters but set by argon2-cffi, not by us.
        current.hash_len = params.hash_len
        current.salt_len = params.salt_len
        return params != current

    def harden_runtime(self, password: str | bytes, encoded: str) -> None:
        # Argon2 has no way to pad a check made with weaker parameters.
        pass


class BCryptSHA256PasswordHasher(BasePasswordHasher):
    """``bcrypt_sha256$$2b$<rounds>$<salt+hash>``: bcrypt over the SHA-256 hex of the password
    (so passwords past bcrypt's 72-byte limit still count whole). Needs the bcrypt package."""

    algorithm = "bcrypt_sha256"
    digest: Any = hashlib.sha256
    library = ("bcrypt", "bcrypt")
    rounds = 12

    def salt(self) -> str:
        return self._load_library().gensalt(self.rounds).decode("ascii")

    def _prepare(self, password: str | bytes) -> bytes:
        raw = password if isinstance(password, bytes) else password.encode()
        if self.digest is not None:
            return binascii.hexlify(self.digest(raw).digest())
        return raw

    def encode(self, password: str | bytes, salt: str) -> str:
        bcrypt = self._load_library()
        data = bcrypt.hashpw(self._prepare(password), salt.encode("ascii"))
        return f"{self.algorithm}${data.decode('ascii')}"

    def decode(self, encoded: str) -> dict[str, Any]:
        algorithm, _empty, algostr, work_factor, data = encoded.split("$", 4)
        if algorithm != self.algorithm:
            raise ValueError(f"not a {self.algorithm} password")
        return {
            "algorithm": algorithm,
            "algostr": algostr,
            "checksum": data[22:],
            "salt": data[:22],
            "work_factor": int(work_factor),
        }

    def verify(self, password: str | bytes, encoded: str) -> bool:
        algorithm, data = encoded.split("$", 1)
        if algorithm != self.algorithm:
            return False
        encoded_2 = self.encode(password, data)
        return constant_time_compare(encoded, encoded_2)

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        d = self.decode(encoded)
        return {
            _("algorithm"): d["algorithm"],
            _("work factor"): d["work_factor"],
            _("salt"): mask_hash(d["salt"]),
            _("checksum"): mask_hash(d["checksum"]),
        }

    def must_update(self, encoded: str) -> bool:
        return self.decode(encoded)["work_factor"] != self.rounds

    def harden_runtime(self, password: str | bytes, encoded: str) -> None:
        _, data = encoded.split("$", 1)
        salt = data[:29]  # '$2b$' + 2 digits + '$' + 22 salt characters
        rounds = int(data.split("$")[2])
        diff = 2**self.rounds - 2**rounds
        while diff > 0:
            self.encode(password, salt)
            diff -= 1


class BCryptPasswordHasher(BCryptSHA256PasswordHasher):
    """``bcrypt$...``: plain bcrypt (only the first 72 bytes of a password count)."""

    algorithm = "bcrypt"
    digest = None


class ScryptPasswordHasher(BasePasswordHasher):
    """``scrypt$<n>$<salt>$<r>$<p>$<base64 hash>`` (hashlib.scrypt)."""

    algorithm = "scrypt"
    block_size = 8
    maxmem = 0
    parallelism = 5
    work_factor = 2**14

    def encode(
        self,
        password: str | bytes,
        salt: str,
        n: int | None = None,
        r: int | None = None,
        p: int | None = None,
    ) -> str:
        self._check_encode_args(password, salt)
        n = n or self.work_factor
        r = r or self.block_size
        p = p or self.parallelism
        raw = password if isinstance(password, bytes) else password.encode()
        hash_ = hashlib.scrypt(raw, salt=salt.encode(), n=n, r=r, p=p, maxmem=self.maxmem, dklen=64)
        return f"{self.algorithm}${n}${salt}${r}${p}${_b64(hash_)}"

    def decode(self, encoded: str) -> dict[str, Any]:
        algorithm, work_factor, salt, block_size, parallelism, hash_ = encoded.split("$", 6)
        if algorithm != self.algorithm:
            raise ValueError(f"not a {self.algorithm} password")
        return {
            "algorithm": algorithm,
            "block_size": int(block_size),
            "hash": hash_,
            "parallelism": int(parallelism),
            "salt": salt,
            "work_factor": int(work_factor),
        }

    def verify(self, password: str | bytes, encoded: str) -> bool:
        try:
            d = self.decode(encoded)
        except ValueError:
            return False
        encoded_2 = self.encode(
            password, d["salt"], d["work_factor"], d["block_size"], d["parallelism"]
        )
        return constant_time_compare(encoded, encoded_2)

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        d = self.decode(encoded)
        return {
            _("algorithm"): d["algorithm"],
            _("work factor"): d["work_factor"],
            _("block size"): d["block_size"],
            _("parallelism"): d["parallelism"],
            _("salt"): mask_hash(d["salt"]),
            _("hash"): mask_hash(d["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        d = self.decode(encoded)
        return (
            d["work_factor"] != self.work_factor
            or d["block_size"] != self.block_size
            or d["parallelism"] != self.parallelism
        )

    def harden_runtime(self, password: str | bytes, encoded: str) -> None:
        # scrypt has no way to pad a check made with weaker parameters.
        pass


class MD5PasswordHasher(BasePasswordHasher):
    """``md5$<salt>$<hex>``: fast and insecure; for test suites only (PASSWORD_HASHERS)."""

    algorithm = "md5"

    def encode(self, password: str | bytes, salt: str) -> str:
        self._check_encode_args(password, salt)
        raw = password if isinstance(password, bytes) else password.encode()
        hash_ = hashlib.md5(salt.encode() + raw).hexdigest()
        return f"{self.algorithm}${salt}${hash_}"

    def decode(self, encoded: str) -> dict[str, Any]:
        algorithm, salt, hash_ = encoded.split("$", 2)
        if algorithm != self.algorithm:
            raise ValueError(f"not an {self.algorithm} password")
        return {"algorithm": algorithm, "hash": hash_, "salt": salt}

    def verify(self, password: str | bytes, encoded: str) -> bool:
        try:
            d = self.decode(encoded)
        except ValueError:
            return False
        return constant_time_compare(encoded, self.encode(password, d["salt"]))

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        d = self.decode(encoded)
        return {
            _("algorithm"): d["algorithm"],
            _("salt"): mask_hash(d["salt"], show=2),
            _("hash"): mask_hash(d["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        return must_update_salt(self.decode(encoded)["salt"], self.salt_entropy)
