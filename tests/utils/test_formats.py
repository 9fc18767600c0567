import datetime
import sys
from decimal import Decimal

import pytest

from nuages.test.utils import override_settings
from nuages.utils import formats, translation
from nuages.utils.formats import (
    date_format,
    get_format,
    get_format_modules,
    iter_format_modules,
    localize,
    localize_input,
    number_format,
    sanitize_separators,
    sanitize_strftime_format,
    time_format,
)

D = datetime.date(2009, 12, 31)
T = datetime.time(10, 15, 48)
DT = datetime.datetime(2009, 12, 31, 20, 50)


@pytest.fixture(autouse=True)
def _clean():
    formats.reset_format_cache()
    yield
    translation.deactivate()
    formats.reset_format_cache()


def test_get_format_english_defaults():
    assert get_format("DATE_FORMAT") == "N j, Y"
    assert get_format("SHORT_DATE_FORMAT") == "m/d/Y"
    assert get_format("DECIMAL_SEPARATOR") == "."
    assert get_format("FIRST_DAY_OF_WEEK") == 0
    assert get_format("NUMBER_GROUPING") == 3


def test_get_format_per_language():
    with translation.override("de"):
        assert get_format("DATE_FORMAT") == "j. F Y"
        assert get_format("DECIMAL_SEPARATOR") == ","
        assert get_format("THOUSAND_SEPARATOR") == "."
        assert get_format("FIRST_DAY_OF_WEEK") == 1
    assert get_format("DATE_FORMAT", lang="fr") == "j F Y"
    assert get_format("DATE_FORMAT", lang="en-gb") == "j M Y"
    assert get_format("SHORT_DATE_FORMAT", lang="pt-br") == "d/m/Y"
    assert get_format("DATE_FORMAT", lang="ja") == "Y年n月j日"


def test_regional_language_falls_back_to_generic_module():
    # de-at has no module of its own: German's apply.
    assert get_format("DATE_FORMAT", lang="de-at") == "j. F Y"
    # en-au has none either: the English module.
    assert get_format("SHORT_DATE_FORMAT", lang="en-au") == "m/d/Y"


def test_unknown_language_and_setting_fallback():
    assert get_format("DATE_FORMAT", lang="xx") == "N j, Y"
    with override_settings(DATE_FORMAT="d.m.Y"):
        assert get_format("DATE_FORMAT", lang="xx") == "d.m.Y"
        assert get_format("DATE_FORMAT", use_l10n=False) == "d.m.Y"
        with translation.override("de"):
            assert get_format("DATE_FORMAT") == "j. F Y"  # the locale wins when localizing


def test_literal_format_strings_pass_through():
    assert get_format("Y-m-d") == "Y-m-d"
    assert get_format(translation.gettext_lazy("DATE_FORMAT")) == "N j, Y"
    assert str(formats.get_format_lazy("DATE_FORMAT")) == "N j, Y"


def test_input_formats_always_include_iso():
    de = get_format("DATE_INPUT_FORMATS", lang="de")
    assert de[:2] == ["%d.%m.%Y", "%d.%m.%y"]
    assert "%Y-%m-%d" in de
    dt = get_format("DATETIME_INPUT_FORMATS", lang="de")
    assert dt[-1] == "%Y-%m-%d"
    assert get_format("TIME_INPUT_FORMATS", lang="de") == ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]


