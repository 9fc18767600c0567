"""Every widget's rendered HTML (compared as HTML) and its data handling."""

import datetime
import warnings

from nuages import forms
from nuages.forms.widgets import MediaOrderConflictWarning
from nuages.test import SimpleTestCase
from nuages.utils.datastructures import MultiValueDict

BEATLES = [("J", "John"), ("P", "Paul"), ("G", "George"), ("R", "Ringo")]


class FakeFile:
    url = "/media/something.txt"

    def __str__(self):
        return "something.txt"


class TestInputs(SimpleTestCase):
    def check(self, widget, value, html, name="f", attrs=None):
        self.assertHTMLEqual(widget.render(name, value, attrs=attrs), html)

    def test_text_like_inputs(self):
        for cls, type_ in [
            (forms.TextInput, "text"),
            (forms.NumberInput, "number"),
            (forms.EmailInput, "email"),
            (forms.URLInput, "url"),
            (forms.ColorInput, "color"),
            (forms.SearchInput, "search"),
            (forms.TelInput, "tel"),
            (forms.HiddenInput, "hidden"),
        ]:
            self.check(cls(), "v", f'<input type="{type_}" name="f" value="v">')
            self.check(cls(), None, f'<input type="{type_}" name="f">')
        self.check(
            forms.TextInput(attrs={"class": "c", "type": "date"}),
            "",
            '<input type="date" name="f" class="c">',
        )

    def test_escaping(self):
        self.check(
            forms.TextInput(),
            '"><script>',
            '<input type="text" name="f" value="&quot;&gt;&lt;script&gt;">',
        )

    def test_boolean_attrs(self):
        self.check(
            forms.TextInput(attrs={"required": True, "disabled": False}),
            "",
            '<input type="text" name="f" required>',
        )

    def test_password(self):
        self.check(forms.PasswordInput(), "secret", '<input type="password" name="f">')
        self.check(
            forms.PasswordInput(render_value=True),
            "secret",
            '<input type="password" name="f" value="secret">',
        )

    def test_textarea(self):
        self.check(
            forms.Textarea(),
            "hi <b>",
            '<textarea name="f" cols="40" rows="10">\nhi &lt;b&gt;</textarea>',
        )
        self.check(
            forms.Textarea(attrs={"rows": 2}),
            None,
            '<textarea name="f" cols="40" rows="2"></textarea>',
        )

    def test_date_inputs(self):
        self.check(
            forms.DateInput(),
            datetime.date(2007, 9, 17),
            '<input type="text" name="f" value="2007-09-17">',
        )
        self.check(
            forms.DateInput(format="%d/%m/%Y"),
            datetime.date(2007, 9, 17),
            '<input type="text" name="f" value="17/09/2007">',
        )
        self.check(
            forms.DateTimeInput(),
            datetime.datetime(2007, 9, 17, 12, 51, 34, 482548),
            '<input type="text" name="f" value="2007-09-17 12:51:34">',
        )
        self.check(
            forms.TimeInput(format="%H:%M"),
            datetime.time(12, 51),
            '<input type="text" name="f" value="12:51">',
        )
        self.check(
            forms.DateInput(), "not a date", '<input type="text" name="f" value="not a date">'
        )

    def test_checkbox(self):
        self.check(forms.CheckboxInput(), True, '<input type="checkbox" name="f" checked>')
        self.check(forms.CheckboxInput(), False, '<input type="checkbox" name="f">')
        self.check(
            forms.CheckboxInput(), "on", '<input type="checkbox" name="f" value="on" checked>'
        )
        self.check(
            forms.CheckboxInput(check_test=lambda v: v == "x"),
            "y",
            '<input type="checkbox" name="f" value="y">',
        )
        w = forms.CheckboxInput()
        assert w.value_from_datadict({}, {}, "f") is False
        assert w.value_from_datadict({"f": "false"}, {}, "f") is False
        assert w.value_from_datadict({"f": "on"}, {}, "f") is True
        assert not w.value_omitted_from_data({}, {}, "f")

    def test_file_inputs(self):
        self.check(forms.FileInput(), "anything", '<input type="file" name="f">')
        w = forms.FileInput()
        assert w.needs_multipart_form
        assert w.value_from_datadict({}, {"f": "F"}, "f") == "F"
        assert w.value_omitted_from_data({}, {}, "f")
        self.check(
            forms.ClearableFileInput(),
            FakeFile(),
            'Currently: <a href="/media/something.txt">something.txt</a> '
            '<input type="checkbox" name="f-clear" id="f-clear_id"> '
            '<label for="f-clear_id">Clear</label><br> Change: <input type="file" name="f">',
        )
        c = forms.ClearableFileInput()
        assert c.value_from_datadict({"f-clear": "on"}, {}, "f") is False
        assert (
            c.value_from_datadict({"f-clear": "on"}, {"f": "F"}, "f")
            is forms.FILE_INPUT_CONTRADICTION
        )

    def test_multiple_hidden(self):
        self.check(
            forms.MultipleHiddenInput(),
            ["a", "b"],
            '<input type="hidden" name="f" value="a" id="x_0"><input type="hidden" name="f" value="b" id="x_1">',
            attrs={"id": "x"},
        )
        data = MultiValueDict({"f": ["a", "b"]})
        assert forms.MultipleHiddenInput().value_from_datadict(data, {}, "f") == ["a", "b"]


