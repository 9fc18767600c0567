"""The timesince and timeuntil filters, as functions and through a template."""

import datetime

import pytest

from nuages.template.context import Context
from nuages.template.defaultfilters import register, timesince_filter, timeuntil_filter
from nuages.template.engine import Engine
from nuages.utils import timezone

NOW = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)


def test_registered_under_django_names():
    assert register.filters["timesince"] is timesince_filter
    assert register.filters["timeuntil"] is timeuntil_filter


def test_timesince_with_reference_date():
    assert (
        timesince_filter(NOW - datetime.timedelta(days=3, hours=2), NOW) == "3\xa0days, 2\xa0hours"
    )
    assert timesince_filter(NOW - datetime.timedelta(minutes=1), NOW) == "1\xa0minute"
    # A future value gives "0 minutes", as Django documents.
    assert timesince_filter(NOW + datetime.timedelta(days=1), NOW) == "0\xa0minutes"


def test_timeuntil_with_reference_date():
    assert (
        timeuntil_filter(NOW + datetime.timedelta(weeks=1, days=2), NOW) == "1\xa0week, 2\xa0days"
    )
    assert timeuntil_filter(NOW - datetime.timedelta(days=1), NOW) == "0\xa0minutes"


@pytest.mark.parametrize("func", [timesince_filter, timeuntil_filter])
@pytest.mark.parametrize("value", [None, "", 0])
def test_empty_values_render_nothing(func, value):
    assert func(value) == ""


@pytest.mark.parametrize("func", [timesince_filter, timeuntil_filter])
def test_bad_input_renders_nothing(func):
    assert func("not a date") == ""
    # Mixing naive and aware datetimes is a TypeError inside: the filter swallows it.
    assert func(NOW.replace(tzinfo=None), NOW) == ""


def test_through_a_template():
    engine = Engine()
    template = engine.from_string("{{ past|timesince }}|{{ future|timeuntil:ref }}")
    now = timezone.now()
    out = template.render(
        Context(
            {
                "past": now - datetime.timedelta(days=2, minutes=5),
                "future": NOW + datetime.timedelta(hours=5),
                "ref": NOW,
            }
        )
    )
    assert out == "2\xa0days|5\xa0hours"
