import hashlib
import hmac

import pytest

from nuages.utils.crypto import (
    RANDOM_STRING_CHARS,
    InvalidAlgorithm,
    constant_time_compare,
    get_random_string,
    pbkdf2,
    salted_hmac,
)


def test_salted_hmac_matches_the_documented_construction():
    key = hashlib.sha1(b"salt" + b"secret").digest()
    expected = hmac.new(key, b"value", hashlib.sha1).hexdigest()
    assert salted_hmac("salt", "value", "secret").hexdigest() == expected


def test_salted_hmac_defaults_to_secret_key():
    explicit = salted_hmac("salt", "value", "nuages-tests-not-secret").hexdigest()
    assert salted_hmac("salt", "value").hexdigest() == explicit


def test_salted_hmac_algorithm_and_salt_change_the_result():
    a = salted_hmac("salt", "value", "secret", algorithm="sha256")
    assert a.digest_size == 32
    assert a.hexdigest() != salted_hmac("salt2", "value", "secret", algorithm="sha256").hexdigest()


def test_salted_hmac_unknown_algorithm():
    with pytest.raises(InvalidAlgorithm, match="'whatever' is not an algorithm accepted by"):
        salted_hmac("salt", "value", "secret", algorithm="whatever")
    assert issubclass(InvalidAlgorithm, ValueError)


def test_get_random_string():
    s = get_random_string(12)
    assert len(s) == 12 and set(s) <= set(RANDOM_STRING_CHARS)
    assert set(get_random_string(50, "ab")) <= {"a", "b"}
    assert get_random_string(0) == ""
    with pytest.raises(TypeError):
        get_random_string()


def test_constant_time_compare():
    assert constant_time_compare("spam", "spam")
    assert constant_time_compare(b"spam", "spam")
    assert not constant_time_compare("spam", "eggs")
    assert not constant_time_compare("spam", "spa")


def test_pbkdf2_known_vector():
    # RFC 6070 test vector (sha1, 2 iterations).
    result = pbkdf2("password", "salt", 2, 20, hashlib.sha1)
    assert result.hex() == "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"


def test_pbkdf2_default_digest_is_sha256():
    assert pbkdf2("password", "salt", 1) == hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 1)
    assert len(pbkdf2("password", "salt", 1, dklen=10)) == 10
