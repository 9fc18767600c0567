import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import pytest

from nuages.test.utils import override_settings
from nuages.utils import dateformat, translation
from nuages.utils.dateformat import format, time_format
from nuages.utils.timezone import get_fixed_timezone, make_aware


@pytest.fixture(autouse=True)
def copenhagen():
    with override_settings(TIME_ZONE="Europe/Copenhagen"):
        yield


MY_BIRTHDAY = datetime(1979, 7, 8, 22, 0)
TIMESTAMP = datetime(2008, 5, 19, 11, 45, 23, 123456)


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("a", "p.m."),
        ("A", "PM"),
        ("b", "jul"),
        ("d", "08"),
        ("D", "Sun"),
        ("E", "July"),
        ("f", "10"),
        ("F", "July"),
        ("g", "10"),
        ("G", "22"),
        ("h", "10"),
        ("H", "22"),
        ("i", "00"),
        ("j", "8"),
        ("l", "Sunday"),
        ("L", "False"),
        ("m", "07"),
        ("M", "Jul"),
        ("n", "7"),
        ("N", "July"),
        ("o", "1979"),
        ("P", "10 p.m."),
        ("s", "00"),
        ("S", "th"),
        ("t", "31"),
        ("u", "000000"),
        ("w", "0"),
        ("W", "27"),
        ("y", "79"),
        ("Y", "1979"),
        ("z", "189"),
    ],
)
def test_date_formats_on_naive_datetime(fmt, expected):
    assert format(MY_BIRTHDAY, fmt) == expected


def test_timezone_characters_of_naive_datetime_use_default_zone():
    # Denmark had no summer time in 1979: CET, UTC+1. It did by 1990.
    assert format(MY_BIRTHDAY, "O") == "+0100"
    assert format(MY_BIRTHDAY, "T") == "CET"
    assert format(MY_BIRTHDAY, "Z") == "3600"
    assert format(MY_BIRTHDAY, "I") == "0"
    assert format(MY_BIRTHDAY, "e") == ""  # no tzinfo of its own
    assert format(MY_BIRTHDAY, "r") == "Sun, 08 Jul 1979 22:00:00 +0100"
    summer = datetime(1990, 7, 8, 22)
    assert format(summer, "O T Z I") == "+0200 CEST 7200 1"


def test_c_iso_format():
    assert format(TIMESTAMP, "c") == "2008-05-19T11:45:23.123456"
    assert format(date(2008, 5, 19), "c") == "2008-05-19"
    aware = datetime(2008, 5, 19, 11, 45, tzinfo=get_fixed_timezone(-330))
    assert format(aware, "c") == "2008-05-19T11:45:00-05:30"


def test_u_microseconds():
    assert format(TIMESTAMP, "u") == "123456"


