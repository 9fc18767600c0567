"""{% load tz %} and time-zone-aware rendering; {% load l10n %}."""

import zoneinfo
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from nuages.template import Context, Engine, TemplateSyntaxError
from nuages.test import override_settings
from nuages.utils import timezone

NOON_UTC = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
NAIVE = datetime(2024, 1, 1, 12, 0)
LIBS = {"tz": "nuages.templatetags.tz", "l10n": "nuages.templatetags.l10n"}


def render(source, context=None, use_tz=None, **options):
    options.setdefault("libraries", LIBS)
    engine = Engine(**options)
    template = engine.from_string("{% load tz l10n %}" + source)
    return template.render(Context(context or {}, use_tz=use_tz))


def fmt(source, value, **kwargs):
    return render(source, {"d": value}, **kwargs)


# -- rendering honours USE_TZ and the current zone -------------------------------------------
def test_aware_datetime_rendered_in_current_zone():
    assert fmt("{{ d|date:'H:i e' }}", NOON_UTC) == "12:00 UTC"
    with timezone.override("Asia/Tokyo"):
        assert fmt("{{ d|date:'H:i' }}|{{ d|time:'H:i' }}", NOON_UTC) == "21:00|21:00"
        assert fmt("{{ d }}", NOON_UTC) == "Jan. 1, 2024, 9 p.m."


def test_naive_datetime_is_not_converted():
    with timezone.override("Asia/Tokyo"):
        assert fmt("{{ d|date:'H:i' }}", NAIVE) == "12:00"


def test_use_tz_false_does_not_convert():
    with override_settings(USE_TZ=False), timezone.override("Asia/Tokyo"):
        assert fmt("{{ d|date:'H:i' }}", NOON_UTC) == "12:00"
    with timezone.override("Asia/Tokyo"):
        assert fmt("{{ d|date:'H:i' }}", NOON_UTC, use_tz=False) == "12:00"


# -- filters ---------------------------------------------------------------------------------
def test_localtime_filter():
    with timezone.override("Europe/Paris"):
        assert fmt("{{ d|localtime|date:'H:i' }}", NOON_UTC) == "13:00"


def test_utc_filter_keeps_utc_when_rendered():
    d = datetime(2024, 1, 1, 13, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    with timezone.override("Asia/Tokyo"):
        assert fmt("{{ d|utc|date:'H:i e' }}", d) == "12:00 UTC"


def test_timezone_filter_with_name_and_tzinfo():
    with timezone.override("Asia/Tokyo"):
        assert fmt("{{ d|timezone:'America/New_York'|date:'H:i' }}", NOON_UTC) == "07:00"
    out = render(
        "{{ d|timezone:tz|date:'H:i' }}", {"d": NOON_UTC, "tz": zoneinfo.ZoneInfo("Asia/Kolkata")}
    )
    assert out == "17:30"


def test_timezone_filter_naive_value_is_taken_in_default_zone():
    with override_settings(TIME_ZONE="Europe/Paris"):
        assert fmt("{{ d|utc|date:'H:i' }}", NAIVE) == "11:00"


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("[{{ d|timezone:'No/Such_Zone' }}]", NOON_UTC),
        ("[{{ d|timezone:'../etc' }}]", NOON_UTC),
        ("[{{ d|timezone:5 }}]", NOON_UTC),
        ("[{{ d|utc }}]", "not a date"),
        ("[{{ d|localtime }}]", None),
    ],
)
def test_filters_return_empty_for_invalid_input(source, value):
    assert fmt(source, value) == "[]"


# -- tags ------------------------------------------------------------------------------------
def test_localtime_off_and_on():
    with timezone.override("Asia/Tokyo"):
        source = (
            "{% localtime off %}{{ d|date:'H' }}"
            "{% localtime on %}{{ d|date:'H' }}{% endlocaltime %}{% endlocaltime %}"
            "{% localtime %}{{ d|date:'H' }}{% endlocaltime %}"
        )
        assert fmt(source, NOON_UTC) == "122121"


def test_localtime_on_converts_even_with_use_tz_off():
    with override_settings(USE_TZ=False), timezone.override("Asia/Tokyo"):
        assert fmt("{% localtime on %}{{ d|date:'H' }}{% endlocaltime %}", NOON_UTC) == "21"


def test_timezone_tag():
    source = (
        "{% timezone 'Europe/Paris' %}{{ d|date:'H' }}"
        "{% timezone zone %}{{ d|date:'H' }}{% endtimezone %}{{ d|date:'H' }}{% endtimezone %}"
        "{{ d|date:'H' }}"
    )
    assert render(source, {"d": NOON_UTC, "zone": zoneinfo.ZoneInfo("Asia/Tokyo")}) == "13211312"


def test_timezone_none_means_default_zone():
    with override_settings(TIME_ZONE="Europe/Paris"), timezone.override("Asia/Tokyo"):
        assert fmt("{% timezone None %}{{ d|date:'H' }}{% endtimezone %}", NOON_UTC) == "13"


def test_timezone_tag_unknown_zone_raises():
    with pytest.raises(zoneinfo.ZoneInfoNotFoundError):
        render("{% timezone 'No/Such_Zone' %}x{% endtimezone %}")


def test_get_current_timezone():
    source = "{% get_current_timezone as tz %}{{ tz }}|{% timezone 'Asia/Tokyo' %}{% get_current_timezone as tz %}{{ tz }}{% endtimezone %}"
    assert render(source) == "UTC|Asia/Tokyo"


@pytest.mark.parametrize(
    ("source", "match"),
    [
        ("{% localtime maybe %}{% endlocaltime %}", "'localtime' argument should be 'on' or 'off'"),
        (
            "{% localtime on off %}{% endlocaltime %}",
            "'localtime' argument should be 'on' or 'off'",
        ),
        ("{% localtime %}", "Unclosed tag on line 1: 'localtime'"),
        ("{% timezone %}{% endtimezone %}", r"'timezone' takes one argument \(timezone\)"),
        ("{% get_current_timezone %}", "'get_current_timezone' requires 'as variable'"),
        ("{% get_current_timezone to x %}", "'get_current_timezone' requires 'as variable'"),
    ],
)
def test_syntax_errors(source, match):
    with pytest.raises(TemplateSyntaxError, match=match):
        render(source)


# -- l10n ------------------------------------------------------------------------------------
@override_settings(USE_THOUSAND_SEPARATOR=True, LANGUAGE_CODE="en-us", USE_I18N=True)
def test_localize_and_unlocalize():
    ctx = {"n": 1234567, "x": Decimal("1234.5")}
    assert (
        render("{{ n }}|{{ n|unlocalize }}|{{ n|localize }}", ctx) == "1,234,567|1234567|1,234,567"
    )
    assert (
        render(
            "{% localize off %}{{ n }}{% endlocalize %}|{% localize %}{{ x }}{% endlocalize %}", ctx
        )
        == "1234567|1,234.5"
    )


def test_localize_syntax_error():
    with pytest.raises(TemplateSyntaxError, match="'localize' argument should be 'on' or 'off'"):
        render("{% localize maybe %}{% endlocalize %}")
