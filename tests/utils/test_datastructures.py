import copy
import pickle

import pytest

from nuages.utils.datastructures import (
    CaseInsensitiveMapping,
    DictWrapper,
    ImmutableList,
    MultiValueDict,
    MultiValueDictKeyError,
    OrderedSet,
)


class TestOrderedSet:
    def test_order_and_ops(self):
        s = OrderedSet([3, 1, 3, 2])
        assert list(s) == [3, 1, 2]
        assert list(reversed(s)) == [2, 1, 3]
        s.add(0)
        s.discard(99)
        s.remove(1)
        assert list(s) == [3, 2, 0] and len(s) == 3 and 3 in s and 1 not in s
        with pytest.raises(KeyError):
            s.remove(1)

    def test_bool_and_repr(self):
        assert not OrderedSet()
        assert repr(OrderedSet()) == "OrderedSet()"
        assert repr(OrderedSet([1, "a"])) == "OrderedSet([1, 'a'])"


class TestMultiValueDict:
    def make(self):
        return MultiValueDict({"name": ["Adrian", "Simon"], "position": ["Developer"], "empty": []})

    def test_item_access_gives_last(self):
        d = self.make()
        assert d["name"] == "Simon"
        assert d.get("name") == "Simon"
        assert d.getlist("name") == ["Adrian", "Simon"]
        assert d["empty"] == []
        assert d.get("empty", "default") == "default"

    def test_missing_key(self):
        d = self.make()
        with pytest.raises(MultiValueDictKeyError) as info:
            d["lastname"]
        assert isinstance(info.value, KeyError)
        assert str(info.value) == "'lastname'"
        assert d.get("lastname") is None
        assert d.get("lastname", "nonexistent") == "nonexistent"
        assert d.getlist("lastname") == []
        assert d.getlist("lastname", ["x"]) == ["x"]

    def test_getlist_returns_copy(self):
        d = self.make()
        values = d.getlist("name")
        values.append("Other")
        assert d.getlist("name") == ["Adrian", "Simon"]

    def test_setters(self):
        d = MultiValueDict()
        d["a"] = 1
        d.appendlist("a", 2)
        assert d.getlist("a") == [1, 2]
        d.setlist("b", [3, 4])
        assert d["b"] == 4
        assert d.setdefault("c", 5) == 5 and d.setdefault("c", 6) == 5
        assert d.setlistdefault("e") == []
        assert d.setlistdefault("b", [9]) == [3, 4]

    def test_views(self):
        d = self.make()
        assert list(d.items()) == [("name", "Simon"), ("position", "Developer"), ("empty", [])]
        assert list(d.lists())[0] == ("name", ["Adrian", "Simon"])
        assert list(d.values()) == ["Simon", "Developer", []]
        assert d.dict() == {"name": "Simon", "position": "Developer", "empty": []}
        assert repr(MultiValueDict({"a": [1]})) == "<MultiValueDict: {'a': [1]}>"

    def test_update_extends(self):
        d = MultiValueDict({"a": [1]})
        d.update({"a": 2})
        d.update([("a", 3)], b=4)
        d.update(MultiValueDict({"a": [5, 6]}))
        assert d.getlist("a") == [1, 2, 3, 5, 6]
        assert d.getlist("b") == [4]
        with pytest.raises(TypeError, match="update expected at most 1 argument, got 2"):
            d.update({}, {})

    def test_copy_and_deepcopy(self):
        value = ["mutable"]
        d = MultiValueDict({"a": [value]})
        shallow = d.copy()
        shallow.appendlist("a", "x")
        assert d.getlist("a") == [value]
        assert shallow["a"] == "x" and shallow.getlist("a")[0] is value
        deep = copy.deepcopy(d)
        assert deep["a"] == value and deep["a"] is not value

    def test_pickle_keeps_lists(self):
        d = self.make()
        restored = pickle.loads(pickle.dumps(d))
        assert restored == d
        assert restored.getlist("name") == ["Adrian", "Simon"]


class TestImmutableList:
    def test_mutation_raises_with_message(self):
        lst = ImmutableList([1, 2], warning="Nope.")
        assert lst[1] == 2 and len(lst) == 2
        for op in (
            lambda: lst.append(3),
            lambda: lst.__setitem__(0, 5),
            lambda: lst.sort(),
            lambda: lst.pop(),
        ):
            with pytest.raises(AttributeError, match="Nope."):
                op()

    def test_default_message(self):
        with pytest.raises(AttributeError, match="ImmutableList object is immutable."):
            ImmutableList([1]).extend([2])


def test_dict_wrapper():
    d = DictWrapper({"a": "x"}, lambda v: f"*{v}*", "quoted_")
    assert d["a"] == "x"
    assert d["quoted_a"] == "*x*"
    with pytest.raises(KeyError):
        d["quoted_b"]


class TestCaseInsensitiveMapping:
    def test_lookup_and_spelling(self):
        m = CaseInsensitiveMapping({"Accept": "application/json", "content-type": "text/html"})
        assert m["accept"] == m["ACCEPT"] == "application/json"
        assert list(m) == ["Accept", "content-type"]
        assert len(m) == 2
        assert m == {"ACCEPT": "application/json", "Content-Type": "text/html"}
        assert m != {"Accept": "other", "content-type": "text/html"}
        assert m.copy() is m
        assert repr(m) == "{'Accept': 'application/json', 'content-type': 'text/html'}"

    def test_from_pairs_and_bad_input(self):
        assert CaseInsensitiveMapping([("A", 1)])["a"] == 1
        with pytest.raises(
            ValueError, match=r"dictionary update sequence element #0 has length 3; 2 is required"
        ):
            CaseInsensitiveMapping([("a", 1, 2)])
        with pytest.raises(ValueError, match="Element key 1 invalid, only strings are allowed"):
            CaseInsensitiveMapping([(1, 2)])

    def test_read_only(self):
        m = CaseInsensitiveMapping({"a": 1})
        with pytest.raises(TypeError):
            m["a"] = 2
