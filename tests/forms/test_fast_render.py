"""The Python twins of the simple form templates give exactly the templates' text.

The test environment records every template render, which turns the shortcuts off; these
tests turn them back on where they need them.
"""

from unittest import mock

from nuages import forms
from nuages.forms import renderers
from nuages.forms._fast import FAST_TEMPLATES
from nuages.forms.renderers import DjangoTemplates
from nuages.forms.utils import ErrorDict, ErrorList
from nuages.test import SimpleTestCase
from nuages.utils.safestring import mark_safe

ATTRS = [
    {},
    {"id": "id_f", "required": True, "maxlength": 100},
    {"class": "a \"b\" <c> & 'd'", "disabled": False, "x": None, "checked": True},
    {"data-n": 3.5},  # not a plain value: the template renders it
    {"s": mark_safe("<b>")},
    {"n": True, "m": 0, "<k>": "v"},
]
VALUES = [None, "", "v", "<a href='x'>&amp;</a>", 12, mark_safe("<i>")]


def contexts():
    for attrs in ATTRS:
        for value in VALUES:
            for type_ in ("text", "checkbox", 'x"y'):
                yield {
                    "widget": {
                        "name": "f<",
                        "is_hidden": False,
                        "required": True,
                        "value": value,
                        "attrs": dict(attrs),
                        "template_name": "",
                        "type": type_,
                    }
                }
    yield {"widget": {"name": 3, "type": "text", "value": None, "attrs": {}}}
    yield {"widget": "not a dict"}
    yield {}


def label_contexts():
    for label in ("Name:", "A <b> & 'c'", mark_safe("<b>Bold</b>:"), "  spaced  ", "", None):
        for attrs in (None, {}, {"for": "id_f", "class": "required"}, {"x": 1.5}):
            for use_tag in (True, False):
                for tag in ("label", "legend"):
                    yield {
                        "field": None,
                        "label": label,
                        "attrs": attrs,
                        "use_tag": use_tag,
                        "tag": tag,
                    }


def error_contexts(kind):
    renderer = DjangoTemplates()
    if kind == "list":
        yield {"errors": ErrorList(renderer=renderer), "error_class": "errorlist"}
        yield {
            "errors": ErrorList(["a <b>"], renderer=renderer, field_id="id_f"),
            "error_class": "errorlist",
        }
        yield {"errors": [], "error_class": "errorlist"}
        yield {"errors": "", "error_class": "errorlist"}
        return
    yield {"errors": ErrorDict(renderer=renderer).items(), "error_class": "errorlist"}
    yield {
        "errors": ErrorDict({"f": ErrorList(["x"])}, renderer=renderer).items(),
        "error_class": "errorlist",
    }
    yield {"errors": {}, "error_class": "errorlist"}
    yield {"errors": 0, "error_class": "errorlist"}


TEMPLATES = DjangoTemplates()


def shortcuts_on():
    return mock.patch.object(renderers, "_plain_render", renderers._EngineTemplate._render)


class TestTwins(SimpleTestCase):
    def check(self, name, context):
        fast = FAST_TEMPLATES[name](context)
        expected = TEMPLATES.get_template(name).render(context).strip()
        if fast is not None:
            self.assertEqual(fast, expected, (name, context))
        return fast is not None

    def test_every_twin_matches_its_template(self):
        for name in FAST_TEMPLATES:
            if name in (
                "django/forms/div.html",
                "django/forms/field.html",
                "django/forms/widgets/select.html",
            ):
                continue  # TestDivTwin, TestFieldTwin, TestSelectTwin
            if name.startswith("django/forms/widgets/"):
                cases = list(contexts())
            elif name == "django/forms/label.html":
                cases = list(label_contexts())
            else:
                cases = list(error_contexts(name.split("/")[3]))
            shortcuts = [self.check(name, context) for context in cases]
            self.assertTrue(any(shortcuts), name)
            self.assertFalse(all(shortcuts), name)

    def test_forms_render_the_same_with_and_without_shortcuts(self):
        class F(forms.Form):
            name = forms.CharField(max_length=10, help_text="<b>help</b>", label="N'ame")
            bio = forms.CharField(widget=forms.Textarea)
            ok = forms.BooleanField(required=False)
            when = forms.DateField(required=False)
            hid = forms.IntegerField(widget=forms.HiddenInput, initial=3)

        renderer = DjangoTemplates()
        with shortcuts_on():
            self.assertTrue(renderer._shortcuts_allowed())
        for data in (None, {"name": "<x>" * 5, "bio": "a\nb", "ok": "on", "when": "bad"}):
            with shortcuts_on():
                fast = [str(F(data)), F(data).as_p(), F(data).as_table(), str(F(data).errors)]
            renderer = DjangoTemplates()
            renderer._builtin = False  # every template renders
            slow = [
                str(F(data, renderer=renderer)),
                F(data, renderer=renderer).as_p(),
                F(data, renderer=renderer).as_table(),
                str(F(data, renderer=renderer).errors),
            ]
            self.assertEqual(fast, slow)


