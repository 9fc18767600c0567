"""Forms benchmark: nuages vs Django 5.2 in one process.

1. A form with 8 fields, bound, validated and rendered (as_div) per iteration.
2. A ModelForm bound, validated and saved (INSERT) on SQLite per iteration.

Run: python benchmarks/bench_forms.py  (a venv with nuages and 'django>=5.2,<5.3').
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

DATA = {
    "name": "Ada Lovelace",
    "email": "ada@example.com",
    "age": "36",
    "website": "https://example.com",
    "bio": "Mathematician.",
    "color": "g",
    "born": "1815-12-10",
    "subscribe": "on",
}
SAVE_DATA = {"title": "A title", "body": "Some text", "views": "3", "rating": "4.5"}


def timed(fn, n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def build(forms, models, app_label: str):
    class ContactForm(forms.Form):
        name = forms.CharField(max_length=100, help_text="Your name")
        email = forms.EmailField()
        age = forms.IntegerField(min_value=0, max_value=150)
        website = forms.URLField(required=False)
        bio = forms.CharField(widget=forms.Textarea, required=False)
        color = forms.ChoiceField(choices=[("r", "Red"), ("g", "Green"), ("b", "Blue")])
        born = forms.DateField()
        subscribe = forms.BooleanField(required=False)

    class Entry(models.Model):
        title = models.CharField(max_length=100)
        body = models.TextField(blank=True)
        views = models.IntegerField(default=0)
        rating = models.FloatField(null=True)

        Meta = type("Meta", (), {"app_label": app_label})

    class EntryForm(forms.ModelForm):
        class Meta:
            model = Entry
            fields = "__all__"

    def form_cycle() -> None:
        form = ContactForm(DATA)
        assert form.is_valid(), form.errors
        str(form)

    def save_cycle() -> None:
        form = EntryForm(SAVE_DATA)
        assert form.is_valid(), form.errors
        form.save()

    return Entry, form_cycle, save_cycle


def setup_nuages(db: str):
    import nuages
    from nuages.conf import settings

    settings.configure(
        INSTALLED_APPS=[],
        DATABASES={"default": {"ENGINE": "nuages.db.backends.sqlite3", "NAME": db}},
        USE_TZ=True,
    )
    nuages.setup(set_prefix=False)
    from nuages import forms
    from nuages.db import connection, models

    entry, form_cycle, save_cycle = build(forms, models, "benchforms")
    with connection.schema_editor() as editor:
        editor.create_model(entry)
    return form_cycle, save_cycle


def setup_django(db: str):
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=[],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": db}},
        USE_TZ=True,
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
        FORM_RENDERER="django.forms.renderers.DjangoTemplates",
    )
    django.setup()
    from django import forms
    from django.db import connection, models

    entry, form_cycle, save_cycle = build(forms, models, "benchforms")
    with connection.schema_editor() as editor:
        editor.create_model(entry)
    return form_cycle, save_cycle


def main() -> None:
    cycles = {}
    for name, setup in (("nuages", setup_nuages), ("django", setup_django)):
        # In-memory SQLite: measures the frameworks, not fsync of a file database.
        cycles[name] = setup(":memory:")
        for fn in cycles[name]:
            fn()
    # Rounds alternate between the frameworks and the best round counts, so a burst of load
    # on a shared machine does not land on one framework only.
    results = {name: [float("inf")] * 2 for name in cycles}
    for _ in range(5):
        for name, fns in cycles.items():
            for i, fn in enumerate(fns):
                results[name][i] = min(results[name][i], timed(fn, 200))
    print(f"{'benchmark':<44}{'nuages':>12}{'Django 5.2':>12}{'ratio':>8}")
    labels = ("8-field form: bind, validate, render", "ModelForm: bind, validate, save")
    for i, label in enumerate(labels):
        n, d = results["nuages"][i], results["django"][i]
        print(f"{label:<44}{n * 1e6:>10.1f}us{d * 1e6:>10.1f}us{d / n:>7.2f}x")


if __name__ == "__main__":
    main()
