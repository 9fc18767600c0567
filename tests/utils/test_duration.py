import datetime

import pytest

from nuages.utils.dateparse import parse_duration
from nuages.utils.duration import duration_iso_string, duration_microseconds, duration_string


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (datetime.timedelta(hours=1, minutes=3, seconds=5), "01:03:05"),
        (datetime.timedelta(days=1, hours=1, minutes=3, seconds=5), "1 01:03:05"),
        (datetime.timedelta(hours=1, minutes=3, seconds=5, microseconds=12345), "01:03:05.012345"),
        (datetime.timedelta(days=-1, hours=1, minutes=3, seconds=5), "-1 01:03:05"),
        (datetime.timedelta(0), "00:00:00"),
    ],
)
def test_duration_string(delta, text):
    assert duration_string(delta) == text
    assert parse_duration(text) == delta


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (datetime.timedelta(hours=1, minutes=3, seconds=5), "P0DT01H03M05S"),
        (datetime.timedelta(days=1, hours=1, minutes=3, seconds=5), "P1DT01H03M05S"),
        (
            datetime.timedelta(hours=1, minutes=3, seconds=5, microseconds=12345),
            "P0DT01H03M05.012345S",
        ),
        (datetime.timedelta(days=-1, hours=1, minutes=3, seconds=5), "-P0DT22H56M55S"),
        (-datetime.timedelta(days=1, microseconds=1), "-P1DT00H00M00.000001S"),
    ],
)
def test_duration_iso_string(delta, text):
    assert duration_iso_string(delta) == text
    assert parse_duration(text) == delta


@pytest.mark.parametrize(
    "delta",
    [
        datetime.timedelta(0),
        datetime.timedelta(days=1, hours=1, minutes=3, seconds=5, microseconds=7),
        datetime.timedelta(days=-1, microseconds=1),
        datetime.timedelta(microseconds=-1),
    ],
)
def test_duration_microseconds(delta):
    assert duration_microseconds(delta) == delta // datetime.timedelta(microseconds=1)
