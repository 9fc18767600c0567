import asyncio
import datetime
import threading
import zoneinfo

import pytest

from nuages.test.utils import override_settings
from nuages.utils import timezone

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NY = zoneinfo.ZoneInfo("America/New_York")
EAT = timezone.get_fixed_timezone(180)  # UTC+3
ICT = timezone.get_fixed_timezone(420)  # UTC+7


@pytest.fixture(autouse=True)
def _reset_zone():
    yield
    timezone.deactivate()


def test_fixed_timezone_from_minutes_and_timedelta():
    assert EAT.utcoffset(None) == datetime.timedelta(hours=3)
    assert EAT.tzname(None) == "+0300"
    west = timezone.get_fixed_timezone(-330)
    assert west.tzname(None) == "-0530"
    assert west.utcoffset(None) == datetime.timedelta(minutes=-330)
    delta = timezone.get_fixed_timezone(datetime.timedelta(hours=5, minutes=45))
    assert delta.tzname(None) == "+0545"


def test_default_timezone_follows_setting():
    assert timezone.get_default_timezone_name() == "UTC"
    with override_settings(TIME_ZONE="Europe/Paris"):
        assert timezone.get_default_timezone() == PARIS
        assert timezone.get_default_timezone_name() == "Europe/Paris"
        assert timezone.get_current_timezone_name() == "Europe/Paris"
    assert timezone.get_default_timezone_name() == "UTC"


def test_activate_name_tzinfo_and_invalid():
    timezone.activate("America/New_York")
    assert timezone.get_current_timezone() == NY
    assert timezone.get_current_timezone_name() == "America/New_York"
    timezone.activate(EAT)
    assert timezone.get_current_timezone_name() == "+0300"
    timezone.deactivate()
    assert timezone.get_current_timezone_name() == "UTC"
    with pytest.raises(ValueError, match="Invalid timezone: 42"):
        timezone.activate(42)
    with pytest.raises(zoneinfo.ZoneInfoNotFoundError):
        timezone.activate("Mars/Olympus_Mons")


def test_override_nesting_and_none():
    timezone.activate(ICT)
    with timezone.override(EAT):
        assert timezone.get_current_timezone_name() == "+0300"
        with timezone.override(None):
            assert timezone.get_current_timezone_name() == "UTC"
        assert timezone.get_current_timezone_name() == "+0300"
    assert timezone.get_current_timezone_name() == "+0700"


def test_override_as_decorator_restores_after_exception():
    @timezone.override("Europe/Paris")
    def inner():
        assert timezone.get_current_timezone_name() == "Europe/Paris"
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        inner()
    assert timezone.get_current_timezone_name() == "UTC"


def test_async_tasks_are_isolated():
    seen = {}

    async def worker(name, zone):
        with timezone.override(zone):
            await asyncio.sleep(0.01)
            seen[name] = timezone.get_current_timezone_name()

    async def main():
        await asyncio.gather(worker("a", "Europe/Paris"), worker("b", "America/New_York"))

    asyncio.run(main())
    assert seen == {"a": "Europe/Paris", "b": "America/New_York"}
    assert timezone.get_current_timezone_name() == "UTC"


def test_threads_are_isolated():
    timezone.activate("Europe/Paris")
    seen = []
    thread = threading.Thread(target=lambda: seen.append(timezone.get_current_timezone_name()))
    thread.start()
    thread.join()
    assert seen == ["UTC"]
    assert timezone.get_current_timezone_name() == "Europe/Paris"


def test_now_aware_with_use_tz_and_naive_without():
    assert timezone.is_aware(timezone.now())
    assert timezone.now().utcoffset() == datetime.timedelta(0)
    with override_settings(USE_TZ=False):
        assert timezone.is_naive(timezone.now())


def test_is_aware_and_is_naive():
    aware = datetime.datetime(2011, 9, 1, 13, 20, 30, tzinfo=EAT)
    naive = datetime.datetime(2011, 9, 1, 13, 20, 30)
    assert timezone.is_aware(aware) and not timezone.is_naive(aware)
    assert timezone.is_naive(naive) and not timezone.is_aware(naive)
    with pytest.raises(AttributeError):
        timezone.is_aware(datetime.date(2011, 9, 1))