def test_format_module_path(tmp_path, monkeypatch):
    package = tmp_path / "myformats"
    (package / "de").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "de" / "__init__.py").write_text("")
    (package / "de" / "formats.py").write_text('DATE_FORMAT = "custom j"\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with override_settings(FORMAT_MODULE_PATH="myformats"):
            assert get_format("DATE_FORMAT", lang="de") == "custom j"
            assert get_format("SHORT_DATE_FORMAT", lang="de") == "d.m.Y"
            modules = get_format_modules("de")
            assert [m.__name__ for m in modules] == [
                "myformats.de.formats",
                "nuages.conf.locale.de.formats",
            ]
        with override_settings(FORMAT_MODULE_PATH=["nope", "myformats"]):
            names = [m.__name__ for m in iter_format_modules("de")]
            assert names == ["myformats.de.formats", "nuages.conf.locale.de.formats"]
    finally:
        for name in [n for n in sys.modules if n.startswith("myformats")]:
            del sys.modules[name]
    assert get_format("DATE_FORMAT", lang="de") == "j. F Y"


def test_iter_format_modules_regional_first():
    names = [m.__name__ for m in iter_format_modules("pt-br")]
    assert names == ["nuages.conf.locale.pt_BR.formats", "nuages.conf.locale.pt.formats"]
    assert list(iter_format_modules("xx")) == []


def test_date_and_time_format():
    assert date_format(D) == "Dec. 31, 2009"
    assert date_format(DT, "DATETIME_FORMAT") == "Dec. 31, 2009, 8:50 p.m."
    assert date_format(D, "SHORT_DATE_FORMAT") == "12/31/2009"
    assert date_format(D, "Y") == "2009"
    assert time_format(T) == "10:15 a.m."
    assert time_format(T, "H:i") == "10:15"
    with translation.override("de"):
        assert date_format(D, "SHORT_DATE_FORMAT") == "31.12.2009"
        assert time_format(T) == "10:15"
        assert date_format(D, use_l10n=False) == "Dec. 31, 2009"


def test_number_format():
    assert number_format(1234.5) == "1234.5"
    assert number_format(1234.5, 2) == "1234.50"
    assert number_format(1234567, force_grouping=True) == "1,234,567"
    with translation.override("de"):
        assert number_format(1234.5, 2) == "1234,50"
        assert number_format(1234567.25, 2, force_grouping=True) == "1.234.567,25"
        assert number_format(1234.5, 2, use_l10n=False) == "1234.50"
        with override_settings(USE_THOUSAND_SEPARATOR=True):
            assert number_format(Decimal("-1234.5")) == "-1.234,5"
    with translation.override("fr"), override_settings(USE_THOUSAND_SEPARATOR=True):
        assert number_format(1234567) == "1\u202f234\u202f567"


def test_localize():
    assert localize("text") == "text"
    assert localize(True) == "True"
    assert localize(None) is None
    assert localize(1234) == "1234"
    assert localize(D) == "Dec. 31, 2009"
    assert localize(DT) == "Dec. 31, 2009, 8:50 p.m."
    assert localize(T) == "10:15 a.m."
    with translation.override("de"):
        assert localize(Decimal("1.5")) == "1,5"
        assert localize(1.5, use_l10n=False) == "1.5"
        assert localize(D) == "31. December 2009"


def test_localize_input():
    assert localize_input("x") == "x"
    assert localize_input(False) == "False"
    assert localize_input(D) == "2009-12-31"
    assert localize_input(DT) == "2009-12-31 20:50:00"
    assert localize_input(T) == "10:15:48"
    assert localize_input(D, "%d/%m/%Y") == "31/12/2009"
    assert localize_input(datetime.date(5, 1, 1)) == "0005-01-01"
    assert localize_input([1]) == [1]
    with translation.override("de"):
        assert localize_input(D) == "31.12.2009"
        assert localize_input(Decimal("1.5")) == "1,5"


def test_sanitize_strftime_format():
    if datetime.date(1, 1, 1).strftime("%Y") == "0001":
        pytest.skip("this C library pads years itself")
    assert sanitize_strftime_format("%Y-%m-%d") == "%04Y-%m-%d"
    assert sanitize_strftime_format("%%Y %C %G %F") == "%%Y %02C %04G %010F"
    assert datetime.date(1, 1, 1).strftime(sanitize_strftime_format("%Y")) == "0001"


def test_sanitize_separators():
    assert sanitize_separators(1234) == 1234
    assert sanitize_separators("1234.5") == "1234.5"
    with translation.override("de"):
        assert sanitize_separators("1234,5") == "1234.5"
        assert sanitize_separators("1.234,5") == "1.234.5"  # no thousand separator in use
        with override_settings(USE_THOUSAND_SEPARATOR=True):
            assert sanitize_separators("1.234,5") == "1234.5"
            assert sanitize_separators("10.234") == "10234"
            # A lone dot not followed by three digits was a decimal point.
            assert sanitize_separators("1.2") == "1.2"
    with translation.override("fr"), override_settings(USE_THOUSAND_SEPARATOR=True):
        assert sanitize_separators("1\u202f234,5") == "1234.5"
        assert sanitize_separators("1 234,5") == "1234.5"  # typed with a plain space


def test_cache_reset_on_setting_change():
    assert get_format("DATE_FORMAT", use_l10n=False) == "N j, Y"
    with override_settings(DATE_FORMAT="Y"):
        assert get_format("DATE_FORMAT", use_l10n=False) == "Y"
    assert get_format("DATE_FORMAT", use_l10n=False) == "N j, Y"
