import datetime
import zoneinfo

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from nuages.test.utils import override_settings
from nuages.utils import translation
from nuages.utils.timesince import timesince, timeuntil
from nuages.utils.timezone import get_fixed_timezone, make_aware
from nuages.utils.translation import npgettext_lazy

T = datetime.datetime(2007, 8, 14, 13, 46, 0)
ONE = {
    "microsecond": datetime.timedelta(microseconds=1),
    "second": datetime.timedelta(seconds=1),
    "minute": datetime.timedelta(minutes=1),
    "hour": datetime.timedelta(hours=1),
    "day": datetime.timedelta(days=1),
    "week": datetime.timedelta(days=7),
    "month": datetime.timedelta(days=31),
    "year": datetime.timedelta(days=366),
}


def test_equal_and_tiny_differences_are_zero_minutes():
    assert timesince(T, T) == "0\xa0minutes"
    assert timesince(T, T + ONE["microsecond"]) == "0\xa0minutes"
    assert timesince(T, T + ONE["second"]) == "0\xa0minutes"
    assert timesince(T, T + 59 * ONE["second"]) == "0\xa0minutes"


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (ONE["minute"], "1\xa0minute"),
        (ONE["hour"], "1\xa0hour"),
        (ONE["day"], "1\xa0day"),
        (ONE["week"], "1\xa0week"),
        (ONE["month"], "1\xa0month"),
        (ONE["year"], "1\xa0year"),
        (2 * ONE["minute"], "2\xa0minutes"),
        (2 * ONE["hour"] + 30 * ONE["minute"], "2\xa0hours, 30\xa0minutes"),
        (ONE["week"] + 2 * ONE["day"], "1\xa0week, 2\xa0days"),
        (ONE["week"] + 2 * ONE["hour"], "1\xa0week"),  # days are zero: stop there
        (ONE["year"] + ONE["week"], "1\xa0year"),  # adjacent units only
        (2 * ONE["day"] + 6 * ONE["hour"] + 59 * ONE["second"], "2\xa0days, 6\xa0hours"),
    ],
)
def test_units(delta, text):
    assert timesince(T, T + delta) == text


def test_future_is_zero_minutes_and_timeuntil_reverses():
    assert timesince(T + ONE["day"], T) == "0\xa0minutes"
    assert timeuntil(T + ONE["day"], T) == "1\xa0day"
    assert timeuntil(T - ONE["day"], T) == "0\xa0minutes"
    assert timesince(T, T + ONE["day"], reversed=True) == "0\xa0minutes"
    assert timesince(T + ONE["day"], T, reversed=True) == "1\xa0day"


def test_depth():
    delta = ONE["year"] + ONE["month"] + ONE["week"] + ONE["day"] + ONE["hour"] + ONE["minute"]
    later = T + delta
    assert timesince(T, later, depth=1) == "1\xa0year"
    assert timesince(T, later) == "1\xa0year, 1\xa0month"
    assert timesince(T, later, depth=6) == (
        "1\xa0year, 1\xa0month, 1\xa0week, 1\xa0day, 1\xa0hour, 1\xa0minute"
    )
    assert timeuntil(later, T, depth=3) == "1\xa0year, 1\xa0month, 1\xa0week"
    with pytest.raises(ValueError, match="depth must be greater than 0."):
        timesince(T, later, depth=0)
    with pytest.raises(ValueError):
        timeuntil(later, T, depth=-1)


def test_dates_are_midnight():
    today = datetime.date(2007, 8, 14)
    assert timesince(today - datetime.timedelta(days=1), today) == "1\xa0day"
    assert timesince(today, datetime.datetime(2007, 8, 14, 18)) == "18\xa0hours"
    assert timeuntil(today + datetime.timedelta(days=2), today) == "2\xa0days"


def test_leap_year():
    start = datetime.date(2016, 12, 25)
    assert timeuntil(start + ONE["week"], start) == "1\xa0week"
    assert timesince(start, start + ONE["week"]) == "1\xa0week"
    assert timesince(datetime.date(2016, 2, 28), datetime.date(2016, 3, 1)) == "2\xa0days"
    assert timesince(datetime.date(2015, 2, 28), datetime.date(2015, 3, 1)) == "1\xa0day"
    assert (
        timesince(datetime.date(2016, 2, 29), datetime.date(2017, 2, 28))
        == "11\xa0months, 4\xa0weeks"
    )
    assert timesince(datetime.date(2016, 2, 29), datetime.date(2017, 3, 1)) == "1\xa0year"


