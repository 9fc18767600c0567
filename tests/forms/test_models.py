"""ModelForm: the field mapping, validation (incl. uniqueness), save, modelform_factory;
model formsets (deletion, uniqueness across forms, tampering) and the model choice fields."""

import datetime
import decimal
import uuid

import pytest

from nuages import forms
from nuages.core.exceptions import FieldError, ImproperlyConfigured
from nuages.db import connections, models, transaction
from nuages.forms.models import construct_instance, fields_for_model, model_to_dict


class Book(models.Model):
    title = models.CharField(max_length=50, unique=True, help_text="The title")
    subtitle = models.CharField(max_length=50, blank=True, null=True)
    pages = models.PositiveIntegerField(default=100, verbose_name="page count")
    body = models.TextField(blank=True)
    genre = models.CharField(max_length=1, choices=[("f", "Fiction"), ("n", "Non-fiction")])
    hidden = models.CharField(max_length=5, editable=False, default="x")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "formtests"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Everything(models.Model):
    flag = models.BooleanField(default=False)
    maybe = models.BooleanField(null=True)
    char = models.CharField(max_length=10)
    text = models.TextField()
    slug = models.SlugField()
    email = models.EmailField()
    url = models.URLField()
    ip = models.GenericIPAddressField(protocol="ipv4")
    uid = models.UUIDField(default=uuid.uuid4)
    small = models.SmallIntegerField()
    big = models.BigIntegerField()
    num = models.IntegerField()
    pos = models.PositiveSmallIntegerField()
    posbig = models.PositiveBigIntegerField()
    fl = models.FloatField()
    dec = models.DecimalField(max_digits=5, decimal_places=2)
    day = models.DateField()
    moment = models.DateTimeField()
    at = models.TimeField()
    dur = models.DurationField()
    data = models.JSONField()
    blob = models.BinaryField()

    class Meta:
        app_label = "formtests"


class Pair(models.Model):
    a = models.CharField(max_length=5)
    b = models.CharField(max_length=5)

    class Meta:
        app_label = "formtests"
        unique_together = [("a", "b")]


MODELS = [Book, Everything, Pair]


@pytest.fixture
def tables():
    conn = connections["default"]
    existing = set(conn.introspection.table_names())
    with conn.schema_editor() as editor:
        for model in MODELS:
            if model._meta.db_table not in existing:
                editor.create_model(model)
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


class BookForm(forms.ModelForm):
    class Meta:
        model = Book
        fields = "__all__"


def test_mapping_for_every_field():
    fields = fields_for_model(Everything)
    expected = {
        "flag": forms.BooleanField,
        "maybe": forms.NullBooleanField,
        "char": forms.CharField,
        "text": forms.CharField,
        "slug": forms.SlugField,
        "email": forms.EmailField,
        "url": forms.URLField,
        "ip": forms.GenericIPAddressField,
        "uid": forms.UUIDField,
        "small": forms.IntegerField,
        "big": forms.IntegerField,
        "num": forms.IntegerField,
        "pos": forms.IntegerField,
        "posbig": forms.IntegerField,
        "fl": forms.FloatField,
        "dec": forms.DecimalField,
        "day": forms.DateField,
        "moment": forms.DateTimeField,
        "at": forms.TimeField,
        "dur": forms.DurationField,
        "data": forms.JSONField,
    }
    # id (AutoField) and blob (BinaryField, not editable) are left out.
    assert list(fields) == list(expected)
    for name, cls in expected.items():
        assert type(fields[name]) is cls, name
    assert isinstance(fields["text"].widget, forms.Textarea)
    assert fields["char"].max_length == 10
    assert fields["dec"].max_digits == 5 and fields["dec"].decimal_places == 2
    assert fields["pos"].min_value == 0 and fields["posbig"].min_value == 0
    assert fields["flag"].required is False
    assert fields["uid"].initial is uuid.uuid4 and fields["uid"].show_hidden_initial


def test_options_mapping():
    form = BookForm()
    assert list(form.fields) == ["title", "subtitle", "pages", "body", "genre"]
    f = form.fields
    assert f["title"].required and f["title"].help_text == "The title"
    assert f["subtitle"].required is False and f["subtitle"].empty_value is None
    assert f["pages"].label == "Page count" and f["pages"].initial == 100
    assert isinstance(f["genre"], forms.TypedChoiceField)
    assert list(f["genre"].choices) == [("", "---------"), ("f", "Fiction"), ("n", "Non-fiction")]