class TestChoiceWidgets(SimpleTestCase):
    def check(self, widget, value, html, name="beatle", attrs=None):
        self.assertHTMLEqual(widget.render(name, value, attrs=attrs), html)

    def test_select(self):
        self.check(
            forms.Select(choices=BEATLES),
            "J",
            """<select name="beatle"><option value="J" selected>John</option>
            <option value="P">Paul</option><option value="G">George</option>
            <option value="R">Ringo</option></select>""",
        )

    def test_select_optgroups(self):
        w = forms.Select(
            choices=[
                ("outer1", "Outer 1"),
                ("Group 1", [("inner1", "Inner 1"), ("inner2", "Inner 2")]),
            ]
        )
        self.check(
            w,
            "inner2",
            """<select name="beatle"><option value="outer1">Outer 1</option>
            <optgroup label="Group 1"><option value="inner1">Inner 1</option>
            <option value="inner2" selected>Inner 2</option></optgroup></select>""",
        )

    def test_select_only_one_selected(self):
        w = forms.Select(choices=[("0", "a"), ("0", "b")])
        self.check(
            w,
            "0",
            '<select name="beatle"><option value="0" selected>a</option><option value="0">b</option></select>',
        )

    def test_select_required_attribute(self):
        assert forms.Select(choices=[("", "---"), ("a", "A")]).use_required_attribute(None)
        assert not forms.Select(choices=[("a", "A")]).use_required_attribute(None)

    def test_select_multiple(self):
        self.check(
            forms.SelectMultiple(choices=BEATLES[:2]),
            ["J", "P"],
            '<select name="beatle" multiple><option value="J" selected>John</option><option value="P" selected>Paul</option></select>',
        )
        data = MultiValueDict({"beatle": ["J", "P"]})
        assert forms.SelectMultiple().value_from_datadict(data, {}, "beatle") == ["J", "P"]

    def test_null_boolean_select(self):
        html = """<select name="beatle"><option value="unknown"{u}>Unknown</option>
        <option value="true"{t}>Yes</option><option value="false"{f}>No</option></select>"""
        self.check(forms.NullBooleanSelect(), None, html.format(u=" selected", t="", f=""))
        self.check(forms.NullBooleanSelect(), True, html.format(u="", t=" selected", f=""))
        self.check(forms.NullBooleanSelect(), "3", html.format(u="", t="", f=" selected"))
        w = forms.NullBooleanSelect()
        assert [
            w.value_from_datadict({"x": v}, {}, "x")
            for v in ("true", "2", "false", "unknown", ["x"])
        ] == [
            True,
            True,
            False,
            None,
            None,
        ]

    def test_radio_select(self):
        self.check(
            forms.RadioSelect(choices=BEATLES[:2]),
            "J",
            """<div id="id_beatle">
            <div><label for="id_beatle_0"><input type="radio" name="beatle" value="J" id="id_beatle_0" checked> John</label></div>
            <div><label for="id_beatle_1"><input type="radio" name="beatle" value="P" id="id_beatle_1"> Paul</label></div>
            </div>""",
            attrs={"id": "id_beatle"},
        )
        assert forms.RadioSelect().id_for_label("x") == ""
        assert forms.RadioSelect().id_for_label("x", "1") == "x_1"

    def test_checkbox_select_multiple(self):
        self.check(
            forms.CheckboxSelectMultiple(choices=BEATLES[:2]),
            ["J", "P"],
            """<div><div><label><input type="checkbox" name="beatle" value="J" checked> John</label></div>
            <div><label><input type="checkbox" name="beatle" value="P" checked> Paul</label></div></div>""",
        )
        w = forms.CheckboxSelectMultiple()
        assert not w.use_required_attribute(None)
        assert not w.value_omitted_from_data({}, {}, "x")
        assert w.use_fieldset

    def test_grouped_radio(self):
        w = forms.RadioSelect(choices=[("Group", [("a", "A")])])
        self.check(
            w,
            "a",
            """<div><div><label>Group</label><div><label><input type="radio" name="beatle" value="a" checked> A</label></div></div></div>""",
        )