def test_new_years_eve_of_leap_year():
    t = datetime.date(2016, 12, 31)
    now = datetime.datetime(2016, 12, 31, 18, 0, 0)
    assert timesince(t + ONE["day"], now) == "0\xa0minutes"
    assert timeuntil(t - ONE["day"], now) == "0\xa0minutes"


@pytest.mark.parametrize(
    ("now", "text"),
    [
        (datetime.datetime(2022, 1, 31), "4\xa0weeks, 2\xa0days"),
        (datetime.datetime(2022, 2, 1), "1\xa0month"),
        (datetime.datetime(2022, 2, 28), "1\xa0month, 3\xa0weeks"),
        (datetime.datetime(2022, 3, 1), "2\xa0months"),
        (datetime.datetime(2022, 3, 31), "2\xa0months, 4\xa0weeks"),
        (datetime.datetime(2022, 4, 1), "3\xa0months"),
        (datetime.datetime(2022, 4, 30), "3\xa0months, 4\xa0weeks"),
        (datetime.datetime(2022, 5, 1), "4\xa0months"),
        (datetime.datetime(2022, 12, 31), "11\xa0months, 4\xa0weeks"),
        (datetime.datetime(2023, 1, 1), "1\xa0year"),
        (datetime.datetime(2023, 1, 31), "1\xa0year"),  # months are zero: stop
    ],
)
def test_month_edges(now, text):
    assert timesince(datetime.datetime(2022, 1, 1), now) == text


def test_month_end_start_dates():
    # Jan 31 to Feb 28 is not a whole month: four weeks.
    assert timesince(datetime.datetime(2022, 1, 31), datetime.datetime(2022, 2, 28)) == "4\xa0weeks"
    assert (
        timesince(datetime.datetime(2022, 1, 31), datetime.datetime(2022, 3, 31)) == "2\xa0months"
    )


def test_thousand_years():
    t = datetime.datetime(1007, 8, 14, 13, 46, 0)
    assert timesince(t, T) == "1000\xa0years"
    assert timeuntil(T, t) == "1000\xa0years"


def test_aware_datetimes_in_different_zones():
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    start = make_aware(datetime.datetime(2020, 3, 28, 12), paris)
    # Across the spring-forward night: 24 real hours later is 13:00 local.
    assert timesince(start, start + datetime.timedelta(hours=24)) == "1\xa0day"
    other = (start + datetime.timedelta(hours=5)).astimezone(get_fixed_timezone(-600))
    assert timesince(start, other) == "5\xa0hours"
    with pytest.raises(TypeError):
        timesince(start, datetime.datetime(2020, 3, 29))


def test_default_now():
    with override_settings(USE_TZ=True):
        past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=3, seconds=5)
        assert timesince(past) == "3\xa0hours"
    past = datetime.datetime.now() - datetime.timedelta(days=2, minutes=1)
    assert timesince(past) == "2\xa0days"
    assert timeuntil(datetime.datetime.now() + datetime.timedelta(days=2, minutes=1)) == "2\xa0days"


def test_custom_time_strings():
    strings = {
        "year": npgettext_lazy("naturaltime-future", "%(num)d year", "%(num)d years", "num"),
        "month": npgettext_lazy("naturaltime-future", "%(num)d month", "%(num)d months", "num"),
        "week": npgettext_lazy("naturaltime-future", "%(num)d week", "%(num)d weeks", "num"),
        "day": npgettext_lazy("naturaltime-future", "%(num)d day", "%(num)d days", "num"),
        "hour": npgettext_lazy("naturaltime-future", "%(num)d hour", "%(num)d hours", "num"),
        "minute": npgettext_lazy("naturaltime-future", "%(num)d minute", "%(num)d minutes", "num"),
    }
    assert timesince(T, T + ONE["day"], time_strings=strings) == "1\xa0day"


def test_translated(tmp_path):
    catalog = Catalog(locale="fr")
    catalog.add(("%(num)d day", "%(num)d days"), ("%(num)d jour", "%(num)d jours"))
    catalog.add(("%(num)d hour", "%(num)d hours"), ("%(num)d heure", "%(num)d heures"))
    catalog.add(", ", " et ")
    target = tmp_path / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(target / "django.mo", "wb") as fp:
        write_mo(fp, catalog)
    with override_settings(LOCALE_PATHS=[str(tmp_path)]), translation.override("fr"):
        later = T + 2 * ONE["day"] + ONE["hour"]
        assert timesince(T, later) == "2\xa0jours et 1\xa0heure"