class TestWhenShortcutsApply(SimpleTestCase):
    def test_stock_renderer(self):
        with shortcuts_on():
            self.assertTrue(DjangoTemplates()._shortcuts_allowed())

    def test_subclass_with_its_own_templates(self):
        class Custom(DjangoTemplates):
            def get_template(self, template_name):
                return super().get_template(template_name)

        with shortcuts_on():
            self.assertFalse(Custom()._shortcuts_allowed())

    def test_debug_engine(self):
        renderer = DjangoTemplates()
        renderer.engine.engine.debug = True
        with shortcuts_on():
            self.assertFalse(renderer._shortcuts_allowed())

    def test_recorded_renders(self):
        original = renderers._plain_render
        seen = []

        def recording(template, context):
            seen.append(template.origin.template_name)
            return original(template, context)

        saved = renderers._EngineTemplate._render
        renderers._EngineTemplate._render = recording
        try:
            html = forms.TextInput().render("f", "v", renderer=DjangoTemplates())
        finally:
            renderers._EngineTemplate._render = saved
        self.assertEqual(html, '<input type="text" name="f" value="v">')
        self.assertIn("django/forms/widgets/text.html", seen)


class TestFieldTwin(SimpleTestCase):
    def test_field_template_twin(self):
        class F(forms.Form):
            name = forms.CharField(help_text=mark_safe("<b>help</b>"), label="N'ame <x>")
            empty_label = forms.CharField(label="", required=False)
            radio = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
            boxes = forms.MultipleChoiceField(
                choices=[("a", "A")], widget=forms.CheckboxSelectMultiple, help_text="h & h"
            )
            hid = forms.CharField(widget=forms.HiddenInput, required=False)
            split = forms.SplitDateTimeField(required=False)

        shortcuts = 0
        for data in (None, {"name": "<x>", "radio": "z"}, {}):
            for auto_id in ("id_%s", False):
                form = F(data, auto_id=auto_id)
                for bf in form:
                    context = {"field": bf}
                    expected = TEMPLATES.get_template("django/forms/field.html")
                    expected = expected.render(context).strip()
                    with shortcuts_on():
                        fast = FAST_TEMPLATES["django/forms/field.html"](context)
                    if fast is not None:
                        shortcuts += 1
                        self.assertEqual(fast, expected, bf.name)
        self.assertEqual(shortcuts, 36)
        self.assertIsNone(FAST_TEMPLATES["django/forms/field.html"]({"field": "x"}))


class TestSelectTwin(SimpleTestCase):
    def test_select_template_twin(self):
        from nuages.utils.translation import gettext_lazy

        choices = [
            ("", "---"),
            (1, gettext_lazy("One")),
            ("Group <g>", [("a", "A & a"), (2, 2)]),
            (3.5, "float value"),  # not a plain value: the template renders it
        ]
        cases = 0
        for widget in (forms.Select(choices=choices[:3]), forms.Select(choices=choices)):
            for value in (None, "a", 1, ["2"]):
                context = widget.get_context("f<", value, {"id": "id_f", "required": True})
                expected = TEMPLATES.get_template("django/forms/widgets/select.html")
                expected = expected.render(context).strip()
                fast = FAST_TEMPLATES["django/forms/widgets/select.html"](context)
                if fast is not None:
                    cases += 1
                    self.assertEqual(fast, expected)
        self.assertEqual(cases, 4)
        context = forms.Select(choices=choices[:2]).get_context("f", None, {})
        del context["widget"]["optgroups"][0][1][0]["label"]
        self.assertIsNone(FAST_TEMPLATES["django/forms/widgets/select.html"](context))


class TestDivTwin(SimpleTestCase):
    def test_div_template_twin(self):
        class Hidden(forms.Form):
            a = forms.CharField(widget=forms.HiddenInput)
            b = forms.IntegerField(widget=forms.HiddenInput, required=False)

        class Mixed(Hidden):
            name = forms.CharField(help_text="h")
            ok = forms.BooleanField(required=False)

            def clean(self):
                raise forms.ValidationError("form <error>")

        class Empty(forms.Form):
            def clean(self):
                raise forms.ValidationError("empty")

        cases = 0
        for form_class in (Hidden, Mixed, Empty):
            for data in (None, {}, {"a": "x", "b": "y", "name": "n"}):
                form = form_class(data)
                context = form.get_context()
                expected = TEMPLATES.get_template("django/forms/div.html")
                expected = expected.render(context).strip()
                with shortcuts_on():
                    fast = FAST_TEMPLATES["django/forms/div.html"](context)
                    self.assertEqual(fast, expected, (form_class, data))
                    cases += 1
        self.assertEqual(cases, 9)
        self.assertIsNone(FAST_TEMPLATES["django/forms/div.html"]({"fields": []}))
