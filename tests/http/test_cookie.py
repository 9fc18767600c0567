import pickle

from nuages.http import SimpleCookie, parse_cookie


def test_python_cookie_edge_cases():
    assert parse_cookie("chips=ahoy; vienna=finger") == {"chips": "ahoy", "vienna": "finger"}
    # Every semicolon separates, even inside quotes.
    assert parse_cookie('keebler="E=mc2; L=\\"Loves\\"; fudge=\\012;"') == {
        "keebler": '"E=mc2',
        "L": '\\"Loves\\"',
        "fudge": "\\012",
        "": '"',
    }
    assert parse_cookie("keebler=E=mc2") == {"keebler": "E=mc2"}
    assert parse_cookie("key:term=value:term") == {"key:term": "value:term"}
    assert parse_cookie("a=b; c=[; d=r; f=h") == {"a": "b", "c": "[", "d": "r", "f": "h"}


def test_cookie_edgecases():
    assert parse_cookie("a=b; Domain=example.com") == {"a": "b", "Domain": "example.com"}
    assert parse_cookie("a=b; h=i; a=c") == {"a": "c", "h": "i"}


def test_invalid_cookies_browsers_send():
    assert "django_language" in parse_cookie("abc=def; unnamed; django_language=en")
    assert parse_cookie("a=b; ; c=d") == {"a": "b", "c": "d"}
    assert parse_cookie("a b c=d e = f; gh=i") == {"a b c": "d e = f", "gh": "i"}
    assert parse_cookie('a   b,c<>@:/[]?{}=d  "  =e,f g') == {"a   b,c<>@:/[]?{}": 'd  "  =e,f g'}
    assert parse_cookie("saint=André Bessette") == {"saint": "André Bessette"}
    assert parse_cookie("  =  b  ;  ;  =  ;   c  =  ;  ") == {"": "b", "c": ""}
    assert parse_cookie("baz") == {"": "baz"}
    assert parse_cookie("") == {}
    assert "good_cookie" in parse_cookie("a:=b; a:=c; good_cookie=yes")


def test_quoted_values_round_trip():
    cookie = SimpleCookie()
    cookie["test"] = "An,awkward;value"
    assert ";" not in cookie.output().rstrip(";")
    parsed = parse_cookie(cookie.output()[12:])
    assert parsed["test"] == "An,awkward;value"
    cookie["q"] = 'with "quotes" and \\'
    assert parse_cookie(cookie["q"].OutputString())["q"] == 'with "quotes" and \\'


def test_simple_cookie():
    cookie = SimpleCookie()
    cookie.load("name=val")
    cookie["name"]["httponly"] = True
    assert cookie["name"]["httponly"] is True
    cookie.load({"other": "v"})
    assert cookie["other"].value == "v"
    raw = 'Customer="WILE_E_COYOTE"; Path=/acme; Version=1'
    c = SimpleCookie()
    c.load(raw)
    assert pickle.loads(pickle.dumps(c)).output() == f"Set-Cookie: {raw}"
