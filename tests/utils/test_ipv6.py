"""nuages.utils.ipv6, nuages.utils.hashable and nuages.utils.inspect."""

import ipaddress

import pytest

from nuages.core.exceptions import ValidationError
from nuages.utils import inspect as nuages_inspect
from nuages.utils.hashable import make_hashable
from nuages.utils.ipv6 import clean_ipv6_address, is_valid_ipv6_address


@pytest.mark.parametrize(
    "ip", ["fe80::223:6cff:fe8a:2e8a", "::1", "1::", "::ffff:0a0a:0a0a", "fe80::1%eth0"]
)
def test_valid(ip):
    assert is_valid_ipv6_address(ip)


@pytest.mark.parametrize("ip", ["foo", "127.0.0.1", "12345::", "1::2::3", "1:2", "a" * 40, None, 5])
def test_invalid(ip):
    assert not is_valid_ipv6_address(ip)


def test_address_objects_are_valid():
    assert is_valid_ipv6_address(ipaddress.IPv6Address("::1"))


def test_clean():
    assert clean_ipv6_address("DEAD::0:BEEF") == "dead::beef"
    assert clean_ipv6_address("2001:000:a:0000:0:fe:fe:beef") == "2001:0:a::fe:fe:beef"
    assert clean_ipv6_address("::ffff:0a0a:0a0a") == "::ffff:10.10.10.10"
    assert clean_ipv6_address("::ffff:0a0a:0a0a", unpack_ipv4=True) == "10.10.10.10"
    assert clean_ipv6_address("fe80::1%eth0") == "fe80::1"


def test_clean_rejects_with_the_given_message():
    with pytest.raises(ValidationError) as info:
        clean_ipv6_address("::zzz", error_message="bad")
    assert info.value.code == "invalid" and info.value.messages == ["bad"]
    with pytest.raises(ValidationError):
        clean_ipv6_address("1:" * 20)


def test_make_hashable():
    assert make_hashable({"b": [1, {"c": 2}], "a": 1}) == (("a", 1), ("b", (1, (("c", 2),))))
    assert make_hashable("x") == "x"
    with pytest.raises(TypeError):
        make_hashable(object.__new__(type("Unhashable", (), {"__hash__": None})))


def test_inspect_helpers():
    def f(a, b=1, *args, c, **kwargs):
        pass

    class C:
        def m(self, x):
            pass

        def n(self):
            pass

    assert nuages_inspect.get_func_args(f) == ["a", "b"]
    assert nuages_inspect.get_func_full_args(f) == [
        ("a",),
        ("b", 1),
        ("*args",),
        ("c",),
        ("**kwargs",),
    ]
    assert nuages_inspect.func_accepts_kwargs(f) and nuages_inspect.func_accepts_var_args(f)
    assert not nuages_inspect.func_accepts_kwargs(C().m)
    assert nuages_inspect.get_func_args(C().m) == ["x"]
    assert nuages_inspect.method_has_no_args(C().n) and not nuages_inspect.method_has_no_args(C().m)
    assert nuages_inspect.method_has_no_args(C.n)
    assert nuages_inspect.func_supports_parameter(
        f, "c"
    ) and not nuages_inspect.func_supports_parameter(f, "z")
    assert nuages_inspect.is_module_level_function(make_hashable)
    assert not nuages_inspect.is_module_level_function(f)