def test_aware_datetime_zone_characters():
    aware = datetime(2009, 5, 16, 5, 30, 30, tzinfo=get_fixed_timezone(-330))
    assert format(aware, "O") == "-0530"
    assert format(aware, "Z") == "-19800"
    assert format(aware, "e") == "-0530"
    assert format(aware, "T") == "-0530"
    assert format(aware, "I") == "0"
    assert format(aware, "r") == "Sat, 16 May 2009 05:30:30 -0530"
    assert format(aware, "U") == "1242471630"  # 11:00:30 UTC
    utc = datetime(2009, 5, 16, 5, 30, tzinfo=UTC)
    assert format(utc, "e") == "UTC"
    assert format(utc, "O") == "+0000"
    ny = datetime(2009, 5, 16, 5, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    assert format(ny, "e") == "EDT"
    assert format(ny, "T") == "EDT"
    assert format(ny, "O") == "-0400"
    assert format(ny, "Z") == "-14400"
    assert format(ny, "I") == "1"


def test_ambiguous_and_imaginary_datetimes_have_no_zone_output():
    # 2:30 happened twice in Copenhagen on 2015-10-25 and never on 2015-03-29.
    for naive in (datetime(2015, 10, 25, 2, 30), datetime(2015, 3, 29, 2, 30)):
        for char in "OTZI":
            assert format(naive, char) == "", (naive, char)
    assert format(datetime(2015, 10, 25, 4, 30), "O") == "+0100"


def test_epoch_u():
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    assert format(epoch, "U") == "0"
    assert (
        format(make_aware(datetime(1970, 1, 1, 1), zoneinfo.ZoneInfo("Europe/Copenhagen")), "U")
        == "0"
    )
    assert format(date(1970, 1, 2), "U") == str(int(datetime(1970, 1, 2).timestamp()))


def test_date_objects():
    d = date(2009, 5, 16)
    assert format(d, "b D d E F j l L m M n N o S t w W y Y z") == (
        "may Sat 16 May May 16 Saturday False 05 May 5 May 2009 th 31 6 20 09 2009 136"
    )
    # A date is midnight in the default zone (summer time in May 2009).
    assert format(d, "r") == "Sat, 16 May 2009 00:00:00 +0200"


def test_date_zone_characters_are_empty():
    assert format(date(2009, 5, 16), "I") == ""


@pytest.mark.parametrize("char", list("aAefgGhHiOPsTuZ"))
def test_time_characters_refused_for_dates(char):
    with pytest.raises(TypeError) as excinfo:
        format(date(2009, 5, 16), char)
    assert str(excinfo.value) == (
        "The format for date objects may not contain time-related format specifiers "
        f"(found '{char}')."
    )


def test_time_characters_allowed_for_datetime_subclass_of_date():
    assert format(datetime(2009, 5, 16, 14), "H") == "14"


@pytest.mark.parametrize(
    ("t", "fmt", "expected"),
    [
        (time(0, 0), "P", "midnight"),
        (time(12, 0), "P", "noon"),
        (time(0, 30), "P", "12:30 a.m."),
        (time(12, 30), "P", "12:30 p.m."),
        (time(13, 0), "P", "1 p.m."),
        (time(23, 59), "P", "11:59 p.m."),
        (time(11, 5), "f", "11:05"),
        (time(0, 0), "f", "12"),
        (time(0, 0), "g", "12"),
        (time(0, 0), "h", "12"),
        (time(0, 0), "G", "0"),
        (time(0, 0), "H", "00"),
        (time(11, 59), "a", "a.m."),
        (time(12, 0), "a", "p.m."),
        (time(11, 59), "A", "AM"),
        (time(12, 0), "A", "PM"),
        (time(9, 8, 7, 6), "h:i:s.u", "09:08:07.000006"),
    ],
)
def test_time_format_characters(t, fmt, expected):
    assert time_format(t, fmt) == expected


def test_time_objects_have_no_zone_output():
    t = time(10, 0, tzinfo=get_fixed_timezone(60))
    assert time_format(t, "e O T Z") == "   "


def test_time_format_refuses_date_characters():
    with pytest.raises(AttributeError):
        time_format(time(10, 0), "d")
    with pytest.raises(AttributeError):
        time_format(datetime(2000, 1, 1, 10), "Y")


def test_escapes_and_literals():
    assert format(MY_BIRTHDAY, r"jS \o\f F") == "8th of July"
    assert format(MY_BIRTHDAY, r"\Y\e\a\r: Y") == "Year: 1979"
    assert format(MY_BIRTHDAY, "Y-m-d H:i") == "1979-07-08 22:00"
    # A backslash before a format character keeps it literal and is dropped.
    assert format(MY_BIRTHDAY, "\\\\d") == "\\d"
    assert format(MY_BIRTHDAY, "") == ""
    assert format(MY_BIRTHDAY, "日 j") == "日 8"


@pytest.mark.parametrize(
    ("day", "suffix"),
    [
        (1, "st"),
        (2, "nd"),
        (3, "rd"),
        (4, "th"),
        (11, "th"),
        (12, "th"),
        (13, "th"),
        (21, "st"),
        (22, "nd"),
        (23, "rd"),
        (31, "st"),
    ],
)
def test_S_ordinal_suffix(day, suffix):
    assert format(date(2020, 1, day), "S") == suffix


@pytest.mark.parametrize(
    ("month", "ap"),
    [
        (1, "Jan."),
        (2, "Feb."),
        (3, "March"),
        (4, "April"),
        (5, "May"),
        (6, "June"),
        (7, "July"),
        (8, "Aug."),
        (9, "Sept."),
        (10, "Oct."),
        (11, "Nov."),
        (12, "Dec."),
    ],
)
def test_N_associated_press_months(month, ap):
    assert format(date(2020, month, 1), "N") == ap


def test_small_years_are_zero_padded():
    assert format(date(1, 1, 1), "Y y") == "0001 01"
    assert format(date(999, 1, 1), "Y y") == "0999 99"
    assert format(date(2000, 1, 1), "y") == "00"


def test_leap_year_and_days_in_month():
    assert format(date(2000, 2, 1), "L t") == "True 29"
    assert format(date(1900, 2, 1), "L t") == "False 28"
    assert format(date(2024, 12, 31), "z") == "366"


def test_iso_week_and_year_at_year_boundaries():
    assert format(date(2008, 12, 29), "o W") == "2009 1"
    assert format(date(2010, 1, 3), "o W") == "2009 53"
    assert format(date(2021, 1, 1), "o-W") == "2020-53"


def test_w_weekday_number():
    assert [format(date(2024, 9, d), "w") for d in range(1, 8)] == list("0123456")


def test_lazy_format_string():
    assert format(MY_BIRTHDAY, translation.gettext_lazy("Y")) == "1979"


def test_names_are_translated(tmp_path):
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale="fr")
    for msgid, msgstr in {
        "July": "juillet",
        "Sunday": "dimanche",
        "p.m.": "après-midi",
        "midnight": "minuit",
    }.items():
        catalog.add(msgid, msgstr)
    catalog.add("July", "juillet (alt)", context="alt. month")
    catalog.add("July", "juil.", context="abbrev. month")
    target = tmp_path / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(target / "django.mo", "wb") as fp:
        write_mo(fp, catalog)
    with override_settings(LOCALE_PATHS=[str(tmp_path)]), translation.override("fr"):
        assert format(MY_BIRTHDAY, "l j F, E, N, a") == (
            "dimanche 8 juillet, juillet (alt), juil., après-midi"
        )
        assert time_format(time(0, 0), "P") == "minuit"
        # RFC 5322 names stay English whatever the language.
        assert format(MY_BIRTHDAY, "r").startswith("Sun, 08 Jul 1979")


def test_formatter_classes_are_public():
    df = dateformat.DateFormat(MY_BIRTHDAY)
    assert df.format("Y") == "1979"
    assert dateformat.TimeFormat(time(3, 4)).format("H:i") == "03:04"
    assert format(MY_BIRTHDAY + timedelta(minutes=30), "P") == "10:30 p.m."