def test_make_aware_and_naive_roundtrip():
    naive = datetime.datetime(2011, 9, 1, 13, 20, 30)
    aware = timezone.make_aware(naive, EAT)
    assert aware == datetime.datetime(2011, 9, 1, 13, 20, 30, tzinfo=EAT)
    assert timezone.make_naive(aware, EAT) == naive
    assert timezone.make_naive(aware, ICT) == datetime.datetime(2011, 9, 1, 17, 20, 30)
    with pytest.raises(ValueError, match="make_aware expects a naive datetime, got 2011-09-01"):
        timezone.make_aware(aware, EAT)
    with pytest.raises(ValueError, match=r"make_naive\(\) cannot be applied to a naive datetime"):
        timezone.make_naive(naive, EAT)


def test_make_aware_defaults_to_current_zone():
    with timezone.override(PARIS):
        aware = timezone.make_aware(datetime.datetime(2011, 9, 1, 12))
        assert aware.utcoffset() == datetime.timedelta(hours=2)
        assert timezone.make_naive(aware) == datetime.datetime(2011, 9, 1, 12)


def test_make_aware_dst_gap_and_fold():
    # 2:30 did not exist in Paris on 2015-03-29 and happened twice on 2015-10-25.
    gap = timezone.make_aware(datetime.datetime(2015, 3, 29, 2, 30), PARIS)
    assert gap.utcoffset() == datetime.timedelta(hours=1)
    assert timezone._datetime_ambiguous_or_imaginary(gap, PARIS)
    first = timezone.make_aware(datetime.datetime(2015, 10, 25, 2, 30), PARIS)
    second = timezone.make_aware(datetime.datetime(2015, 10, 25, 2, 30, fold=1), PARIS)
    assert first.utcoffset() == datetime.timedelta(hours=2)
    assert second.utcoffset() == datetime.timedelta(hours=1)
    assert timezone._datetime_ambiguous_or_imaginary(first, PARIS)
    assert not timezone._datetime_ambiguous_or_imaginary(
        datetime.datetime(2015, 10, 25, 4, 30, tzinfo=PARIS), PARIS
    )


def test_localtime_and_localdate():
    aware = datetime.datetime(2015, 1, 1, 0, 0, 1, tzinfo=ICT)
    assert timezone.localtime(aware, EAT) == aware
    assert timezone.localtime(aware, EAT).utcoffset() == datetime.timedelta(hours=3)
    assert timezone.localdate(aware, EAT) == datetime.date(2014, 12, 31)
    with timezone.override(EAT):
        assert timezone.localdate(aware) == datetime.date(2014, 12, 31)
        assert timezone.localtime(aware).hour == 20
    assert timezone.localtime().tzinfo == timezone.get_current_timezone()
    with pytest.raises(ValueError, match="localtime\\(\\) cannot be applied to a naive datetime"):
        timezone.localtime(datetime.datetime(2015, 1, 1))
    with pytest.raises(ValueError):
        timezone.localdate(datetime.datetime(2015, 1, 1))


def test_localtime_across_dst_boundary():
    before = datetime.datetime(2015, 3, 29, 0, 59, tzinfo=datetime.UTC)
    after = before + datetime.timedelta(minutes=2)
    assert timezone.localtime(before, PARIS).strftime("%H:%M %Z") == "01:59 CET"
    assert timezone.localtime(after, PARIS).strftime("%H:%M %Z") == "03:01 CEST"


def test_template_localtime():
    aware = datetime.datetime(2015, 1, 1, 12, tzinfo=datetime.UTC)
    with timezone.override(EAT):
        assert timezone.template_localtime(aware).hour == 15
        assert timezone.template_localtime(aware, use_tz=False) is aware
        naive = datetime.datetime(2015, 1, 1, 12)
        assert timezone.template_localtime(naive) is naive
        assert timezone.template_localtime("text") == "text"
        with override_settings(USE_TZ=False):
            assert timezone.template_localtime(aware) is aware