class TestMultiWidgets(SimpleTestCase):
    def test_split_datetime(self):
        w = forms.SplitDateTimeWidget()
        self.assertHTMLEqual(
            w.render("when", datetime.datetime(2006, 1, 10, 7, 30)),
            '<input type="text" name="when_0" value="2006-01-10"><input type="text" name="when_1" value="07:30:00">',
        )
        assert w.value_from_datadict({"when_0": "a", "when_1": "b"}, {}, "when") == ["a", "b"]
        assert w.value_omitted_from_data({}, {}, "when")
        assert w.id_for_label("x") == ""

    def test_split_hidden_datetime(self):
        w = forms.SplitHiddenDateTimeWidget()
        assert w.is_hidden
        self.assertHTMLEqual(
            w.render("when", None),
            '<input type="hidden" name="when_0"><input type="hidden" name="when_1">',
        )

    def test_multiwidget_dict_names(self):
        class Pair(forms.MultiWidget):
            def __init__(self):
                super().__init__({"": forms.TextInput(), "last": forms.TextInput()})

            def decompress(self, value):
                return value.split(" ") if value else [None, None]

        self.assertHTMLEqual(
            Pair().render("name", "A B", attrs={"id": "n"}),
            '<input type="text" name="name" value="A" id="n_0"><input type="text" name="name_last" value="B" id="n_1">',
        )

    def test_select_date_widget(self):
        w = forms.SelectDateWidget(years=[2010], months={1: "Jan", 2: "Feb"})
        html = w.render("d", datetime.date(2010, 2, 3))
        assert '<option value="2" selected>Feb</option>' in html
        assert '<option value="3" selected>3</option>' in html
        assert (
            html.index('name="d_month"') < html.index('name="d_day"') < html.index('name="d_year"')
        )
        assert (
            w.value_from_datadict({"d_year": "2010", "d_month": "2", "d_day": "3"}, {}, "d")
            == "2010-02-03"
        )
        assert (
            w.value_from_datadict({"d_year": "2010", "d_month": "2", "d_day": "31"}, {}, "d")
            == "2010-2-31"
        )
        assert w.value_from_datadict({"d_year": "", "d_month": "", "d_day": ""}, {}, "d") is None
        assert (
            w.value_from_datadict({"d_year": "x", "d_month": "2", "d_day": "3"}, {}, "d") == "x-2-3"
        )
        assert w.id_for_label("id_d") == "id_d_month"
        assert w.value_omitted_from_data({}, {}, "d")
        labelled = forms.SelectDateWidget(years=[2010], empty_label=("Y", "M", "D"))
        assert '<option value="" selected>Y</option>' in labelled.render("d", None)

    def test_select_date_field_roundtrip(self):
        class F(forms.Form):
            d = forms.DateField(widget=forms.SelectDateWidget(years=[2010]))

        assert F({"d_year": "2010", "d_month": "2", "d_day": "3"}).is_valid()
        f = F({"d_year": "2010", "d_month": "2", "d_day": "31"})
        assert f.errors["d"] == ["Enter a valid date."]


class TestMedia(SimpleTestCase):
    def test_render_and_merge(self):
        m = forms.Media(css={"all": ["a.css"]}, js=["/static/a.js", "https://cdn/b.js"])
        self.assertHTMLEqual(
            str(m),
            '<link href="a.css" media="all" rel="stylesheet"><script src="/static/a.js"></script><script src="https://cdn/b.js"></script>',
        )
        merged = forms.Media(js=["a.js", "b.js"]) + forms.Media(js=["a.js", "c.js"])
        assert merged._js == ["a.js", "b.js", "c.js"]
        assert str(merged["js"]).count("<script") == 3

    def test_order_conflict_warns(self):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            (forms.Media(js=["a.js", "b.js"]) + forms.Media(js=["b.js", "a.js"]))._js
        assert any(issubclass(x.category, MediaOrderConflictWarning) for x in w)

    def test_media_class_and_inheritance(self):
        class MyWidget(forms.TextInput):
            class Media:
                css = {"all": ["w.css"]}
                js = ["w.js"]

        class Child(MyWidget):
            class Media:
                js = ["child.js"]

        class NoExtend(MyWidget):
            class Media:
                extend = False
                js = ["only.js"]

        assert Child().media._js == ["w.js", "child.js"]
        assert NoExtend().media._js == ["only.js"]

        class F(forms.Form):
            a = forms.CharField(widget=Child)

        assert F().media._js == ["w.js", "child.js"]
