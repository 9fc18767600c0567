import copy
import pickle

import pytest

from nuages.core.exceptions import TooManyFieldsSent
from nuages.http import QueryDict
from nuages.utils.datastructures import MultiValueDictKeyError

IMMUTABLE = "This QueryDict instance is immutable"


class TestParsing:
    def test_empty(self):
        for q in (QueryDict(), QueryDict(None), QueryDict(""), QueryDict(b"")):
            assert len(q) == 0 and q.urlencode() == ""
        with pytest.raises(MultiValueDictKeyError):
            QueryDict()["foo"]

    def test_single_and_multiple(self):
        q = QueryDict("foo=bar&vote=yes&vote=no")
        assert q["foo"] == "bar"
        assert q["vote"] == "no"
        assert q.getlist("vote") == ["yes", "no"]
        assert list(q.items()) == [("foo", "bar"), ("vote", "no")]
        assert list(q.lists()) == [("foo", ["bar"]), ("vote", ["yes", "no"])]
        assert "foo" in q and "bar" not in q

    def test_blank_values_and_empty_pieces(self):
        q = QueryDict("a&b=&&c=3&=x")
        assert q.getlist("a") == [""] and q.getlist("b") == [""] and q["c"] == "3"
        assert q[""] == "x"

    def test_decoding(self):
        q = QueryDict("name=caf%C3%A9&sp=a+b&pct=100%25&semi=a;b")
        assert (
            q["name"] == "café" and q["sp"] == "a b" and q["pct"] == "100%" and q["semi"] == "a;b"
        )

    def test_bytes_and_other_encoding(self):
        assert QueryDict(b"a=caf%E9", encoding="latin-1")["a"] == "café"
        assert QueryDict("a=caf%E9", encoding="latin-1").encoding == "latin-1"
        # Undecodable percent-escapes are replaced, never an error.
        assert QueryDict("a=%FF")["a"] == "\ufffd"
        # Raw non-UTF-8 bytes fall back to latin-1.
        assert QueryDict(b"a=\xe9")["a"] == "é"

    def test_too_many_fields(self, override_settings):
        with override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=2):
            QueryDict("a=1&b=2")
            with pytest.raises(TooManyFieldsSent, match="DATA_UPLOAD_MAX_NUMBER_FIELDS"):
                QueryDict("a=1&b=2&c=3")
        with override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=None):
            assert len(QueryDict("&".join(f"k{i}=v" for i in range(2000)))) == 2000


class TestMutability:
    def test_immutable_by_default(self):
        q = QueryDict("a=1")
        operations = [
            lambda: q.__setitem__("a", "2"),
            lambda: q.__delitem__("a"),
            lambda: q.setlist("a", ["1"]),
            lambda: q.appendlist("a", "2"),
            lambda: q.setlistdefault("b"),
            lambda: q.setdefault("b", "1"),
            lambda: q.pop("a"),
            lambda: q.popitem(),
            lambda: q.clear(),
            lambda: q.update({"b": "1"}),
        ]
        for operation in operations:
            with pytest.raises(AttributeError, match=IMMUTABLE):
                operation()
        assert q.getlist("a") == ["1"]

    def test_mutable(self):
        q = QueryDict(mutable=True)
        q["name"] = "john"
        q.appendlist("name", "paul")
        q.setlist("other", [b"caf\xc3\xa9"])
        q.update({"name": "george"})
        assert q.getlist("name") == ["john", "paul", "george"]
        assert q["other"] == "café"
        assert q.setdefault(b"key", b"val") == "val"
        assert q.pop("other") == ["café"]
        del q["key"]
        assert q.popitem() == ("name", ["john", "paul", "george"])
        q["x"] = "1"
        q.clear()
        assert len(q) == 0

    def test_copy_is_mutable(self):
        q = QueryDict("a=1&a=2")
        for c in (q.copy(), copy.copy(q), copy.deepcopy(q)):
            c["b"] = "3"
            assert c.getlist("a") == ["1", "2"]
            assert "b" not in q
        assert q.copy().encoding == q.encoding

    def test_fromkeys(self):
        q = QueryDict.fromkeys(["a", "a", "b"], value="v")
        assert q.getlist("a") == ["v", "v"] and q["b"] == "v"
        with pytest.raises(AttributeError, match=IMMUTABLE):
            q["c"] = "1"
        m = QueryDict.fromkeys(["a"], mutable=True, encoding="latin-1")
        m["c"] = "1"
        assert m.encoding == "latin-1"
        assert QueryDict.fromkeys([]) == QueryDict()

    def test_pickle(self):
        q = QueryDict("a=1&a=2&b=3")
        restored = pickle.loads(pickle.dumps(q))
        assert restored == q and restored.getlist("a") == ["1", "2"]


class TestUrlencode:
    def test_round_trip(self):
        q = QueryDict("a=1&a=2&b=caf%C3%A9+x")
        assert q.urlencode() == "a=1&a=2&b=caf%C3%A9+x"

    def test_safe(self):
        q = QueryDict(mutable=True)
        q["next"] = "/a&b/"
        assert q.urlencode() == "next=%2Fa%26b%2F"
        assert q.urlencode(safe="/") == "next=/a%26b/"

    def test_non_string_values_and_other_encoding(self):
        q = QueryDict(mutable=True)
        q.setlist("n", [1, 2])
        assert q.urlencode() == "n=1&n=2"
        latin = QueryDict(mutable=True, encoding="latin-1")
        latin["a"] = "é"
        assert latin.urlencode() == "a=%E9"


def test_encoding_default_and_setter():
    q = QueryDict()
    assert q.encoding == "utf-8"
    q.encoding = "iso-8859-15"
    assert q.encoding == "iso-8859-15"


def test_repr():
    assert repr(QueryDict("a=1")) == "<QueryDict: {'a': ['1']}>"
