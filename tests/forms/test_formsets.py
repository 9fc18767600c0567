"""Formsets: management form (incl. tampering), extra/min/max, deletion, ordering, rendering."""

import pytest

from nuages import forms
from nuages.core.exceptions import ValidationError
from nuages.forms.formsets import BaseFormSet, all_valid, formset_factory
from nuages.test import SimpleTestCase


class Choice(forms.Form):
    choice = forms.CharField()
    votes = forms.IntegerField()


def data(total, initial=0, **fields):
    d = {"form-TOTAL_FORMS": str(total), "form-INITIAL_FORMS": str(initial)}
    d.update(fields)
    return d


class TestFormsets(SimpleTestCase):
    def test_factory_and_unbound(self):
        ChoiceFormSet = formset_factory(Choice, extra=2)
        assert ChoiceFormSet.__name__ == "ChoiceFormSet"
        fs = ChoiceFormSet()
        assert len(fs) == 2 and len(fs.forms) == 2
        assert fs.total_form_count() == 2
        assert not fs.is_bound and not fs.is_valid()
        assert fs.forms[0].prefix == "form-0"
        assert fs.forms[1].empty_permitted
        assert not fs.forms[0].use_required_attribute
        self.assertHTMLEqual(
            str(fs.management_form),
            '<input type="hidden" name="form-TOTAL_FORMS" value="2" id="id_form-TOTAL_FORMS">'
            '<input type="hidden" name="form-INITIAL_FORMS" value="0" id="id_form-INITIAL_FORMS">'
            '<input type="hidden" name="form-MIN_NUM_FORMS" value="0" id="id_form-MIN_NUM_FORMS">'
            '<input type="hidden" name="form-MAX_NUM_FORMS" value="1000" id="id_form-MAX_NUM_FORMS">',
        )
        assert "form-0-choice" in str(fs)
        assert fs.empty_form.prefix == "form-__prefix__"
        assert bool(formset_factory(Choice, extra=0)())

    def test_valid_and_cleaned_data(self):
        FS = formset_factory(Choice)
        fs = FS(
            data(
                2,
                **{
                    "form-0-choice": "Calexico",
                    "form-0-votes": "100",
                    "form-1-choice": "",
                    "form-1-votes": "",
                },
            )
        )
        assert fs.is_valid()
        assert fs.cleaned_data == [{"choice": "Calexico", "votes": 100}, {}]
        assert fs.total_error_count() == 0
        assert fs.has_changed()

    def test_errors(self):
        FS = formset_factory(Choice)
        fs = FS(data(1, **{"form-0-choice": "x", "form-0-votes": "many"}))
        assert not fs.is_valid()
        assert fs.errors == [{"votes": ["Enter a whole number."]}]
        assert fs.total_error_count() == 1
        with pytest.raises(AttributeError):
            fs.cleaned_data

    def test_initial(self):
        FS = formset_factory(Choice, extra=1)
        fs = FS(initial=[{"choice": "a", "votes": 1}, {"choice": "b", "votes": 2}])
        assert len(fs.forms) == 3
        assert fs.initial_form_count() == 2
        assert fs.forms[0]["choice"].value() == "a"
        assert len(fs.initial_forms) == 2 and len(fs.extra_forms) == 1

    def test_missing_management_form(self):
        fs = formset_factory(Choice)({"form-0-choice": "x"})
        assert not fs.is_valid()
        assert fs.non_form_errors() == [
            "ManagementForm data is missing or has been tampered with. Missing fields: "
            "form-TOTAL_FORMS, form-INITIAL_FORMS. You may need to file a bug report if the issue persists."
        ]
        assert fs.non_form_errors().error_class == "errorlist nonform"
        assert fs.forms == []
        assert "ManagementForm data is missing" in str(fs.non_form_errors())

    def test_tampered_management_form(self):
        FS = formset_factory(Choice)
        for bad in (
            {"form-TOTAL_FORMS": "abc", "form-INITIAL_FORMS": "0"},
            {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "-x"},
        ):
            fs = FS(bad)
            assert not fs.is_valid()
            assert (
                "ManagementForm data is missing or has been tampered with"
                in fs.non_form_errors()[0]
            )

    def test_absolute_max_caps_forms(self):
        FS = formset_factory(Choice, max_num=2, absolute_max=3)
        fs = FS(data(10**9))
        assert len(fs.forms) == 3
        assert not fs.is_valid()
        assert fs.non_form_errors() == ["Please submit at most 2 forms."]
        with pytest.raises(ValueError):
            formset_factory(Choice, max_num=5, absolute_max=2)
        assert formset_factory(Choice, max_num=30).absolute_max == 1030

    def test_negative_total_forms(self):
        fs = formset_factory(Choice)(data(-5, -5))
        assert fs.forms == []
        fs.is_valid()

    def test_max_num_unbound(self):
        FS = formset_factory(Choice, extra=5, max_num=2)
        assert len(FS().forms) == 2
        assert len(FS(initial=[{}, {}, {}]).forms) == 3

    def test_validate_max_and_min(self):
        FS = formset_factory(Choice, max_num=1, validate_max=True)
        fs = FS(
            data(
                2,
                **{
                    "form-0-choice": "a",
                    "form-0-votes": "1",
                    "form-1-choice": "b",
                    "form-1-votes": "2",
                },
            )
        )
        assert not fs.is_valid()
        assert fs.non_form_errors() == ["Please submit at most 1 form."]
        FS = formset_factory(Choice, extra=0, min_num=2, validate_min=True)
        fs = FS(data(2, **{"form-0-choice": "a", "form-0-votes": "1"}))
        assert not fs.is_valid()
        assert fs.non_form_errors() == ["Please submit at least 2 forms."]
        assert len(FS().forms) == 2

    def test_deletion(self):
        FS = formset_factory(Choice, can_delete=True, extra=0)
        d = data(
            2,
            2,
            **{
                "form-0-choice": "a",
                "form-0-votes": "1",
                "form-1-choice": "b",
                "form-1-votes": "x",
                "form-1-DELETE": "on",
            },
        )
        fs = FS(d, initial=[{"choice": "a", "votes": 1}, {"choice": "b", "votes": 2}])
        assert fs.is_valid()  # the invalid form is deleted, so it doesn't count
        assert [f.prefix for f in fs.deleted_forms] == ["form-1"]
        assert "DELETE" in fs.forms[0].fields
        self.assertHTMLEqual(
            str(fs.forms[0]["DELETE"]),
            '<input type="checkbox" name="form-0-DELETE" id="id_form-0-DELETE">',
        )
        NoExtra = formset_factory(Choice, can_delete=True, can_delete_extra=False, extra=1)
        fs = NoExtra(initial=[{"choice": "a"}])
        assert "DELETE" in fs.forms[0].fields and "DELETE" not in fs.forms[1].fields

    def test_ordering(self):
        FS = formset_factory(Choice, can_order=True, extra=1)
        fs = FS(
            data(
                3,
                2,
                **{
                    "form-0-choice": "a",
                    "form-0-votes": "1",
                    "form-0-ORDER": "2",
                    "form-1-choice": "b",
                    "form-1-votes": "2",
                    "form-1-ORDER": "1",
                    "form-2-choice": "c",
                    "form-2-votes": "3",
                    "form-2-ORDER": "",
                },
            ),
            initial=[{"choice": "a"}, {"choice": "b"}],
        )
        assert fs.is_valid()
        assert [f.cleaned_data["choice"] for f in fs.ordered_forms] == ["b", "a", "c"]
        self.assertHTMLEqual(
            str(FS(initial=[{"choice": "a"}]).forms[0]["ORDER"]),
            '<input type="number" name="form-0-ORDER" value="1" id="id_form-0-ORDER">',
        )
        with pytest.raises(AttributeError):
            formset_factory(Choice)().ordered_forms

    def test_custom_clean_and_formset_class(self):
        class Base(BaseFormSet):
            def clean(self):
                if any(self.errors):
                    return
                names = [f.cleaned_data.get("choice") for f in self.forms]
                if len(set(names)) != len(names):
                    raise ValidationError("Duplicates.")

        FS = formset_factory(Choice, formset=Base, extra=0)
        fs = FS(
            data(
                2,
                **{
                    "form-0-choice": "a",
                    "form-0-votes": "1",
                    "form-1-choice": "a",
                    "form-1-votes": "1",
                },
            )
        )
        assert not fs.is_valid()
        assert fs.non_form_errors() == ["Duplicates."]
        assert fs.total_error_count() == 1

    def test_prefix_and_form_kwargs(self):
        class WithUser(Choice):
            def __init__(self, *args, user=None, **kwargs):
                self.user = user
                super().__init__(*args, **kwargs)

        fs = formset_factory(WithUser)(prefix="choices", form_kwargs={"user": "bob"})
        assert fs.forms[0].user == "bob"
        assert fs.empty_form.user == "bob"
        assert fs.forms[0]["choice"].html_name == "choices-0-choice"

    def test_all_valid(self):
        FS = formset_factory(Choice)
        good = FS(data(1, **{"form-0-choice": "a", "form-0-votes": "1"}))
        bad = FS(data(1, **{"form-0-choice": "a", "form-0-votes": "x"}))
        assert all_valid([good])
        assert not all_valid([bad, good])

    def test_rendering(self):
        fs = formset_factory(Choice, extra=1)()
        html = fs.as_p()
        assert html.startswith('<input type="hidden" name="form-TOTAL_FORMS"')
        assert "<p>" in html
        assert "<tr>" in fs.as_table()
        assert "<li>" in fs.as_ul()
        assert "<div>" in fs.as_div()
        assert not fs.is_multipart()
        assert str(fs.media) == ""

    def test_error_messages_override(self):
        FS = formset_factory(Choice)
        fs = FS({}, error_messages={"missing_management_form": "customized"})
        assert fs.non_form_errors() == ["customized"]
