"""The Jinja2 TEMPLATES backend: environment option, request/csrf in context, error translation."""

import sys
import types

import jinja2
import pytest

from nuages.middleware.csrf import _unmask_cipher_token
from nuages.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from nuages.template.backends.jinja2 import Jinja2
from nuages.template.loader import get_template, render_to_string
from nuages.test import RequestFactory, override_settings

rf = RequestFactory()

_ENV_MODULE = "nuages_test_jinja2_env"


def environment(**options):
    env = jinja2.Environment(**options)
    env.globals["shout"] = lambda s: s.upper() + "!"
    env.filters["twice"] = lambda s: s * 2
    return env


class CustomEnvironment(jinja2.Environment):
    pass


_mod = types.ModuleType(_ENV_MODULE)
_mod.environment = environment
_mod.CustomEnvironment = CustomEnvironment
sys.modules[_ENV_MODULE] = _mod


@pytest.fixture
def jinja_dir(tmp_path):
    (tmp_path / "hello.html").write_text("Hello {{ name }}{{ shout('x') if shout is defined }}")
    (tmp_path / "req.html").write_text(
        "{{ request.path }}|{{ csrf_input }}|{{ csrf_token }}|{{ extra }}"
    )
    (tmp_path / "broken.html").write_text("line 1\nline 2\n{% if %}\nline 4\n")
    (tmp_path / "renders_broken.html").write_text("{% include 'broken.html' %}")
    return tmp_path


def backend(jinja_dir, **options):
    return Jinja2({"NAME": "jinja2", "DIRS": [jinja_dir], "APP_DIRS": False, "OPTIONS": options})


def extra_processor(request):
    return {"extra": f"processed {request.method}"}


def test_render_from_dirs_autoescapes(jinja_dir):
    engine = backend(jinja_dir)
    assert engine.get_template("hello.html").render({"name": "<b>"}) == "Hello &lt;b&gt;"


def test_environment_option_as_dotted_path_to_function(jinja_dir):
    engine = backend(jinja_dir, environment=f"{_ENV_MODULE}.environment")
    assert engine.get_template("hello.html").render({"name": "A"}) == "Hello AX!"
    assert engine.from_string("{{ 'ab'|twice }}").render() == "abab"


def test_environment_option_as_class(jinja_dir):
    engine = backend(jinja_dir, environment=f"{_ENV_MODULE}.CustomEnvironment")
    assert isinstance(engine.env, CustomEnvironment)
    # The backend's defaults reach the environment.
    assert engine.env.autoescape is True
    assert isinstance(engine.env.loader, jinja2.FileSystemLoader)


def test_request_csrf_and_context_processors(jinja_dir):
    engine = backend(jinja_dir, context_processors=[f"{__name__}.extra_processor"])
    request = rf.get("/page/")
    out = engine.get_template("req.html").render({}, request)
    path, csrf_input, csrf_token, extra = out.split("|")
    assert path == "/page/"
    assert csrf_input.startswith('<input type="hidden" name="csrfmiddlewaretoken" value="')
    # Each use masks the secret afresh: the two tokens differ but carry the same secret.
    input_token = csrf_input.split('value="')[1].split('"')[0]
    assert csrf_token and _unmask_cipher_token(csrf_token) == _unmask_cipher_token(input_token)
    assert extra == "processed GET"


def test_without_request_no_csrf(jinja_dir):
    engine = backend(jinja_dir)
    source = "{{ request is defined }} {{ csrf_input is defined }} {{ csrf_token is defined }}"
    assert engine.from_string(source).render({}) == "False False False"


def test_missing_template_raises_template_does_not_exist(jinja_dir):
    engine = backend(jinja_dir)
    with pytest.raises(TemplateDoesNotExist, match="missing.html") as info:
        engine.get_template("missing.html")
    assert info.value.backend is engine


def test_syntax_error_carries_debug_info(jinja_dir):
    engine = backend(jinja_dir)
    with pytest.raises(TemplateSyntaxError) as info:
        engine.get_template("broken.html")
    debug = info.value.template_debug
    assert debug["line"] == 3
    assert debug["during"] == "{% if %}"
    assert debug["name"].endswith("broken.html")
    assert debug["total"] == 4
    assert (3, "{% if %}") in debug["source_lines"]
    assert "Expected an expression" in debug["message"]


def test_syntax_error_while_rendering_is_translated(jinja_dir):
    engine = backend(jinja_dir)
    template = engine.get_template("renders_broken.html")
    with pytest.raises(TemplateSyntaxError) as info:
        template.render({})
    assert info.value.template_debug["line"] == 3


def test_origin(jinja_dir):
    template = backend(jinja_dir).get_template("hello.html")
    assert template.origin.template_name == "hello.html"
    assert template.origin.name == str(jinja_dir / "hello.html")


def test_configured_in_templates_setting(jinja_dir):
    setting = [
        {
            "BACKEND": "nuages.template.backends.jinja2.Jinja2",
            "DIRS": [jinja_dir],
            "OPTIONS": {"environment": f"{_ENV_MODULE}.environment"},
        }
    ]
    with override_settings(TEMPLATES=setting):
        assert isinstance(engines["jinja2"], Jinja2)
        assert render_to_string("hello.html", {"name": "S"}) == "Hello SX!"
        assert get_template("hello.html").render({"name": "T"}) == "Hello TX!"
        with pytest.raises(TemplateDoesNotExist):
            get_template("nope.html")


def test_unknown_parameter_is_rejected(jinja_dir):
    from nuages.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="Unknown parameters: BOGUS"):
        Jinja2({"NAME": "j", "DIRS": [], "APP_DIRS": False, "OPTIONS": {}, "BOGUS": 1})
