"""Form: binding, validation order, errors API, rendering (div/p/table/ul) with aria wiring."""

import datetime
import json

import pytest

from nuages import forms
from nuages.core.exceptions import NON_FIELD_ERRORS, ValidationError
from nuages.forms.renderers import DjangoTemplates, TemplatesSetting
from nuages.test import SimpleTestCase
from nuages.utils.datastructures import MultiValueDict


class Person(forms.Form):
    first_name = forms.CharField()
    last_name = forms.CharField()
    birthday = forms.DateField()


class Contact(forms.Form):
    subject = forms.CharField(max_length=100, help_text="100 characters max.")
    sender = forms.EmailField()
    cc_myself = forms.BooleanField(required=False)


class TestBinding(SimpleTestCase):
    def test_unbound(self):
        p = Person()
        assert (
            repr(p) == "<Person bound=False, valid=Unknown, fields=(first_name;last_name;birthday)>"
        )
        assert not p.is_bound
        assert not p.is_valid()
        assert p.errors == {}

    def test_valid(self):
        p = Person({"first_name": "John", "last_name": "Lennon", "birthday": "1940-10-9"})
        assert p.is_valid()
        assert p.cleaned_data == {
            "first_name": "John",
            "last_name": "Lennon",
            "birthday": datetime.date(1940, 10, 9),
        }
        assert repr(p).endswith("valid=True, fields=(first_name;last_name;birthday)>")

    def test_invalid_and_errors_api(self):
        p = Person({"first_name": "John", "birthday": "x"})
        assert not p.is_valid()
        assert p.errors == {
            "last_name": ["This field is required."],
            "birthday": ["Enter a valid date."],
        }
        assert p.cleaned_data == {"first_name": "John"}
        assert json.loads(p.errors.as_json()) == {
            "last_name": [{"message": "This field is required.", "code": "required"}],
            "birthday": [{"message": "Enter a valid date.", "code": "invalid"}],
        }
        assert p.errors.get_json_data()["birthday"][0]["code"] == "invalid"
        assert isinstance(p.errors.as_data()["birthday"][0], ValidationError)
        assert p.errors.as_text() == (
            "* last_name\n  * This field is required.\n* birthday\n  * Enter a valid date."
        )
        self.assertHTMLEqual(
            p.errors.as_ul(),
            '<ul class="errorlist"><li>last_name<ul class="errorlist" id="id_last_name_error">'
            "<li>This field is required.</li></ul></li><li>birthday"
            '<ul class="errorlist" id="id_birthday_error"><li>Enter a valid date.</li></ul></li></ul>',
        )
        assert p.has_error("birthday")
        assert p.has_error("birthday", "invalid")
        assert not p.has_error("birthday", "required")
        assert not p.has_error("first_name")

    def test_extra_and_weird_data_is_harmless(self):
        data = {"first_name": ["a", "list"], "last_name": 12, "birthday": {"x": 1}, "extra": "?"}
        p = Person(data)
        assert not p.is_valid()
        assert p.errors == {"birthday": ["Enter a valid date."]}
        assert p.cleaned_data["last_name"] == "12"

    def test_querydict_lists(self):
        class F(forms.Form):
            tags = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")])

        f = F(MultiValueDict({"tags": ["a", "b"]}))
        assert f.is_valid()
        assert f.cleaned_data["tags"] == ["a", "b"]
        assert F({"tags": "a"}).errors["tags"] == ["Enter a list of values."]

    def test_empty_data_is_bound(self):
        assert Person({}).is_bound
        assert Person(files={}).is_bound

    def test_getitem_keyerror_lists_choices(self):
        with pytest.raises(KeyError) as cm:
            Person()["nope"]
        assert (
            "Key 'nope' not found in 'Person'. Choices are: birthday, first_name, last_name."
            in str(cm.value)
        )


