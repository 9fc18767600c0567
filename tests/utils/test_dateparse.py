import datetime

import pytest

from nuages.utils.dateparse import parse_date, parse_datetime, parse_duration, parse_time
from nuages.utils.timezone import get_fixed_timezone

td = datetime.timedelta


def test_parse_date():
    assert parse_date("2012-04-23") == datetime.date(2012, 4, 23)
    assert parse_date("2012-4-9") == datetime.date(2012, 4, 9)
    assert parse_date("20120423") == datetime.date(2012, 4, 23)  # ISO basic form
    assert parse_date("2012423") is None
    assert parse_date("04/23/2012") is None
    with pytest.raises(ValueError):
        parse_date("2012-04-56")
    with pytest.raises(ValueError):
        parse_date("2012-13-1")


def test_parse_time():
    assert parse_time("09:15:00") == datetime.time(9, 15)
    assert parse_time("10:10") == datetime.time(10, 10)
    assert parse_time("10:20:30.400") == datetime.time(10, 20, 30, 400000)
    assert parse_time("10:20:30,400") == datetime.time(10, 20, 30, 400000)
    assert parse_time("4:8:16") == datetime.time(4, 8, 16)
    assert parse_time("00:05:23.283000123") == datetime.time(0, 5, 23, 283000)
    # An offset is dropped: a time of day is never aware.
    assert parse_time("00:05:23+04:00") == datetime.time(0, 5, 23)
    assert parse_time("00:05:23+04:00").tzinfo is None
    assert parse_time("091500") == datetime.time(9, 15)
    assert parse_time("00:05:") is None
    assert parse_time("4:18:101") is None
    assert parse_time("10 past 9") is None
    with pytest.raises(ValueError):
        parse_time("09:15:90")
    with pytest.raises(ValueError):
        parse_time("25:00")


