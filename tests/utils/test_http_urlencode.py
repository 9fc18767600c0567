"""nuages.utils.http.urlencode gives what urllib's urlencode gives (its fast path included)."""

from urllib.parse import urlencode as stdlib_urlencode

import pytest

from nuages.utils.datastructures import MultiValueDict
from nuages.utils.http import urlencode


@pytest.mark.parametrize(
    "query",
    [
        {"q": "x"},
        {"q": "", "page": "2"},
        {"a-b_c.d~e": "A-Z_0.9~"},
        {"q": "two words"},
        {"q": "café", "x": "a&b=c"},
        {"q": "/path?"},
        [("a", "1"), ("a", "2")],
    ],
)
def test_same_as_urllib_for_strings(query):
    for doseq in (False, True):
        assert urlencode(query, doseq=doseq) == stdlib_urlencode(query, doseq=doseq)


def test_non_string_values_and_sequences():
    assert urlencode({"n": 1, "b": b"x y"}) == "n=1&b=x+y"
    assert urlencode({"a": ["1", "2"]}, doseq=True) == "a=1&a=2"
    assert urlencode(MultiValueDict({"a": ["1", "2"]}), doseq=True) == "a=1&a=2"
    with pytest.raises(TypeError):
        urlencode({"a": None})