class TestCleaning(SimpleTestCase):
    def test_clean_field_and_clean_order(self):
        calls = []

        class F(forms.Form):
            a = forms.CharField()
            b = forms.CharField()

            def clean_a(self):
                calls.append("clean_a")
                return self.cleaned_data["a"].upper()

            def clean_b(self):
                calls.append("clean_b")
                raise ValidationError("bad b", code="bad")

            def clean(self):
                calls.append("clean")
                data = super().clean()
                assert "b" not in data
                raise ValidationError("whole form", code="form")

        f = F({"a": "x", "b": "y"})
        assert not f.is_valid()
        assert calls == ["clean_a", "clean_b", "clean"]
        assert f.cleaned_data == {"a": "X"}
        assert f.errors["b"] == ["bad b"]
        assert f.non_field_errors() == ["whole form"]
        assert f.errors[NON_FIELD_ERRORS].error_class == "errorlist nonfield"
        assert f.has_error(NON_FIELD_ERRORS, "form")

    def test_add_error_shapes(self):
        class F(forms.Form):
            a = forms.CharField(required=False)
            b = forms.CharField(required=False)

            def clean(self):
                self.add_error("a", "A is wrong")
                self.add_error(None, ValidationError(["one", "two"]))
                self.add_error(None, {"b": ["B is wrong"], NON_FIELD_ERRORS: "all"})

        f = F({"a": "1", "b": "2"})
        assert f.errors == {
            "a": ["A is wrong"],
            "__all__": ["one", "two", "all"],
            "b": ["B is wrong"],
        }
        assert "a" not in f.cleaned_data and "b" not in f.cleaned_data
        with pytest.raises(TypeError):
            f.add_error("a", ValidationError({"b": "x"}))
        with pytest.raises(ValueError, match="'F' has no field named 'zzz'"):
            f.add_error("zzz", "x")

    def test_clean_returning_none_keeps_cleaned_data(self):
        class F(forms.Form):
            a = forms.CharField()

            def clean(self):
                return None

        f = F({"a": "x"})
        assert f.is_valid() and f.cleaned_data == {"a": "x"}

    def test_disabled_field_uses_initial(self):
        class F(forms.Form):
            a = forms.CharField(disabled=True, initial="fixed")

        f = F({"a": "tampered"})
        assert f.is_valid()
        assert f.cleaned_data["a"] == "fixed"
        assert not f.has_changed()

    def test_empty_permitted(self):
        f = Person({}, empty_permitted=True, use_required_attribute=False)
        assert f.is_valid()
        with pytest.raises(ValueError):
            Person(empty_permitted=True)

    def test_changed_data(self):
        f = Person(
            {"first_name": "John", "last_name": "X", "birthday": "1940-10-09"},
            initial={"first_name": "John", "birthday": datetime.date(1940, 10, 9)},
        )
        assert f.changed_data == ["last_name"]
        assert f.has_changed()

    def test_show_hidden_initial(self):
        class F(forms.Form):
            a = forms.CharField(show_hidden_initial=True, initial="x")

        f = F({"a": "x", "initial-a": "y"})
        assert f.has_changed()
        self.assertHTMLEqual(
            str(F()["a"]),
            '<input type="text" name="a" value="x" required id="id_a">'
            '<input type="hidden" name="initial-a" value="x" id="initial-id_a">',
        )


class TestStructure(SimpleTestCase):
    def test_fields_are_copied_per_instance(self):
        a, b = Person(), Person()
        a.fields["first_name"].label = "Changed"
        assert b.fields["first_name"].label is None
        assert Person.base_fields["first_name"].label is None

    def test_inheritance_and_removal(self):
        class Base(forms.Form):
            a = forms.CharField()
            b = forms.CharField()

        class Child(Base):
            c = forms.CharField()
            b = None

        assert list(Child.base_fields) == ["a", "c"]

    def test_field_order(self):
        class F(Person):
            field_order = ["birthday", "nope"]

        assert list(F().fields) == ["birthday", "first_name", "last_name"]
        assert list(Person(field_order=["last_name"]).fields) == [
            "last_name",
            "first_name",
            "birthday",
        ]

    def test_initial(self):
        f = Person(initial={"first_name": lambda: "Called"})
        assert f["first_name"].value() == "Called"
        assert f["first_name"].initial == "Called"

        class F(forms.Form):
            t = forms.DateTimeField(initial=datetime.datetime(2020, 1, 1, 1, 1, 1, 500))

        assert F()["t"].initial.microsecond == 0

    def test_prefix(self):
        f = Person({"p-first_name": "a"}, prefix="p")
        assert f["first_name"].html_name == "p-first_name"
        assert f["first_name"].auto_id == "id_p-first_name"
        assert f["first_name"].data == "a"

    def test_hidden_visible_and_multipart(self):
        class F(forms.Form):
            h = forms.CharField(widget=forms.HiddenInput)
            v = forms.CharField()
            f = forms.FileField()

        f = F()
        assert [bf.name for bf in f.hidden_fields()] == ["h"]
        assert [bf.name for bf in f.visible_fields()] == ["v", "f"]
        assert f.is_multipart()
        assert not Person().is_multipart()


