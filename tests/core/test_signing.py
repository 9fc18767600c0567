import datetime
import time

import pytest

from nuages.core import signing
from nuages.utils.crypto import salted_hmac


def test_signature_matches_documented_hmac():
    signer = signing.Signer(key="predictable-secret")
    expected = signing.b64_encode(
        salted_hmac(
            signer.salt + "signer", "hello", "predictable-secret", algorithm="sha256"
        ).digest()
    ).decode()
    assert signer.signature("hello") == expected
    assert signer.sign("hello") == f"hello:{expected}"


def test_default_salt_and_algorithm_are_djangos():
    signer = signing.Signer(key="k")
    assert signer.salt == "django.core.signing.Signer"
    assert signing.TimestampSigner(key="k").salt == "django.core.signing.TimestampSigner"
    assert signer.algorithm == "sha256"


def test_sign_unsign_round_trip_and_types():
    signer = signing.Signer(key="predictable-secret")
    for value in ("hello", "jkw osanteuh ,rcuh nthu aou oauh ,ud du", "\u2019", "a:b:c"):
        assert signer.unsign(signer.sign(value)) == value
    assert signer.unsign(signer.sign(42)) == "42"


def test_salt_and_key_change_the_signature():
    a = signing.Signer(key="secret").sign("v")
    assert signing.Signer(key="secret", salt="other").sign("v") != a
    assert signing.Signer(key="secret2").sign("v") != a
    assert signing.Signer(key="secret", algorithm="sha512").sign("v") != a


def test_tampering_raises_bad_signature():
    signer = signing.Signer(key="predictable-secret")
    signed = signer.sign("hello")
    for bad in (signed + "x", "x" + signed, signed.replace("hello", "jello"), "hello:"):
        with pytest.raises(signing.BadSignature, match="does not match"):
            signer.unsign(bad)
    with pytest.raises(signing.BadSignature, match='No ":" found in value'):
        signer.unsign("no separator here")


def test_keyword_only_arguments():
    with pytest.raises(TypeError):
        signing.Signer("predictable-secret")


@pytest.mark.parametrize("sep", ["", "-", "abc", "_", "="])
def test_unsafe_separators(sep):
    with pytest.raises(ValueError, match="Unsafe Signer separator"):
        signing.Signer(key="k", sep=sep)


def test_custom_separator():
    signer = signing.Signer(key="k", sep="/")
    signed = signer.sign("a:b")
    assert signed.startswith("a:b/")
    assert signer.unsign(signed) == "a:b"


def test_fallback_keys():
    old = signing.Signer(key="old")
    new = signing.Signer(key="new", fallback_keys=["old"])
    assert new.unsign(old.sign("v")) == "v"
    assert new.sign("v") != old.sign("v")
    with pytest.raises(signing.BadSignature):
        signing.Signer(key="new").unsign(old.sign("v"))


def test_secret_key_fallbacks_setting():
    from nuages.test import override_settings

    old_signed = signing.Signer(key="oldsecret").sign("v")
    with override_settings(SECRET_KEY="newsecret", SECRET_KEY_FALLBACKS=["oldsecret"]):
        assert signing.Signer().unsign(old_signed) == "v"
        assert signing.loads(signing.dumps("x", key="oldsecret")) == "x"
    with override_settings(SECRET_KEY="newsecret"):
        with pytest.raises(signing.BadSignature):
            signing.Signer().unsign(old_signed)


def test_sign_object_round_trip_and_compress():
    signer = signing.Signer(key="k")
    obj = {"a": [1, 2, "x"] * 30, "b": None}
    plain = signer.sign_object(obj)
    packed = signer.sign_object(obj, compress=True)
    assert packed.startswith(".") and not plain.startswith(".")
    assert len(packed) < len(plain)
    assert signer.unsign_object(plain) == obj
    assert signer.unsign_object(packed) == obj
    # Compression that would not help is skipped.
    assert not signer.sign_object("a", compress=True).startswith(".")


