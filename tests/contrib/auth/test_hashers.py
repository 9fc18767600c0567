"""Hashers: Django's encoded formats (vectors computed here from the documented layouts),
upgrade on login, unusable passwords, huge passwords, optional libraries."""

from __future__ import annotations

import base64
import hashlib

import pytest

from nuages.contrib.auth.hashers import (
    UNUSABLE_PASSWORD_PREFIX,
    BasePasswordHasher,
    PBKDF2PasswordHasher,
    check_password,
    get_hasher,
    identify_hasher,
    is_password_usable,
    make_password,
)
from nuages.test.utils import override_settings


class FastPBKDF2(PBKDF2PasswordHasher):
    iterations = 1000


class FasterPBKDF2(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256"
    iterations = 500


FAST = f"{__name__}.FastPBKDF2"
ALL = [
    FAST,
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "nuages.contrib.auth.hashers.Argon2PasswordHasher",
    "nuages.contrib.auth.hashers.ScryptPasswordHasher",
    "nuages.contrib.auth.hashers.MD5PasswordHasher",
    "nuages.contrib.auth.hashers.BCryptSHA256PasswordHasher",
]


@pytest.fixture(autouse=True)
def hashers():
    with override_settings(PASSWORD_HASHERS=ALL):
        yield


def _pbkdf2(password, salt, iterations, digest="sha256"):
    raw = hashlib.pbkdf2_hmac(digest, password.encode(), salt.encode(), iterations)
    return base64.b64encode(raw).decode()


def test_default_iterations_are_django_6_1s():
    assert PBKDF2PasswordHasher.iterations == 1_500_000


def test_pbkdf2_sha256_format_matches_django():
    encoded = make_password("lètmein", "seasalt", "pbkdf2_sha256")
    assert encoded == f"pbkdf2_sha256$1000$seasalt${_pbkdf2('lètmein', 'seasalt', 1000)}"
    assert check_password("lètmein", encoded)
    assert not check_password("lètmeinz", encoded)
    assert identify_hasher(encoded).algorithm == "pbkdf2_sha256"


def test_existing_django_hash_verifies_with_real_iteration_count():
    # What a Django 5.2 site stored (1,000,000 iterations), built from the documented format.
    encoded = f"pbkdf2_sha256$1000$abcdefghijklmnopqrstuv${_pbkdf2('secret', 'abcdefghijklmnopqrstuv', 1000)}"
    assert check_password("secret", encoded)


def test_pbkdf2_sha1_and_md5_formats():
    encoded = make_password("lètmein", "seasalt", "pbkdf2_sha1")
    it = get_hasher("pbkdf2_sha1").iterations
    assert encoded == f"pbkdf2_sha1${it}$seasalt${_pbkdf2('lètmein', 'seasalt', it, 'sha1')}"
    md5 = make_password("lètmein", "seasalt", "md5")
    assert md5 == "md5$seasalt$" + hashlib.md5("seasaltlètmein".encode()).hexdigest()
    assert check_password("lètmein", md5)


def test_scrypt_format():
    encoded = make_password("lètmein", "seasalt", "scrypt")
    raw = hashlib.scrypt(b"l\xc3\xa8tmein", salt=b"seasalt", n=2**14, r=8, p=5, dklen=64)
    assert encoded == f"scrypt$16384$seasalt$8$5${base64.b64encode(raw).decode()}"
    assert check_password("lètmein", encoded)
    assert not check_password("nope", encoded)


def test_argon2_round_trip_and_summary():
    encoded = make_password("lètmein", hasher="argon2")
    assert encoded.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")
    assert check_password("lètmein", encoded)
    assert not check_password("lètmeinz", encoded)
    summary = get_hasher("argon2").safe_summary(encoded)
    assert summary["algorithm"] == "argon2" and summary["hash"].endswith("****")
    assert not get_hasher("argon2").must_update(encoded)


def test_bcrypt_missing_library_is_a_clear_error():
    pytest.importorskip  # bcrypt is optional; here it is not installed
    try:
        import bcrypt  # noqa: F401
    except ImportError:
        with pytest.raises(ValueError, match="pip install bcrypt"):
            make_password("x", hasher="bcrypt_sha256")
    else:
        assert check_password("x", make_password("x", hasher="bcrypt_sha256"))


def test_upgrade_on_check_when_hasher_or_iterations_change():
    old = make_password("pw", hasher="md5")
    seen = []
    assert check_password("pw", old, setter=seen.append)
    assert seen == ["pw"]  # not the preferred hasher
    weak = FasterPBKDF2().encode("pw", "saltsaltsaltsaltsaltsa")
    seen.clear()
    assert check_password("pw", weak, setter=seen.append)
    assert seen == ["pw"]  # fewer iterations than the default
    seen.clear()
    assert not check_password("wrong", weak, setter=seen.append)
    assert seen == []
    current = make_password("pw")
    assert check_password("pw", current, setter=seen.append) and seen == []


def test_unusable_passwords():
    encoded = make_password(None)
    assert encoded.startswith(UNUSABLE_PASSWORD_PREFIX) and len(encoded) == 41
    assert not is_password_usable(encoded)
    assert is_password_usable(make_password("x"))
    assert not check_password(None, make_password("x"))
    assert not check_password("x", encoded)
    assert not check_password("x", "nonsense")
    assert not check_password("x", "unknown$1$2")


def test_errors():
    with pytest.raises(TypeError, match="Password must be a string or bytes, got int"):
        make_password(1)
    with pytest.raises(ValueError, match="Unknown password hashing algorithm 'nope'"):
        get_hasher("nope")
    with pytest.raises(ValueError, match="salt must be provided"):
        FastPBKDF2().encode("x", "a$b")
    with pytest.raises(NotImplementedError):
        BasePasswordHasher().verify("x", "y")


def test_safe_summary_masks():
    summary = get_hasher("pbkdf2_sha256").safe_summary(make_password("x", "seasaltsalt"))
    assert summary["salt"] == "seasal*****"
    assert summary["iterations"] == 1000


def test_megabyte_password_is_handled():
    # HMAC hashes the long key once, so PBKDF2 costs about the same as for a short one.
    big = "x" * 1_000_000
    encoded = make_password(big)
    assert check_password(big, encoded)
    assert not check_password(big[:-1], encoded)
    assert check_password(big, make_password(big, hasher="scrypt"))


def test_django_names_in_settings_map_to_ours():
    assert get_hasher("pbkdf2_sha1").__module__ == "nuages.contrib.auth.hashers"
