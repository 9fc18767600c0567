import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from nuages.utils.encoding import (
    DjangoUnicodeDecodeError,
    escape_uri_path,
    filepath_to_uri,
    force_bytes,
    force_str,
    get_system_encoding,
    iri_to_uri,
    is_protected_type,
    punycode,
    smart_bytes,
    smart_str,
    uri_to_iri,
)
from nuages.utils.functional import lazy


def test_force_str():
    assert force_str(b"caf\xc3\xa9") == "café"
    assert force_str(b"caf\xe9", "latin-1") == "café"
    assert force_str(42) == "42"
    assert force_str(None) == "None"
    assert force_str(None, strings_only=True) is None
    assert force_str(Decimal("1.5"), strings_only=True) == Decimal("1.5")
    assert force_str(b"\xff", errors="replace") == "\ufffd"


def test_force_str_bad_bytes_names_the_object():
    with pytest.raises(DjangoUnicodeDecodeError) as info:
        force_str(b"\xff\xfe abc")
    assert isinstance(info.value, UnicodeDecodeError)
    assert "You passed in b'\\xff\\xfe abc' (<class 'bytes'>)" in str(info.value)


def test_force_bytes():
    assert force_bytes("café") == b"caf\xc3\xa9"
    assert force_bytes("café", "latin-1") == b"caf\xe9"
    assert force_bytes(b"caf\xc3\xa9", "latin-1") == b"caf\xe9"  # bytes taken as UTF-8
    assert force_bytes(memoryview(b"abc")) == b"abc"
    assert force_bytes(1) == b"1"
    assert force_bytes(None, strings_only=True) is None


def test_smart_keeps_lazy():
    lazy_str = lazy(lambda: "x", str)()
    assert smart_str(lazy_str) is lazy_str
    assert smart_bytes(lazy_str) is lazy_str
    assert smart_str(b"a") == "a" and smart_bytes("a") == b"a"


def test_is_protected_type():
    for value in (
        None,
        1,
        1.5,
        Decimal(1),
        datetime.date.today(),
        datetime.datetime.now(),
        datetime.time(),
    ):
        assert is_protected_type(value)
    assert not is_protected_type("x")
    assert not is_protected_type(b"x")


@pytest.mark.parametrize(
    ("iri", "uri"),
    [
        ("red%09rosé#red", "red%09ros%C3%A9#red"),
        ("/blog/for/Jürgen Münster/", "/blog/for/J%C3%BCrgen%20M%C3%BCnster/"),
        ("locations/?zip=ó", "locations/?zip=%C3%B3"),
        ("/?q=a+b&x=[1]", "/?q=a+b&x=[1]"),
    ],
)
def test_iri_to_uri(iri, uri):
    assert iri_to_uri(iri) == uri


def test_iri_to_uri_none_and_lazy():
    assert iri_to_uri(None) is None
    assert iri_to_uri(lazy(lambda: "/é/", str)()) == "/%C3%A9/"


@pytest.mark.parametrize(
    ("uri", "iri"),
    [
        ("/%e2%89%Ab%E2%99%a5%E2%89%aB/", "/≫♥≫/"),
        ("/%E2%99%A5%E2%99%A5/?utf8=%E2%9C%93", "/♥♥/?utf8=✓"),
        ("/%41%5a%6B/", "/AZk/"),
        ("/%25%20%02%41%7b/", "/%25%20%02A%7b/"),
        ("/%AAd%AAj%AAa%AAn%AAg%AAo%AA/", "/%AAd%AAj%AAa%AAn%AAg%AAo%AA/"),
        ("/%E2%99%A5%E2%E2%99%A5/", "/♥%E2♥/"),
        ("/%E2%E2%99%A5%E2%99%A5%99/", "/%E2♥♥%99/"),
    ],
)
def test_uri_to_iri(uri, iri):
    assert uri_to_iri(uri) == iri


def test_uri_iri_round_trip():
    for iri in ("/♥♥/?utf8=✓", "/%25/"):
        assert uri_to_iri(iri_to_uri(iri)) == iri
    assert uri_to_iri(None) is None


def test_escape_uri_path():
    assert escape_uri_path("/;some/=awful/?path/:with/@lots/&of/+awful/chars") == (
        "/%3Bsome/%3Dawful/%3Fpath/:with/@lots/&of/+awful/chars"
    )
    assert escape_uri_path("/foo#bar") == "/foo%23bar"


def test_filepath_to_uri():
    assert filepath_to_uri(None) is None
    assert (
        filepath_to_uri("upload\\чубака.mp4") == "upload/%D1%87%D1%83%D0%B1%D0%B0%D0%BA%D0%B0.mp4"
    )
    assert filepath_to_uri(Path("upload/test.png")) == "upload/test.png"


def test_punycode_and_system_encoding():
    assert punycode("bücher.example") == "xn--bcher-kva.example"
    assert isinstance(get_system_encoding(), str)
