"""shallow_copy() builds what copy.copy() builds; forms' fields stay per instance."""

import copy

from nuages import forms
from nuages.forms._copy import shallow_copy
from nuages.test import SimpleTestCase


class Plain:
    def __init__(self):
        self.a = [1]


class WithCopy(Plain):
    def __copy__(self):
        new = Plain()
        new.copied = True
        return new


class WithState(Plain):
    def __getstate__(self):
        return {"a": "state"}


class WithSlots:
    __slots__ = ("x",)


class TestShallowCopy(SimpleTestCase):
    def test_plain_object(self):
        obj = Plain()
        new = shallow_copy(obj)
        self.assertIsNot(new, obj)
        self.assertIs(type(new), Plain)
        self.assertIs(new.a, obj.a)

    def test_custom_copy_protocols_are_used(self):
        self.assertTrue(shallow_copy(WithCopy()).copied)
        self.assertEqual(shallow_copy(WithState()).a, "state")
        slotted = WithSlots()
        slotted.x = 3
        self.assertEqual(shallow_copy(slotted).x, 3)

    def test_form_fields_are_per_instance(self):
        class F(forms.Form):
            name = forms.CharField(widget=forms.TextInput(attrs={"class": "c"}))
            color = forms.ChoiceField(choices=[("r", "Red")])

        one, two = F(), F()
        one.fields["name"].widget.attrs["class"] = "changed"
        one.fields["name"].validators.append(lambda value: None)
        one.fields["color"].choices = [("b", "Blue")]
        self.assertEqual(two.fields["name"].widget.attrs, {"class": "c"})
        self.assertEqual(two.fields["name"].validators, F.base_fields["name"].validators)
        self.assertEqual(two.fields["color"].widget.choices, [("r", "Red")])
        self.assertEqual(F.base_fields["name"].widget.attrs, {"class": "c"})
        self.assertEqual(
            copy.copy(two.fields["name"]).__dict__.keys(), two.fields["name"].__dict__.keys()
        )
