from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from nuages.test.utils import override_settings
from nuages.utils import dates, translation
from nuages.utils.functional import Promise


def test_english_names():
    assert [str(dates.WEEKDAYS[i]) for i in range(7)] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert [str(dates.WEEKDAYS_ABBR[i]) for i in range(7)] == [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]
    assert str(dates.MONTHS[9]) == "September"
    assert [str(dates.MONTHS_3[m]) for m in (1, 5, 9, 12)] == ["jan", "may", "sep", "dec"]
    assert [str(dates.MONTHS_AP[m]) for m in range(1, 13)] == [
        "Jan.",
        "Feb.",
        "March",
        "April",
        "May",
        "June",
        "July",
        "Aug.",
        "Sept.",
        "Oct.",
        "Nov.",
        "Dec.",
    ]
    assert str(dates.MONTHS_ALT[1]) == "January"
    assert dates.WEEKDAYS_REV["sunday"] == 6
    assert dates.MONTHS_3_REV["sep"] == 9
    assert set(dates.MONTHS) == set(range(1, 13)) == set(dates.MONTHS_ALT)


def test_names_are_lazy_and_translated(tmp_path):
    assert isinstance(dates.MONTHS[5], Promise)
    catalog = Catalog(locale="pl")
    catalog.add("May", "Maj")
    catalog.add("May", "maja", context="alt. month")
    catalog.add("May", "maj", context="abbrev. month")
    target = tmp_path / "pl" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(target / "django.mo", "wb") as fp:
        write_mo(fp, catalog)
    with override_settings(LOCALE_PATHS=[str(tmp_path)]), translation.override("pl"):
        assert (str(dates.MONTHS[5]), str(dates.MONTHS_ALT[5]), str(dates.MONTHS_AP[5])) == (
            "Maj",
            "maja",
            "maj",
        )
    assert str(dates.MONTHS[5]) == "May"
