"""Every form field: clean() of good and bad values, Django's messages, widget attributes."""

import datetime
import uuid
from decimal import Decimal

import pytest

from nuages import forms
from nuages.core.exceptions import ValidationError
from nuages.core.files.uploadedfile import SimpleUploadedFile
from nuages.test import SimpleTestCase


def errors(field, value):
    with pytest.raises(ValidationError) as cm:
        field.clean(value)
    return cm.value.messages


class TestFields(SimpleTestCase):
    def test_charfield(self):
        self.assertFieldOutput(
            forms.CharField,
            {"hello": "hello", "  pad  ": "pad", 12: "12"},
            {"abcdef": ["Ensure this value has at most 5 characters (it has 6)."]},
            field_kwargs={"max_length": 5},
        )
        f = forms.CharField(min_length=3, max_length=10)
        assert f.widget.attrs == {"maxlength": "10", "minlength": "3"}
        assert errors(f, "ab") == ["Ensure this value has at least 3 characters (it has 2)."]
        assert errors(f, "a\x00bcd") == ["Null characters are not allowed."]
        assert forms.CharField(strip=False).clean("  x ") == "  x "
        assert forms.CharField(required=False, empty_value=None).clean("") is None
        assert forms.CharField(max_length=5, widget=forms.HiddenInput).widget.attrs == {}

    def test_integerfield(self):
        self.assertFieldOutput(
            forms.IntegerField,
            {"1": 1, 2: 2, " 3 ": 3, "4.0": 4, "-5": -5},
            {
                "a": ["Enter a whole number."],
                "1.5": ["Enter a whole number."],
                "9" * 5000: ["Enter a whole number."],
                "[1]": ["Enter a whole number."],
            },
            empty_value=None,
        )
        f = forms.IntegerField(min_value=1, max_value=10, step_size=3)
        assert f.widget.attrs == {"min": 1, "max": 10, "step": 3}
        assert errors(f, "0") == [
            "Ensure this value is greater than or equal to 1.",
            "Ensure this value is a multiple of step size 3, starting from 1, e.g. 1, 4, 7, and so on.",
        ]
        assert errors(f, "13") == ["Ensure this value is less than or equal to 10."]
        assert f.clean("7") == 7
        self.assertHTMLEqual(
            f.widget.render("n", 3),
            '<input type="number" name="n" value="3" min="1" max="10" step="3">',
        )
        assert isinstance(forms.IntegerField(localize=True).widget, forms.TextInput)

    def test_floatfield(self):
        f = forms.FloatField()
        assert f.clean("1.5") == 1.5
        for bad in ("x", "inf", "nan", "1e400"):
            assert errors(f, bad) == ["Enter a number."]
        assert f.widget.attrs == {"step": "any"}
        assert forms.FloatField(required=False).clean("") is None

    def test_decimalfield(self):
        f = forms.DecimalField(max_digits=5, decimal_places=2)
        assert f.clean("123.45") == Decimal("123.45")
        assert errors(f, "x") == ["Enter a number."]
        assert errors(f, "NaN") == ["Enter a number."]
        assert errors(f, "Infinity") == ["Enter a number."]
        assert errors(f, "1.234") == ["Ensure that there are no more than 2 decimal places."]
        assert errors(f, "123456") == ["Ensure that there are no more than 5 digits in total."]
        assert errors(f, "1234.5") == [
            "Ensure that there are no more than 3 digits before the decimal point."
        ]
        assert f.widget.attrs == {"step": "0.01"}
        assert forms.DecimalField().widget.attrs == {"step": "any"}
        g = forms.DecimalField(step_size=Decimal("0.5"), min_value=0)
        assert str(g.widget.attrs["step"]) == "0.5"
        assert errors(g, "0.3") == [
            "Ensure this value is a multiple of step size 0.5, starting from 0, e.g. 0, 0.5, 1.0, and so on."
        ]

    def test_booleanfield(self):
        f = forms.BooleanField()
        assert f.clean(True) is True
        assert f.clean("on") is True
        for bad in ("", None, False, "false", "0", "False"):
            assert errors(f, bad) == ["This field is required."]
        g = forms.BooleanField(required=False)
        assert g.clean("false") is False
        assert g.has_changed(False, "on")
        assert not g.has_changed(True, "true")

    def test_nullbooleanfield(self):
        f = forms.NullBooleanField()
        assert [f.clean(v) for v in ("true", "1", True, "false", "0", "", None, "x")] == [
            True,
            True,
            True,
            False,
            False,
            None,
            None,
            None,
        ]

    def test_date_time_fields(self):
        d = forms.DateField()
        assert d.clean("2006-10-25") == datetime.date(2006, 10, 25)
        assert d.clean("10/25/2006") == datetime.date(2006, 10, 25)
        assert d.clean(datetime.datetime(2006, 10, 25, 14, 30)) == datetime.date(2006, 10, 25)
        for bad in ("2006-13-01", "hello", 12345, ["2006-10-25"]):
            assert errors(d, bad) == ["Enter a valid date."]
        assert forms.DateField(input_formats=["%d.%m.%Y"]).clean("25.10.2006") == datetime.date(
            2006, 10, 25
        )
        t = forms.TimeField()
        assert t.clean("14:30") == datetime.time(14, 30)
        assert t.clean("14:30:59.5") == datetime.time(14, 30, 59, 500000)
        assert errors(t, "25:00") == ["Enter a valid time."]

    def test_datetimefield(self):
        f = forms.DateTimeField()
        value = f.clean("2006-10-25 14:30:59")
        assert value == datetime.datetime(2006, 10, 25, 14, 30, 59, tzinfo=datetime.UTC)
        assert f.clean("2006-10-25T14:30:59+02:00").utcoffset() == datetime.timedelta(hours=2)
        assert f.clean("2006-10-25").hour == 0
        assert errors(f, "2006-10-25 25:00") == ["Enter a valid date/time."]
        assert errors(f, "hello") == ["Enter a valid date/time."]

    def test_durationfield(self):
        f = forms.DurationField()
        assert f.clean("1 02:03:04") == datetime.timedelta(days=1, hours=2, minutes=3, seconds=4)
        assert f.clean("P2DT3H") == datetime.timedelta(days=2, hours=3)
        assert errors(f, "x") == ["Enter a valid duration."]
        assert errors(f, "1000000000 00:00:00") == [
            "The number of days must be between -999999999 and 999999999."
        ]
        assert f.prepare_value(datetime.timedelta(hours=1)) == "01:00:00"

    def test_emailfield(self):
        f = forms.EmailField()
        assert f.clean(" a@example.com ") == "a@example.com"
        assert errors(f, "nope") == ["Enter a valid email address."]
        assert f.widget.attrs == {"maxlength": "320"}
        assert errors(f, "a" * 310 + "@example.com") == [
            "Enter a valid email address.",
            "Ensure this value has at most 320 characters (it has 322).",
        ]

    def test_urlfield(self):
        f = forms.URLField()
        assert f.clean("example.com") == "https://example.com"
        assert f.clean("http://example.com/a") == "http://example.com/a"
        assert forms.URLField(assume_scheme="http").clean("example.com") == "http://example.com"
        assert errors(f, "http://") == ["Enter a valid URL."]
        assert errors(f, "[a") == ["Enter a valid URL."]
        assert errors(f, "http://[::1") == ["Enter a valid URL."]

    def test_slug_regex_uuid(self):
        assert forms.SlugField().clean("a-b") == "a-b"
        assert errors(forms.SlugField(), "a b") == [
            "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."
        ]
        assert forms.SlugField(allow_unicode=True).clean("héllo") == "héllo"
        r = forms.RegexField(r"^\d{3}$")
        assert r.clean("123") == "123"
        assert errors(r, "12") == ["Enter a valid value."]
        r.regex = r"^a$"
        assert r.clean("a") == "a"
        assert (
            len(
                [
                    v
                    for v in r.validators
                    if isinstance(v, forms.fields.RegexField) or hasattr(v, "regex")
                ]
            )
            == 1
        )
        u = forms.UUIDField()
        value = uuid.uuid4()
        assert u.clean(str(value)) == value
        assert errors(u, "nope") == ["Enter a valid UUID."]

    def test_genericipaddressfield(self):
        f = forms.GenericIPAddressField()
        assert f.clean(" 127.0.0.1 ") == "127.0.0.1"
        assert f.clean("2001:0DB8::0001") == "2001:db8::1"
        assert errors(f, "x") == ["Enter a valid IPv4 or IPv6 address."]
        assert forms.GenericIPAddressField(unpack_ipv4=True).clean("::ffff:10.0.0.1") == "10.0.0.1"
        assert errors(forms.GenericIPAddressField(protocol="ipv4"), "::1") == [
            "Enter a valid IPv4 address."
        ]
        with pytest.raises(ValueError):
            forms.GenericIPAddressField(protocol="ipv4", unpack_ipv4=True)

    def test_jsonfield(self):
        f = forms.JSONField()
        assert f.clean('{"a": [1, 2]}') == {"a": [1, 2]}
        assert f.clean('"text"') == "text"
        assert errors(f, "{bad") == ["Enter a valid JSON."]
        assert errors(f, "[" * 100000) == ["Enter a valid JSON."]
        assert f.prepare_value({"é": 1}) == '{"é": 1}'
        assert not f.has_changed({"a": 1, "b": 2}, '{"b": 2, "a": 1}')
        assert isinstance(f.widget, forms.Textarea)
        assert f.bound_data("{bad", None) == "{bad"

    def test_choicefield(self):
        f = forms.ChoiceField(choices=[("1", "One"), ("Group", [("2", "Two")])])
        assert f.clean("1") == "1"
        assert f.clean(2) == "2"
        assert errors(f, "3") == ["Select a valid choice. 3 is not one of the available choices."]
        assert errors(f, "") == ["This field is required."]
        assert forms.ChoiceField(choices={"a": "A"}).choices == [("a", "A")]
        calls = []

        def choices():
            calls.append(1)
            return [("x", "X")]

        g = forms.ChoiceField(choices=choices)
        assert list(g.choices) == [("x", "X")]
        assert g.clean("x") == "x"
        assert g.widget.choices is g.choices

    def test_choices_enum(self):
        import enum

        class Color(enum.Enum):
            RED = "r"

        class WithChoices:
            choices = [("r", "Red")]

        assert forms.ChoiceField(choices=WithChoices).choices == [("r", "Red")]

    def test_typedchoicefield(self):
        f = forms.TypedChoiceField(choices=[("1", "One"), ("x", "X")], coerce=int)
        assert f.clean("1") == 1
        assert errors(f, "x") == ["Select a valid choice. x is not one of the available choices."]
        g = forms.TypedChoiceField(
            choices=[("1", "One")], coerce=int, required=False, empty_value=None
        )
        assert g.clean("") is None

    def test_multiplechoicefield(self):
        f = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two")])
        assert f.clean(["1", "2"]) == ["1", "2"]
        assert f.clean((1,)) == ["1"]
        assert errors(f, "1") == ["Enter a list of values."]
        assert errors(f, []) == ["This field is required."]
        assert errors(f, ["3"]) == ["Select a valid choice. 3 is not one of the available choices."]
        assert forms.MultipleChoiceField(required=False, choices=[]).clean(None) == []
        assert f.has_changed(["1"], ["1", "2"])
        assert not f.has_changed([1, 2], ["2", "1"])
        t = forms.TypedMultipleChoiceField(choices=[("1", "One")], coerce=int)
        assert t.clean(["1"]) == [1]

    def test_filefield(self):
        f = forms.FileField(max_length=10)
        upload = SimpleUploadedFile("name.txt", b"content")
        assert f.clean(upload) is upload
        assert errors(f, None) == ["This field is required."]
        assert errors(f, "not-a-file") == [
            "No file was submitted. Check the encoding type on the form."
        ]
        assert errors(f, SimpleUploadedFile("empty.txt", b"")) == ["The submitted file is empty."]
        assert errors(f, SimpleUploadedFile("a-long-name.txt", b"x")) == [
            "Ensure this filename has at most 10 characters (it has 15)."
        ]
        assert f.clean(None, initial="existing.txt") == "existing.txt"
        assert forms.FileField(required=False).clean(False) is False
        with pytest.raises(ValidationError) as cm:
            f.clean(forms.FILE_INPUT_CONTRADICTION)
        assert cm.value.messages == [
            "Please either submit a file or check the clear checkbox, not both."
        ]
        assert forms.FileField(allow_empty_file=True).clean(SimpleUploadedFile("e.txt", b""))

    def test_filepathfield(self, tmp_path=None):
        import os
        import tempfile

        with tempfile.TemporaryDirectory() as d:
            for name in ("a.py", "b.txt"):
                open(os.path.join(d, name), "w").close()
            os.mkdir(os.path.join(d, "sub"))
            f = forms.FilePathField(path=d, match=r"\.py$")
            assert [label for _v, label in f.choices] == ["a.py"]
            g = forms.FilePathField(path=d, allow_folders=True, allow_files=False, required=False)
            assert [label for _v, label in g.choices] == ["---------", "sub"]
            assert f.clean(os.path.join(d, "a.py")).endswith("a.py")

    def test_combofield(self):
        f = forms.ComboField(fields=[forms.CharField(max_length=20), forms.EmailField()])
        assert f.clean("a@example.com") == "a@example.com"
        assert errors(f, "a" * 20 + "@example.com") == [
            "Ensure this value has at most 20 characters (it has 32)."
        ]
        assert errors(f, "x") == ["Enter a valid email address."]

    def test_splitdatetimefield(self):
        f = forms.SplitDateTimeField()
        assert f.clean(["2006-01-10", "07:30"]) == datetime.datetime(
            2006, 1, 10, 7, 30, tzinfo=datetime.UTC
        )
        assert errors(f, ["", ""]) == ["This field is required."]
        assert errors(f, "hello") == ["Enter a list of values."]
        assert errors(f, ["hello", "07:30"]) == ["Enter a valid date."]
        assert errors(f, ["2006-01-10", "x"]) == ["Enter a valid time."]
        assert forms.SplitDateTimeField(required=False).clean(["", ""]) is None

    def test_multivaluefield_require_all_fields(self):
        class PhoneField(forms.MultiValueField):
            def __init__(self, **kwargs):
                fields = (forms.CharField(), forms.CharField(required=False))
                super().__init__(fields=fields, require_all_fields=False, **kwargs)

            def compress(self, data_list):
                return "-".join(x for x in data_list if x)

        f = PhoneField()
        assert f.clean(["555", ""]) == "555"
        assert errors(f, ["", "1"]) == ["Enter a complete value."]

    def test_error_messages_override(self):
        f = forms.IntegerField(
            error_messages={"invalid": "Numbers!", "max_value": "Too big"}, max_value=1
        )
        assert errors(f, "x") == ["Numbers!"]
        assert errors(f, "5") == ["Too big"]

    def test_custom_validators(self):
        def even(value):
            if value % 2:
                raise ValidationError("odd", code="odd")

        assert errors(forms.IntegerField(validators=[even]), "3") == ["odd"]

    def test_deepcopy_is_independent(self):
        import copy

        f = forms.ChoiceField(choices=[("a", "A")], widget=forms.Select(attrs={"class": "x"}))
        g = copy.deepcopy(f)
        g.widget.attrs["class"] = "y"
        g.error_messages["required"] = "!"
        assert f.widget.attrs["class"] == "x"
        assert f.error_messages["required"] == "This field is required."
