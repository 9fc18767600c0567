"""ValidationError's documented shapes: single, list, dict; messages, equality."""

import pytest

from nuages.core.exceptions import NON_FIELD_ERRORS, ValidationError


def test_single_message_with_params():
    err = ValidationError("Value %(value)s is bad", code="bad", params={"value": 42})
    assert err.messages == ["Value 42 is bad"]
    assert err.code == "bad"
    assert list(err) == ["Value 42 is bad"]
    assert str(err) == "['Value 42 is bad']"


def test_list_of_errors_flattens():
    err = ValidationError([ValidationError("a"), "b", ValidationError(["c", "d"])])
    assert err.messages == ["a", "b", "c", "d"]


def test_dict_of_errors():
    err = ValidationError({"name": ["required"], "age": ValidationError("too old")})
    assert err.message_dict == {"name": ["required"], "age": ["too old"]}
    assert sorted(err.messages) == ["required", "too old"]


def test_message_dict_missing_for_plain_error():
    with pytest.raises(AttributeError):
        ValidationError("x").message_dict  # noqa: B018


def test_update_error_dict():
    target = {}
    ValidationError("oops").update_error_dict(target)
    assert [e.message for e in target[NON_FIELD_ERRORS]] == ["oops"]
    ValidationError({"f": ["x"]}).update_error_dict(target)
    assert [e.message for e in target["f"]] == ["x"]


def test_equality_and_hash():
    a = ValidationError("m", code="c", params={"a": 1})
    b = ValidationError("m", code="c", params={"a": 1})
    assert a == b and hash(a) == hash(b)
    assert a != ValidationError("m", code="other", params={"a": 1})
    assert ValidationError(["x", "y"]) == ValidationError(["y", "x"])


def test_wrapping_keeps_code():
    inner = ValidationError("m", code="c")
    outer = ValidationError(inner)
    assert outer.code == "c" and outer.message == "m"