class TestBoundField(SimpleTestCase):
    def test_label_tag(self):
        f = Contact()
        self.assertHTMLEqual(f["subject"].label_tag(), '<label for="id_subject">Subject:</label>')
        self.assertHTMLEqual(
            f["subject"].label_tag("Other", attrs={"class": "x"}, label_suffix="!"),
            '<label class="x" for="id_subject">Other!</label>',
        )
        self.assertHTMLEqual(
            f["subject"].legend_tag(), '<legend for="id_subject">Subject:</legend>'
        )
        assert str(Contact(auto_id=False)["subject"].label_tag()) == "Subject:"
        self.assertHTMLEqual(
            Contact(label_suffix="")["subject"].label_tag(),
            '<label for="id_subject">Subject</label>',
        )

        class Q(forms.Form):
            q = forms.CharField(label="Why?")

        self.assertHTMLEqual(Q()["q"].label_tag(), '<label for="id_q">Why?</label>')

    def test_css_classes(self):
        class F(forms.Form):
            error_css_class = "error"
            required_css_class = "required"
            a = forms.CharField()
            b = forms.CharField(required=False)

        f = F({})
        assert set(f["a"].css_classes().split()) == {"error", "required"}
        assert f["b"].css_classes("x y") == "x y"
        self.assertHTMLEqual(f["a"].label_tag(), '<label class="required" for="id_a">A:</label>')

    def test_widget_rendering_helpers(self):
        f = Contact({"subject": "hi"})
        bf = f["subject"]
        assert bf.value() == "hi"
        assert bf.widget_type == "text"
        assert f["cc_myself"].widget_type == "checkbox"
        assert bf.id_for_label == "id_subject"
        self.assertHTMLEqual(
            bf.as_hidden(), '<input type="hidden" name="subject" value="hi" id="id_subject">'
        )
        self.assertHTMLEqual(
            bf.as_textarea(),
            '<textarea name="subject" cols="40" rows="10" required aria-describedby="id_subject_helptext" id="id_subject">hi</textarea>',
        )
        self.assertHTMLEqual(
            bf.as_text(attrs={"class": "c"}),
            '<input type="text" name="subject" value="hi" class="c" required aria-describedby="id_subject_helptext" id="id_subject">',
        )

    def test_subwidgets(self):
        class F(forms.Form):
            b = forms.ChoiceField(choices=[("J", "John"), ("P", "Paul")], widget=forms.RadioSelect)

        bf = F(initial={"b": "P"})["b"]
        assert len(bf) == 2
        assert [w.choice_label for w in bf] == ["John", "Paul"]
        assert bf[1].id_for_label == "id_b_1"
        self.assertHTMLEqual(
            bf[1].tag(), '<input type="radio" name="b" value="P" required id="id_b_1" checked>'
        )
        self.assertHTMLEqual(
            str(bf[0]),
            '<label for="id_b_0"><input type="radio" name="b" value="J" required id="id_b_0"> John</label>',
        )
        with pytest.raises(TypeError):
            bf["x"]
        assert bf.use_fieldset
        self.assertHTMLEqual(bf.legend_tag(), "<legend>B:</legend>")

    def test_bound_field_class_overrides(self):
        class Custom(forms.BoundField):
            def extra(self):
                return "custom"

        class F(forms.Form):
            bound_field_class = Custom
            a = forms.CharField()

        assert F()["a"].extra() == "custom"

        class G(forms.Form):
            a = forms.CharField(bound_field_class=Custom)
            b = forms.CharField()

        assert isinstance(G()["a"], Custom)
        assert type(G()["b"]) is forms.BoundField

    def test_use_required_attribute_false(self):
        self.assertHTMLEqual(
            str(Person(use_required_attribute=False)["first_name"]),
            '<input type="text" name="first_name" id="id_first_name">',
        )

    def test_disabled_renders_disabled(self):
        class F(forms.Form):
            a = forms.CharField(disabled=True)

        self.assertHTMLEqual(
            str(F()["a"]), '<input type="text" name="a" required disabled id="id_a">'
        )