def test_meta_options():
    class Custom(forms.ModelForm):
        extra = forms.CharField(required=False)

        class Meta:
            model = Book
            fields = ["title", "pages", "body"]
            widgets = {"title": forms.Textarea}
            labels = {"title": "Name"}
            help_texts = {"pages": "How many"}
            error_messages = {"title": {"required": "Title please"}}
            field_classes = {"body": forms.SlugField}
            localized_fields = ["pages"]

    form = Custom({})
    assert list(form.fields) == ["title", "pages", "body", "extra"]
    assert isinstance(form.fields["title"].widget, forms.Textarea)
    assert form.fields["title"].label == "Name"
    assert form.fields["pages"].help_text == "How many"
    assert form.fields["pages"].localize
    assert isinstance(form.fields["body"], forms.SlugField)
    assert form.errors["title"] == ["Title please"]


def test_exclude_and_callback():
    calls = []

    def callback(field, **kwargs):
        calls.append(field.name)
        return field.formfield(**kwargs)

    class Excl(forms.ModelForm):
        class Meta:
            model = Book
            exclude = ["body", "genre"]
            formfield_callback = callback

    assert list(Excl.base_fields) == ["title", "subtitle", "pages"]
    assert calls == ["id", "title", "subtitle", "pages"]  # id: formfield() is None


def test_configuration_errors():
    with pytest.raises(ImproperlyConfigured, match="without either the 'fields' attribute"):

        class NoFields(forms.ModelForm):
            class Meta:
                model = Book

    with pytest.raises(FieldError, match=r"Unknown field\(s\) \(nope\) specified for Book"):

        class Unknown(forms.ModelForm):
            class Meta:
                model = Book
                fields = ["title", "nope"]

    with pytest.raises(FieldError, match="non-editable field"):

        class NonEditable(forms.ModelForm):
            class Meta:
                model = Book
                fields = ["hidden"]

    with pytest.raises(TypeError, match=r"Did you mean to type: \('title',\)\?"):

        class AsString(forms.ModelForm):
            class Meta:
                model = Book
                fields = "title"

    with pytest.raises(ValueError, match="ModelForm has no model class specified."):
        forms.ModelForm()
    with pytest.raises(ImproperlyConfigured, match="modelform_factory without defining"):
        forms.modelform_factory(Book)


def test_create_and_update(tables):
    form = BookForm({"title": "Dune", "pages": "412", "genre": "f"})
    assert form.is_valid(), form.errors
    book = form.save()
    assert book.pk is not None
    saved = Book.objects.get(pk=book.pk)
    assert (saved.title, saved.pages, saved.genre, saved.subtitle) == ("Dune", 412, "f", None)

    form = BookForm(instance=saved)
    assert form.initial["title"] == "Dune" and form["pages"].value() == 412
    form = BookForm({"title": "Dune II", "pages": "500", "genre": "n"}, instance=saved)
    assert form.is_valid(), form.errors
    assert form.save() is saved
    assert Book.objects.get(pk=book.pk).title == "Dune II"
    assert Book.objects.count() == 1


def test_commit_false(tables):
    form = BookForm({"title": "Emma", "pages": "10", "genre": "f"})
    book = form.save(commit=False)
    assert book.pk is None and Book.objects.count() == 0
    book.hidden = "yes"
    book.save()
    form.save_m2m()
    assert Book.objects.get().hidden == "yes"


def test_invalid_data_is_never_saved(tables):
    form = BookForm({"title": "", "pages": "-3", "genre": "z"})
    assert not form.is_valid()
    assert form.errors == {
        "title": ["This field is required."],
        "pages": ["Ensure this value is greater than or equal to 0."],
        "genre": ["Select a valid choice. z is not one of the available choices."],
    }
    with pytest.raises(ValueError, match="The Book could not be created because the data didn't"):
        form.save()
    for bad in ({"title": "x" * 51, "pages": "1", "genre": "f"}, {"pages": "abc"}, {}):
        assert not BookForm(bad).is_valid()
    assert Book.objects.count() == 0


def test_omitted_field_keeps_model_default(tables):
    class Optional(BookForm):
        pages = forms.IntegerField(required=False)

    form = Optional({"title": "T", "genre": "f"})
    assert form.is_valid(), form.errors
    assert form.save().pages == 100


