"""Bad input is a form error, never an exception: every field against hostile values."""

import pytest

from nuages import forms
from nuages.core.exceptions import ValidationError
from nuages.utils.datastructures import MultiValueDict

GARBAGE = [
    "",
    " ",
    "x" * 100_000,
    "9" * 10_000,
    "\x00",
    "1e999999",
    "-inf",
    "NaN",
    "[1",
    "{",
    "😀",
    ["a", "b"],
    {"a": 1},
    12,
    -1,
    3.5,
    True,
    b"bytes",
    object(),
]


def all_fields():
    return [
        forms.CharField(max_length=10),
        forms.IntegerField(min_value=0, max_value=10),
        forms.FloatField(),
        forms.DecimalField(max_digits=5, decimal_places=2),
        forms.BooleanField(),
        forms.NullBooleanField(),
        forms.DateField(),
        forms.TimeField(),
        forms.DateTimeField(),
        forms.DurationField(),
        forms.EmailField(),
        forms.URLField(),
        forms.SlugField(),
        forms.RegexField(r"^a+$"),
        forms.UUIDField(),
        forms.GenericIPAddressField(),
        forms.JSONField(),
        forms.ChoiceField(choices=[("a", "A")]),
        forms.TypedChoiceField(choices=[("1", "1")], coerce=int),
        forms.MultipleChoiceField(choices=[("a", "A")]),
        forms.TypedMultipleChoiceField(choices=[("1", "1")], coerce=int),
        forms.FileField(),
        forms.SplitDateTimeField(),
        forms.ComboField(fields=[forms.CharField(), forms.EmailField()]),
    ]


@pytest.mark.parametrize("field", all_fields(), ids=lambda f: type(f).__name__)
def test_clean_only_raises_validation_error(field):
    for value in GARBAGE:
        try:
            field.clean(value)
        except ValidationError:
            pass


def test_whole_form_with_garbage_querydict():
    class Everything(forms.Form):
        locals().update({f"f{i}": field for i, field in enumerate(all_fields())})

    for value in GARBAGE:
        if not isinstance(value, (str, list)):
            continue
        values = value if isinstance(value, list) else [value]
        data = MultiValueDict({name: values for name in Everything.base_fields})
        data.update(
            {f"{name}_{i}": v for name in Everything.base_fields for i, v in enumerate(values)}
        )
        form = Everything(data, MultiValueDict({"f21": values}))
        form.is_valid()
        str(form)
        form.errors.as_json()
