"""The humanize filters with Django's documented outputs."""

from __future__ import annotations

import datetime
import types
from decimal import Decimal

import pytest

from nuages.contrib.humanize.templatetags import humanize
from nuages.template import Engine
from nuages.template.context import Context
from nuages.utils.translation import override

NOW = datetime.datetime(2012, 3, 9, 22, 30, 0)


class FixedDateTime(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        if tz is None:
            return NOW
        return NOW.replace(tzinfo=datetime.UTC).astimezone(tz)


@pytest.fixture
def fixed_now(monkeypatch):
    # The filters read the clock through the module's `datetime` name only.
    monkeypatch.setattr(humanize, "datetime", types.SimpleNamespace(datetime=FixedDateTime))
    yield NOW


def render(source, **context):
    engine = Engine(libraries={"humanize": "nuages.contrib.humanize.templatetags.humanize"})
    return engine.from_string("{% load humanize %}" + source).render(Context(context))


@pytest.mark.parametrize(
    "value,expected",
    [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
        (13, "13th"), (21, "21st"), (22, "22nd"), (101, "101st"), (102, "102nd"),
        (103, "103rd"), (111, "111th"), (0, "0th"), ("something", "something"), (None, None),
        (-1, "-1"),
    ],
)  # fmt: skip
def test_ordinal(value, expected):
    assert humanize.ordinal(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (100, "100"), (1000, "1,000"), (10123, "10,123"), (10311, "10,311"),
        (1000000, "1,000,000"), (1234567.25, "1,234,567.25"), ("100", "100"),
        ("1000", "1,000"), ("1234567.1234567", "1,234,567.1234567"),
        (Decimal("1234567.1234567"), "1,234,567.1234567"), (-1234567, "-1,234,567"),
        ("-1234567", "-1,234,567"), (None, "None"), ("foo", "foo"), (45000, "45,000"),
    ],
)  # fmt: skip
def test_intcomma(value, expected):
    assert humanize.intcomma(value) == expected
    assert humanize.intcomma(value, use_l10n=False) == expected


def test_intcomma_template():
    assert render("{{ n|intcomma }}", n=4500) == "4,500"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("100", 100), ("1000000", "1.0 million"), ("1200000", "1.2 million"),
        ("1290000", "1.3 million"), ("1000000000", "1.0 billion"),
        ("2000000000", "2.0 billion"), ("6000000000000", "6.0 trillion"),
        ("1300000000000000", "1.3 quadrillion"), ("3500000000000000000000", "3.5 sextillion"),
        ("8100000000000000000000000000000000", "8.1 decillion"),
        ("-1000000", "-1.0 million"), (10**101, "10.0 googol"), (None, None),
        ("foo", "foo"),
    ],
)  # fmt: skip
def test_intword(value, expected):
    assert humanize.intword(value) == expected


def test_intword_beyond_googol_unchanged():
    assert humanize.intword(10**104) == 10**104


@pytest.mark.parametrize(
    "value,expected",
    [(1, "one"), (2, "two"), (9, "nine"), (10, 10), (0, 0), ("7", "seven"), ("x", "x")],
)
def test_apnumber(value, expected):
    assert humanize.apnumber(value) == expected


def test_naturalday(fixed_now):
    today = NOW.date()
    one_day = datetime.timedelta(days=1)
    assert humanize.naturalday(today) == "today"
    assert humanize.naturalday(today + one_day) == "tomorrow"
    assert humanize.naturalday(today - one_day) == "yesterday"
    assert humanize.naturalday(datetime.date(2012, 3, 1)) == "March 1, 2012"
    assert humanize.naturalday(datetime.date(2012, 3, 1), "Y-m-d") == "2012-03-01"
    assert humanize.naturalday("not a date") == "not a date"


@pytest.mark.parametrize(
    "delta,expected",
    [
        (datetime.timedelta(0), "now"),
        (datetime.timedelta(seconds=-1), "a second ago"),
        (datetime.timedelta(seconds=-30), "30\xa0seconds ago"),
        (datetime.timedelta(minutes=-1, seconds=-30), "a minute ago"),
        (datetime.timedelta(minutes=-2), "2\xa0minutes ago"),
        (datetime.timedelta(hours=-1), "an hour ago"),
        (datetime.timedelta(hours=-23, minutes=-50, seconds=-50), "23\xa0hours ago"),
        (datetime.timedelta(days=-1), "1\xa0day ago"),
        (datetime.timedelta(days=-500), "1\xa0year, 4\xa0months ago"),
        (datetime.timedelta(seconds=1), "a second from now"),
        (datetime.timedelta(seconds=30), "30\xa0seconds from now"),
        (datetime.timedelta(minutes=1, seconds=30), "a minute from now"),
        (datetime.timedelta(minutes=2), "2\xa0minutes from now"),
        (datetime.timedelta(hours=1), "an hour from now"),
        (datetime.timedelta(hours=23, minutes=50, seconds=50), "23\xa0hours from now"),
        (datetime.timedelta(days=1), "1\xa0day from now"),
        (datetime.timedelta(days=2, hours=6), "2\xa0days, 6\xa0hours from now"),
        (datetime.timedelta(days=500), "1\xa0year, 4\xa0months from now"),
    ],
)
def test_naturaltime(fixed_now, delta, expected):
    assert humanize.naturaltime(NOW + delta) == expected


def test_naturaltime_aware_and_other_values(fixed_now):
    aware = NOW.replace(tzinfo=datetime.UTC) - datetime.timedelta(hours=2)
    assert humanize.naturaltime(aware) == "2\xa0hours ago"
    assert humanize.naturaltime("x") == "x"
    assert humanize.naturaltime(None) is None


def test_naturaltime_template(fixed_now):
    value = NOW - datetime.timedelta(seconds=30)
    assert render("{{ v|naturaltime }}", v=value) == "30\xa0seconds ago"


def test_intword_plural_forms_translated_language_falls_back():
    with override("en"):
        assert humanize.intword(2_500_000) == "2.5 million"