def test_unique_errors(tables):
    Book.objects.create(title="Dune", genre="f")
    form = BookForm({"title": "Dune", "pages": "1", "genre": "f"})
    assert not form.is_valid()
    assert form.errors["title"] == ["Book with this Title already exists."]
    # Editing the same object is not a clash.
    book = Book.objects.get()
    assert BookForm({"title": "Dune", "pages": "2", "genre": "f"}, instance=book).is_valid()

    PairForm = forms.modelform_factory(Pair, fields="__all__")
    Pair.objects.create(a="x", b="y")
    form = PairForm({"a": "x", "b": "y"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Pair with this A and B already exists."]
    # Not checked when a field of the pair is not on the form.
    assert forms.modelform_factory(Pair, fields=["a"])({"a": "x"}).is_valid()


def test_model_clean_errors_become_form_errors(tables):
    class Checked(Book):
        class Meta:
            proxy = True
            app_label = "formtests"

        def clean(self):
            from nuages.core.exceptions import ValidationError

            if self.title == "bad":
                raise ValidationError("No bad titles.")

    form = forms.modelform_factory(Checked, fields=["title", "genre"])(
        {"title": "bad", "genre": "f"}
    )
    assert not form.is_valid()
    assert form.non_field_errors() == ["No bad titles."]


def test_every_field_round_trip(tables):
    EverythingForm = forms.modelform_factory(Everything, exclude=[])
    data = {
        "flag": "on",
        "maybe": "true",
        "char": "c",
        "text": "t",
        "slug": "a-slug",
        "email": "a@example.com",
        "url": "https://example.com",
        "ip": "10.0.0.1",
        "uid": "12345678123456781234567812345678",
        "small": "1",
        "big": "9000000000",
        "num": "-5",
        "pos": "5",
        "posbig": "6",
        "fl": "1.5",
        "dec": "3.25",
        "day": "2024-02-29",
        "moment": "2024-01-02 03:04:05",
        "at": "10:30",
        "dur": "1:00:00",
        "data": '{"a": [1, 2]}',
    }
    form = EverythingForm(data)
    assert form.is_valid(), form.errors
    obj = Everything.objects.get(pk=form.save().pk)
    assert obj.flag is True and obj.maybe is True
    assert obj.uid == uuid.UUID("12345678123456781234567812345678")
    assert obj.dec == decimal.Decimal("3.25") and obj.day == datetime.date(2024, 2, 29)
    assert obj.dur == datetime.timedelta(hours=1) and obj.data == {"a": [1, 2]}
    # Wrong types everywhere: form errors, nothing stored.
    bad = dict.fromkeys(data, "not valid !")
    form = EverythingForm(bad)
    assert not form.is_valid()
    assert set(form.errors) >= {"slug", "email", "ip", "uid", "num", "fl", "dec", "day", "data"}
    assert Everything.objects.count() == 1


def test_model_to_dict_and_construct_instance():
    book = Book(title="A", pages=3, genre="f")
    assert model_to_dict(book) == {
        "id": None,
        "title": "A",
        "subtitle": None,
        "pages": 3,
        "body": "",
        "genre": "f",
    }
    assert model_to_dict(book, fields=["title"]) == {"title": "A"}
    assert "title" not in model_to_dict(book, exclude=["title"])
    form = BookForm({"title": "B", "pages": "4", "genre": "n"})
    assert form.is_valid()
    target = Book()
    construct_instance(form, target, fields=["title"])
    assert target.title == "B" and target.pages == 100


def test_rendering():
    html = str(BookForm())
    assert 'name="title"' in html and 'maxlength="50"' in html
    assert '<textarea name="body"' in html
    assert '<option value="f">Fiction</option>' in html


# -- model formsets and model choice fields --------------------------------------------------
BookFormSet = forms.modelformset_factory(
    Book, fields=["title", "pages", "genre"], extra=1, can_delete=True
)


def make(*titles):
    return [Book.objects.create(title=t, genre="f") for t in titles]


def data(rows, initial, total=None):
    d = {"form-TOTAL_FORMS": str(total or len(rows)), "form-INITIAL_FORMS": str(initial)}
    for i, row in enumerate(rows):
        for k, v in row.items():
            d[f"form-{i}-{k}"] = v
    return d


def test_unbound_formset_lists_the_queryset(tables):
    a, b = make("A", "B")
    fs = BookFormSet()
    assert len(fs.forms) == 3 and fs.initial_form_count() == 2
    assert fs.forms[0].instance == a and fs.forms[1]["title"].value() == "B"
    assert 'type="hidden" name="form-0-id"' in str(fs.forms[0])
    fs = BookFormSet(queryset=Book.objects.filter(title="B"))
    assert [f.instance for f in fs.initial_forms] == [b]


def test_save_changes_new_and_deleted(tables):
    a, b = make("A", "B")
    rows = [
        {"id": str(a.pk), "title": "A2", "pages": "1", "genre": "f"},
        {"id": str(b.pk), "title": "B", "pages": "100", "genre": "f", "DELETE": "on"},
        {"title": "C", "pages": "3", "genre": "n"},
    ]
    fs = BookFormSet(data(rows, 2))
    assert fs.is_valid(), fs.errors
    saved = fs.save()
    assert [o.title for o in saved] == ["A2", "C"]
    assert fs.changed_objects == [(a, ["title", "pages"])]
    assert [o.title for o in fs.deleted_objects] == ["B"] and [o.title for o in fs.new_objects] == [
        "C"
    ]
    assert sorted(Book.objects.values_list("title", flat=True)) == ["A2", "C"]


def test_formset_commit_false(tables):
    fs = BookFormSet(data([{"title": "N", "pages": "1", "genre": "f"}], 0))
    assert fs.is_valid()
    objs = fs.save(commit=False)
    assert Book.objects.count() == 0
    for obj in objs:
        obj.save()
    fs.save_m2m()
    assert Book.objects.count() == 1


def test_unique_across_forms(tables):
    rows = [
        {"title": "Same", "pages": "1", "genre": "f"},
        {"title": "Same", "pages": "2", "genre": "f"},
    ]
    fs = forms.modelformset_factory(Book, fields=["title", "pages", "genre"], extra=2)(
        data(rows, 0)
    )
    assert not fs.is_valid()
    assert fs.non_form_errors() == ["Please correct the duplicate data for title."]
    assert fs.forms[1].non_field_errors() == ["Please correct the duplicate values below."]
    assert Book.objects.count() == 0


def test_tampered_pk_is_an_error_not_a_new_row(tables):
    (a,) = make("A")
    for pk in ("999", "abc", ""):
        rows = [{"id": pk, "title": "X", "pages": "1", "genre": "f"}]
        fs = BookFormSet(data(rows, 1))
        assert not fs.is_valid(), pk
    fs = BookFormSet({"form-TOTAL_FORMS": "x"})
    assert not fs.is_valid()
    assert list(Book.objects.values_list("title", flat=True)) == ["A"]


def test_factory_requires_fields(tables):
    with pytest.raises(ImproperlyConfigured, match="modelformset_factory without defining"):
        forms.modelformset_factory(Book)
    with pytest.raises(NotImplementedError, match="ForeignKey"):
        forms.inlineformset_factory(Book, Book, fields="__all__")


def test_model_choice_field(tables):
    a, b = make("A", "B")
    field = forms.ModelChoiceField(Book.objects.all())
    assert [(str(v), label) for v, label in field.choices] == [
        ("", "---------"),
        (str(a.pk), "A"),
        (str(b.pk), "B"),
    ]
    assert len(field.choices) == 3
    assert field.clean(str(b.pk)) == b
    for bad in ("999", "abc", "9" * 30, ["x"]):
        with pytest.raises(forms.ValidationError) as exc:
            field.clean(bad)
        assert exc.value.messages == [
            "Select a valid choice. That choice is not one of the available choices."
        ]
    with pytest.raises(forms.ValidationError, match="required"):
        field.clean("")
    assert forms.ModelChoiceField(Book.objects.all(), required=False).clean("") is None
    by_title = forms.ModelChoiceField(Book.objects.all(), to_field_name="title")
    assert by_title.clean("A") == a and by_title.prepare_value(a) == "A"
    html = forms.ModelChoiceField(Book.objects.all()).widget.render("b", b.pk)
    assert f'<option value="{b.pk}" selected>B</option>' in html
    # The queryset is evaluated when rendered: a new row shows up.
    (c,) = make("C")
    assert f'value="{c.pk}"' in field.widget.render("b", None)


def test_model_choice_field_in_a_form_is_copied(tables):
    make("A")

    class F(forms.Form):
        book = forms.ModelChoiceField(Book.objects.all())

    f1, f2 = F(), F()
    f1.fields["book"].queryset = Book.objects.none()
    assert len(list(f2.fields["book"].choices)) == 2


def test_model_multiple_choice_field(tables):
    a, b, c = make("A", "B", "C")
    field = forms.ModelMultipleChoiceField(Book.objects.all())
    assert list(field.clean([str(a.pk), str(c.pk)])) == [a, c]
    with pytest.raises(forms.ValidationError, match="Enter a list of values."):
        field.clean("notalist")
    with pytest.raises(forms.ValidationError, match="is not a valid value"):
        field.clean(["abc"])
    with pytest.raises(forms.ValidationError, match="999 is not one of the available choices"):
        field.clean([str(a.pk), "999"])
    with pytest.raises(forms.ValidationError, match="required"):
        field.clean([])
    optional = forms.ModelMultipleChoiceField(Book.objects.all(), required=False)
    assert list(optional.clean([])) == []
    assert field.has_changed([a], [str(a.pk)]) is False
    assert field.has_changed([a], [str(b.pk)]) is True
