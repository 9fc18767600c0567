from decimal import Decimal

import pytest

from nuages.test.utils import override_settings
from nuages.utils.numberformat import format as nformat
from nuages.utils.safestring import SafeString


def test_integers():
    assert nformat(1234, ".") == "1234"
    assert nformat(1234, ".", decimal_pos=2) == "1234.00"
    assert nformat(1234, ".", grouping=2, thousand_sep=",") == "1234"
    assert nformat(1234, ".", grouping=2, thousand_sep=",", force_grouping=True) == "12,34"
    assert nformat(-1234.33, ".", decimal_pos=1) == "-1234.3"
    assert isinstance(nformat(1234, "."), SafeString)


def test_grouping_follows_use_thousand_separator():
    with override_settings(USE_THOUSAND_SEPARATOR=True):
        assert nformat(1234, ".", grouping=3, thousand_sep=",") == "1,234"
        assert nformat(1234, ".", grouping=3, thousand_sep=",", use_l10n=False) == "1234"
        assert nformat(1234, ".", grouping=0, thousand_sep=",") == "1234"
        assert nformat(-1234567, ".", grouping=3, thousand_sep=",") == "-1,234,567"
    assert nformat(1234, ".", grouping=3, thousand_sep=",") == "1234"


@pytest.mark.parametrize(
    ("grouping", "expected"),
    [
        (3, "10,000,000,000"),
        ((3, 2, 0), "10,00,00,00,000"),  # 0 repeats the previous size
        ((3, 2), "10,00,00,00,000"),  # so does the end of the sequence
        ((3, 2, -1), "100000,00,000"),  # a negative size stops grouping
        ((1, 2, 3), "10,000,000,00,0"),
    ],
)
def test_grouping_sequences(grouping, expected):
    assert (
        nformat(10000000000, ".", grouping=grouping, thousand_sep=",", force_grouping=True)
        == expected
    )


def test_multicharacter_separators():
    assert (
        nformat(10000, ".", grouping=3, thousand_sep="\u202f", force_grouping=True) == "10\u202f000"
    )
    assert (
        nformat(
            Decimal("1234.5"),
            ",",
            decimal_pos=2,
            grouping=3,
            thousand_sep=" . ",
            force_grouping=True,
        )
        == "1 . 234,50"
    )


def test_floats():
    assert nformat(1234.2, ".") == "1234.2"
    assert nformat(1234.2, ".", decimal_pos=2) == "1234.20"
    assert nformat(1234.239, ".", decimal_pos=2) == "1234.23"  # truncated, not rounded
    assert nformat(-1234.2, ",", 2, 3, ".", True) == "-1.234,20"
    assert nformat(0.1, ".", decimal_pos=0) == "0"


def test_floats_with_exponents():
    assert nformat(1e16, ".") == "10000000000000000"
    assert nformat(1e-10, ".") == "0.0000000001"
    assert nformat(1e-10, ".", decimal_pos=2) == "0.00"
    assert nformat(-1e-10, ".", decimal_pos=2) == "0.00"
    assert nformat(1.5e16, ".", grouping=3, thousand_sep=",", force_grouping=True) == (
        "15,000,000,000,000,000"
    )
    assert nformat(float("inf"), ".") == "inf"


def test_decimals():
    assert nformat(Decimal("1234"), ".") == "1234"
    assert nformat(Decimal("1234.2"), ".") == "1234.2"
    assert nformat(Decimal("1234"), ".", decimal_pos=2) == "1234.00"
    assert nformat(Decimal("-1234.33"), ".", decimal_pos=1) == "-1234.3"
    assert nformat(Decimal("0.00000001"), ".", decimal_pos=8) == "0.00000001"
    assert nformat(Decimal("9e-19"), ".", decimal_pos=2) == "0.00"
    assert nformat(Decimal(".00000000000099"), ".", decimal_pos=0) == "0"
    assert nformat(Decimal("-0.0001"), ".", decimal_pos=2) == "0.00"
    assert nformat(Decimal("1E+2"), ".") == "100"
    assert nformat(Decimal("1e-7"), ".", decimal_pos=8) == "0.00000010"


def test_huge_decimals_use_scientific_notation():
    assert nformat(Decimal("1e199"), ".") == "1" + "0" * 199
    assert nformat(Decimal("1e200"), ".") == "1e+200"
    assert nformat(Decimal("1e201"), ".") == "1e+201"
    assert nformat(Decimal("1.234e-300"), ".", decimal_pos=3) == "0.000"
    assert nformat(Decimal("9.87654321e250"), ",", decimal_pos=2) == "9,87e+250"
    assert nformat(Decimal("-1.1e-250"), ".") == "-1.1e-250"


def test_strings_and_empty_values():
    assert nformat("1234.5", ".", decimal_pos=2) == "1234.50"
    assert nformat("-1234", ",", grouping=3, thousand_sep=".", force_grouping=True) == "-1.234"
    assert nformat("", ".") == ""
    assert nformat(None, ".") == "None"