def test_parse_datetime():
    cases = [
        ("2012-04-23T09:15:00", datetime.datetime(2012, 4, 23, 9, 15)),
        ("2012-4-9 4:8:16", datetime.datetime(2012, 4, 9, 4, 8, 16)),
        ("2012-04-23T09:15:00Z", datetime.datetime(2012, 4, 23, 9, 15, 0, 0, datetime.UTC)),
        (
            "2012-4-9 4:8:16-0320",
            datetime.datetime(2012, 4, 9, 4, 8, 16, 0, get_fixed_timezone(-200)),
        ),
        (
            "2012-04-23T10:20:30.400+02:30",
            datetime.datetime(2012, 4, 23, 10, 20, 30, 400000, get_fixed_timezone(150)),
        ),
        (
            "2012-04-23T10:20:30.400+02",
            datetime.datetime(2012, 4, 23, 10, 20, 30, 400000, get_fixed_timezone(120)),
        ),
        (
            "2012-04-23T10:20:30.400-02",
            datetime.datetime(2012, 4, 23, 10, 20, 30, 400000, get_fixed_timezone(-120)),
        ),
        (
            "2012-04-23T10:20:30,400-02",
            datetime.datetime(2012, 4, 23, 10, 20, 30, 400000, get_fixed_timezone(-120)),
        ),
        (
            "2012-04-23T10:20:30.400 +0230",
            datetime.datetime(2012, 4, 23, 10, 20, 30, 400000, get_fixed_timezone(150)),
        ),
        (
            "2012-04-23T10:20:30,400 +00",
            datetime.datetime(2012, 4, 23, 10, 20, 30, 400000, get_fixed_timezone(0)),
        ),
        (
            "2012-04-23T10:20:30   -02",
            datetime.datetime(2012, 4, 23, 10, 20, 30, 0, get_fixed_timezone(-120)),
        ),
    ]
    for text, expected in cases:
        parsed = parse_datetime(text)
        assert parsed == expected, text
        assert parsed.utcoffset() == expected.utcoffset(), text
    assert parse_datetime("2012-04-23T09:15:00Z").utcoffset() == td(0)
    assert parse_datetime("20120423091500") is None
    assert parse_datetime("2012-04-23") == datetime.datetime(2012, 4, 23)
    assert parse_datetime("not a date") is None
    with pytest.raises(ValueError):
        parse_datetime("2012-04-56T09:15:90")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30", td(seconds=30)),
        ("15:30", td(minutes=15, seconds=30)),
        ("5:30", td(minutes=5, seconds=30)),
        ("10:15:30", td(hours=10, minutes=15, seconds=30)),
        ("1:15:30", td(hours=1, minutes=15, seconds=30)),
        ("100:200:300", td(hours=100, minutes=200, seconds=300)),
        ("4 15:30", td(days=4, minutes=15, seconds=30)),
        ("4 10:15:30", td(days=4, hours=10, minutes=15, seconds=30)),
        ("4 days, 10:15:30", td(days=4, hours=10, minutes=15, seconds=30)),
        ("1 day, 0:00:01", td(days=1, seconds=1)),
        ("15:30.1", td(minutes=15, seconds=30, milliseconds=100)),
        ("15:30.01", td(minutes=15, seconds=30, milliseconds=10)),
        ("15:30.001", td(minutes=15, seconds=30, milliseconds=1)),
        ("15:30.0001", td(minutes=15, seconds=30, microseconds=100)),
        ("15:30.00001", td(minutes=15, seconds=30, microseconds=10)),
        ("15:30.000001", td(minutes=15, seconds=30, microseconds=1)),
        ("15:30,000001", td(minutes=15, seconds=30, microseconds=1)),
        ("-4 15:30", td(days=-4, minutes=15, seconds=30)),
        ("-172800", td(days=-2)),
        ("-15:30", td(minutes=-15, seconds=-30)),
        ("-1:15:30", td(hours=-1, minutes=-15, seconds=-30)),
        ("-30.1", td(seconds=-30, milliseconds=-100)),
        ("-30,1", td(seconds=-30, milliseconds=-100)),
        ("-00:01:01", td(minutes=-1, seconds=-1)),
        ("-01:01", td(seconds=-61)),
        ("-01:-01", None),
    ],
)
def test_parse_duration_own_format(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 day", td(1)),
        ("-1 day", td(-1)),
        ("1 day 0:00:01", td(days=1, seconds=1)),
        ("1 day -0:00:01", td(days=1, seconds=-1)),
        ("-1 day -0:00:01", td(days=-1, seconds=-1)),
        ("-1 day +0:00:01", td(days=-1, seconds=1)),
        ("4 days 0:15:30.1", td(days=4, minutes=15, seconds=30, milliseconds=100)),
        ("4 days 0:15:30.0001", td(days=4, minutes=15, seconds=30, microseconds=100)),
        ("-4 days -15:00:30", td(days=-4, hours=-15, seconds=-30)),
    ],
)
def test_parse_duration_postgresql(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P4Y", None),
        ("P4M", None),
        ("P4W", None),
        ("P4D", td(days=4)),
        ("-P1D", td(days=-1)),
        ("P0.5D", td(hours=12)),
        ("P0,5D", td(hours=12)),
        ("-P0.5D", td(hours=-12)),
        ("PT5H", td(hours=5)),
        ("-PT5H", td(hours=-5)),
        ("PT5M", td(minutes=5)),
        ("-PT5M", td(minutes=-5)),
        ("PT5S", td(seconds=5)),
        ("-PT5S", td(seconds=-5)),
        ("PT0.000005S", td(microseconds=5)),
        ("PT0,000005S", td(microseconds=5)),
        ("-PT0.000005S", td(microseconds=-5)),
        ("-P4DT1H", td(days=-4, hours=-1)),
        ("+P1DT2H3M4S", td(days=1, hours=2, minutes=3, seconds=4)),
        ("P", td(0)),
        ("PT", td(0)),
        ("P1DT", td(days=1)),
        ("nonsense", None),
        ("", td(0)),  # the PostgreSQL form is all optional
    ],
)
def test_parse_duration_iso8601(text, expected):
    assert parse_duration(text) == expected
