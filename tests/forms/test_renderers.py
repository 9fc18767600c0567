"""Form renderers: cached templates follow TEMPLATES changes and stay per renderer."""

from pathlib import Path

from nuages import forms
from nuages.forms.renderers import DjangoTemplates, TemplatesSetting
from nuages.test import SimpleTestCase, override_settings


class NameForm(forms.Form):
    name = forms.CharField()


def templates_in(directory: Path) -> list:
    return [
        {
            "BACKEND": "nuages.template.backends.django.DjangoTemplates",
            "DIRS": [str(directory)],
        }
    ]


class TestTemplateCache(SimpleTestCase):
    def test_engine_renderer_reuses_loaded_templates(self):
        renderer = DjangoTemplates()
        first = renderer.get_template("django/forms/widgets/text.html")
        self.assertIs(renderer.get_template("django/forms/widgets/text.html"), first)
        # Another renderer has its own engine and templates.
        self.assertIsNot(DjangoTemplates().get_template("django/forms/widgets/text.html"), first)

    def test_templates_setting_follows_templates_changes(self):
        import tempfile

        with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
            for directory, text in ((one, "ONE"), (two, "TWO")):
                path = Path(directory) / "django/forms/widgets/text.html"
                path.parent.mkdir(parents=True)
                path.write_text(text + " {{ widget.name }}")
            renderer = TemplatesSetting()
            widget = forms.TextInput()
            with override_settings(TEMPLATES=templates_in(Path(one))):
                self.assertEqual(widget.render("a", None, renderer=renderer), "ONE a")
                self.assertEqual(widget.render("b", None, renderer=renderer), "ONE b")
            with override_settings(TEMPLATES=templates_in(Path(two))):
                self.assertEqual(widget.render("a", None, renderer=renderer), "TWO a")

    def test_debug_templates_are_not_kept(self):
        import tempfile

        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "django/forms/widgets/text.html"
            path.parent.mkdir(parents=True)
            path.write_text("first")
            config = templates_in(Path(directory))
            config[0]["OPTIONS"] = {"debug": True}
            renderer = TemplatesSetting()
            with override_settings(TEMPLATES=config):
                template = renderer.get_template("django/forms/widgets/text.html")
                self.assertNotIn(
                    "django/forms/widgets/text.html",
                    vars(renderer).get("_template_cache").templates,
                )
                self.assertEqual(template.render({}), "first")

    def test_form_renderer_argument_is_used(self):
        class Custom(DjangoTemplates):
            form_template_name = "django/forms/p.html"

        html = str(NameForm(renderer=Custom()))
        self.assertTrue(html.startswith("<p>"), html)
        self.assertTrue(str(NameForm()).startswith("<div>"))