def test_sign_object_custom_serializer():
    class Upper:
        def dumps(self, obj):
            return obj.upper().encode()

        def loads(self, data):
            return data.decode().lower() + "!"

    signer = signing.Signer(key="k")
    assert (
        signer.unsign_object(signer.sign_object("hi", serializer=Upper), serializer=Upper) == "hi!"
    )


def test_dumps_loads():
    objects = ["a string \u2020", {"a": "dictionary"}, ["a", "list"], 3.5, None]
    for obj in objects:
        assert signing.loads(signing.dumps(obj)) == obj
        assert signing.loads(signing.dumps(obj, compress=True)) == obj
        assert signing.loads(signing.dumps(obj, salt="s"), salt="s") == obj
    with pytest.raises(signing.BadSignature):
        signing.loads(signing.dumps("x", salt="one"), salt="two")
    with pytest.raises(signing.BadSignature):
        signing.loads(signing.dumps("x", key="k1"), key="k2")
    assert signing.loads(signing.dumps("x", key="k1"), key="k2", fallback_keys=["k1"]) == "x"


def test_dumps_is_url_safe_and_tamper_evident():
    value = signing.dumps({"a": "b" * 100})
    assert all(c.isalnum() or c in "-_:." for c in value)
    with pytest.raises(signing.BadSignature):
        signing.loads(value[:-1] + ("A" if value[-1] != "A" else "B"))


def test_timestamp_signer_expiry(monkeypatch):
    now = 1_700_000_000.0
    monkeypatch.setattr(signing.time, "time", lambda: now)
    signer = signing.TimestampSigner(key="predictable-key")
    signed = signer.sign("hello")
    assert signed.startswith("hello:" + signing.b62_encode(int(now)) + ":")
    assert signer.unsign(signed) == "hello"
    monkeypatch.setattr(signing.time, "time", lambda: now + 11)
    assert signer.unsign(signed, max_age=12) == "hello"
    assert signer.unsign(signed, max_age=datetime.timedelta(seconds=11)) == "hello"
    with pytest.raises(signing.SignatureExpired, match=r"Signature age 11\.0 > 10 seconds"):
        signer.unsign(signed, max_age=10)
    with pytest.raises(signing.SignatureExpired, match=r"> 10\.0 seconds"):
        signer.unsign(signed, max_age=datetime.timedelta(seconds=10))
    assert issubclass(signing.SignatureExpired, signing.BadSignature)


def test_loads_max_age():
    value = signing.dumps("x")
    assert signing.loads(value, max_age=100) == "x"
    real = time.time
    try:
        signing.time.time = lambda: real() + 1000
        with pytest.raises(signing.SignatureExpired):
            signing.loads(value, max_age=10)
    finally:
        signing.time.time = real


def test_b62_and_b64_helpers():
    for n in (0, 1, 61, 62, -62, 2**40, -(2**40)):
        assert signing.b62_decode(signing.b62_encode(n)) == n
    assert signing.b62_encode(61) == "z"
    assert signing.b62_encode(62) == "10"
    for data in (b"", b"a", b"ab", b"abc", b"\xff\xfe\xfd\x00"):
        encoded = signing.b64_encode(data)
        assert b"=" not in encoded
        assert signing.b64_decode(encoded) == data


def test_base64_hmac_default_algorithm_is_sha1():
    assert (
        signing.base64_hmac("s", "v", "k")
        == signing.b64_encode(salted_hmac("s", "v", "k").digest()).decode()
    )


def test_get_cookie_signer():
    signer = signing.get_cookie_signer()
    assert isinstance(signer, signing.TimestampSigner)
    assert signer.salt == "django.core.signing.get_cookie_signer"
    assert signer.key == b"django.http.cookies" + b"nuages-tests-not-secret"
    assert signing.get_cookie_signer(salt="other").salt == "other"
    assert signer.unsign(signer.sign("v")) == "v"


def test_json_serializer():
    s = signing.JSONSerializer()
    assert s.dumps({"a": [1, 2]}) == b'{"a":[1,2]}'
    assert s.loads(b'{"a":[1,2]}') == {"a": [1, 2]}
