"""nuages.utils.regex_helper.normalize(): the shapes reverse() fills in."""

import pytest

from nuages.utils.regex_helper import _lazy_re_compile, normalize


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("", [("", [])]),
        (r"^hardcoded/doc\.pdf$", [("hardcoded/doc.pdf", [])]),
        (r"(.*)-(.+)", [("%(_0)s-%(_1)s", ["_0", "_1"])]),
        (r"(?:non-capturing)", [("non-capturing", [])]),
        (
            r"(?P<first_group_name>.*)-(?P<second_group_name>.*)",
            [
                (
                    "%(first_group_name)s-%(second_group_name)s",
                    ["first_group_name", "second_group_name"],
                )
            ],
        ),
        (
            r"(?P<first_group_name>.*)-(?P=first_group_name)",
            [("%(first_group_name)s-%(first_group_name)s", ["first_group_name"])],
        ),
        (r"\\\^\$\.\|\?\*\+\(\)\[", [("\\^$.|?*+()[", [])]),
        (r"^places?/$", [("place/", [])]),
        (r"^places+/$", [("places/", [])]),
        (r"^(?:places/)?$", [("", [])]),
        (r"^(?:places/)+$", [("places/", [])]),
        (r"^places/([0-9]+|[a-z_]+)/", [("places/%(_0)s/", ["_0"])]),
        (
            r"^optional/(?P<a>\d+)/(?:(?P<b>\d+)/)?$",
            [("optional/%(a)s/", ["a"]), ("optional/%(a)s/%(b)s/", ["a", "b"])],
        ),
        (
            r"^people/((?P<state>\w\w)/test)?/(\w+)/$",
            [("people//%(_1)s/", ["_1"]), ("people/%(_0)s/%(_1)s/", ["_0", "_1"])],
        ),
        (r"^character_set/[abcdef0-9]/$", [("character_set/a/", [])]),
        (r"^character_set/[\w]/$", [("character_set/x/", [])]),
        (r"^price/[\$]([0-9]+)/$", [("price/$%(_0)s/", ["_0"])]),
        (r"^(?P<name>.+)/[0-9]+/$", [("%(name)s/0/", ["name"])]),
        (r"^repeats/a{1,2}/$", [("repeats/a/", [])]),
        (r"^repeats/a{2}/$", [("repeats/aa/", [])]),
        (r"^repeats/a{,2}/$", [("repeats//", [])]),
        (r"^test/1/?", [("test/1", [])]),
        (r"^(?:foo|bar)(\w+)/$", [("", [])]),
        (r"^a|b", [("", [])]),
        (r"^lookahead/(?=x)(?!y)(?<=z)(?<!w)(?P<c>[^/]+)/$", [("lookahead/%(c)s/", ["c"])]),
        (r"(?i)^case/(?#comment)x$", [("case/x", [])]),
        (r"^a\d\D\s\S\w\W\b\B\A\Z$", [("a0x xx!", [])]),
        (r"^100%/$", [("100%%/", [])]),
        (r"^a*?b+?c{2}?", [("bcc", [])]),
        (r"^brace{/$", [("brace{/", [])]),
        (r"^end$ignored", [("end", [])]),
    ],
)
def test_normalize(pattern, expected):
    assert normalize(pattern) == expected


def test_non_reversible_group_is_an_error():
    with pytest.raises(ValueError, match=r"Non-reversible reg-exp portion: '\(\?P>'"):
        normalize(r"(?P>x)")
    with pytest.raises(ValueError, match=r"Non-reversible reg-exp portion: '\(\?\('"):
        normalize(r"(?(1)a|b)")


def test_lazy_re_compile():
    regex = _lazy_re_compile(r"^a+$")
    assert regex.match("aaa")
    assert not regex.match("b")