class TestRendering(SimpleTestCase):
    def test_as_div_default(self):
        f = Contact()
        assert str(f) == f.as_div() == f.render()
        self.assertHTMLEqual(
            f.as_div(),
            """
            <div><label for="id_subject">Subject:</label>
            <div class="helptext" id="id_subject_helptext">100 characters max.</div>
            <input type="text" name="subject" maxlength="100" required aria-describedby="id_subject_helptext" id="id_subject"></div>
            <div><label for="id_sender">Sender:</label>
            <input type="email" name="sender" maxlength="320" required id="id_sender"></div>
            <div><label for="id_cc_myself">Cc myself:</label>
            <input type="checkbox" name="cc_myself" id="id_cc_myself"></div>
            """,
        )

    def test_as_div_with_errors(self):
        f = Contact({"subject": "", "sender": "bad"})
        self.assertHTMLEqual(
            f.as_div(),
            """
            <div><label for="id_subject">Subject:</label>
            <div class="helptext" id="id_subject_helptext">100 characters max.</div>
            <ul class="errorlist" id="id_subject_error"><li>This field is required.</li></ul>
            <input type="text" name="subject" maxlength="100" required aria-invalid="true"
              aria-describedby="id_subject_helptext id_subject_error" id="id_subject"></div>
            <div><label for="id_sender">Sender:</label>
            <ul class="errorlist" id="id_sender_error"><li>Enter a valid email address.</li></ul>
            <input type="email" name="sender" value="bad" maxlength="320" required aria-invalid="true"
              aria-describedby="id_sender_error" id="id_sender"></div>
            <div><label for="id_cc_myself">Cc myself:</label>
            <input type="checkbox" name="cc_myself" id="id_cc_myself"></div>
            """,
        )

    def test_as_p(self):
        self.assertHTMLEqual(
            Person(auto_id=False).as_p(),
            """<p>First name: <input type="text" name="first_name" required></p>
            <p>Last name: <input type="text" name="last_name" required></p>
            <p>Birthday: <input type="text" name="birthday" required></p>""",
        )

    def test_as_table_and_ul_with_errors(self):
        f = Person({"first_name": "John", "birthday": "1940-10-9"})
        self.assertHTMLEqual(
            f.as_table(),
            """<tr><th><label for="id_first_name">First name:</label></th><td>
            <input type="text" name="first_name" value="John" required id="id_first_name"></td></tr>
            <tr><th><label for="id_last_name">Last name:</label></th><td>
            <ul class="errorlist" id="id_last_name_error"><li>This field is required.</li></ul>
            <input type="text" name="last_name" required aria-invalid="true" aria-describedby="id_last_name_error" id="id_last_name"></td></tr>
            <tr><th><label for="id_birthday">Birthday:</label></th><td>
            <input type="text" name="birthday" value="1940-10-9" required id="id_birthday"></td></tr>""",
        )
        self.assertHTMLEqual(
            f.as_ul(),
            """<li><label for="id_first_name">First name:</label>
            <input type="text" name="first_name" value="John" required id="id_first_name"></li>
            <li><ul class="errorlist" id="id_last_name_error"><li>This field is required.</li></ul>
            <label for="id_last_name">Last name:</label>
            <input type="text" name="last_name" required aria-invalid="true" aria-describedby="id_last_name_error" id="id_last_name"></li>
            <li><label for="id_birthday">Birthday:</label>
            <input type="text" name="birthday" value="1940-10-9" required id="id_birthday"></li>""",
        )

    def test_hidden_fields_and_non_field_errors(self):
        class F(forms.Form):
            name = forms.CharField()
            token = forms.CharField(widget=forms.HiddenInput)

            def clean(self):
                raise ValidationError("Nope.")

        f = F({"name": "x"})
        self.assertHTMLEqual(
            f.as_div(),
            """<ul class="errorlist nonfield"><li>Nope.</li><li>(Hidden field token) This field is required.</li></ul>
            <div><label for="id_name">Name:</label>
            <input type="text" name="name" value="x" required id="id_name">
            <input type="hidden" name="token" id="id_token"></div>""",
        )

    def test_fieldset_rendering(self):
        class F(forms.Form):
            b = forms.ChoiceField(
                choices=[("J", "John")], widget=forms.RadioSelect, help_text="Pick"
            )

        self.assertHTMLEqual(
            F().as_div(),
            """<div><fieldset aria-describedby="id_b_helptext"><legend>B:</legend>
            <div class="helptext" id="id_b_helptext">Pick</div>
            <div id="id_b"><div><label for="id_b_0"><input type="radio" name="b" value="J" required id="id_b_0"> John</label></div></div>
            </fieldset></div>""",
        )

    def test_as_field_group_and_custom_template(self):
        f = Contact()
        self.assertHTMLEqual(
            f["sender"].as_field_group(),
            '<label for="id_sender">Sender:</label><input type="email" name="sender" maxlength="320" required id="id_sender">',
        )

    def test_escaping_of_labels_and_values(self):
        class F(forms.Form):
            a = forms.CharField(label="<b>A</b>", help_text="<i>safe help</i>")

        html = F({"a": "<script>"}).as_p()
        assert "&lt;b&gt;A&lt;/b&gt;" in html
        assert "<i>safe help</i>" in html
        assert "&lt;script&gt;" in html and "<script>" not in html

    def test_renderers(self):
        f = Person(renderer=DjangoTemplates())
        assert "first_name" in f.as_div()
        assert isinstance(TemplatesSetting(), TemplatesSetting)

    def test_media_property(self):
        class W(forms.TextInput):
            class Media:
                js = ["w.js"]

        class F(forms.Form):
            a = forms.CharField(widget=W)

        assert "w.js" in str(F().media)
