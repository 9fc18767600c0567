"""Templates from installed apps: the app_directories loader, templatetags discovery,
{% static %}, shortcuts.render and TemplateView through the test client."""

import sys
import types

import pytest

from nuages.shortcuts import render
from nuages.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from nuages.template.loader import get_template, render_to_string
from nuages.test import Client, RequestFactory, override_settings
from nuages.urls import path
from nuages.views.generic import TemplateView

APP = "nuages_tmp_blog"
DJANGO_BACKEND = [{"BACKEND": "nuages.template.backends.django.DjangoTemplates"}]


@pytest.fixture
def blog_app(tmp_path, monkeypatch):
    """A throw-away installed app with templates/ and templatetags/."""
    package = tmp_path / APP
    (package / "templates" / "blog").mkdir(parents=True)
    (package / "templatetags").mkdir()
    (package / "__init__.py").write_text("")
    (package / "templatetags" / "__init__.py").write_text("")
    (package / "templatetags" / "blog_extras.py").write_text(
        "from nuages.template import Library\n"
        "register = Library()\n\n"
        "@register.filter\n"
        "def shout(value):\n"
        "    return str(value).upper() + '!'\n"
    )
    (package / "templates" / "blog" / "post.html").write_text(
        "{% load blog_extras static %}{{ title|shout }} <link href=\"{% static 'blog/s.css' %}\">"
    )
    (package / "templates" / "blog" / "base.html").write_text("[{% block c %}{% endblock %}]")
    (package / "templates" / "blog" / "child.html").write_text(
        "{% extends 'blog/base.html' %}{% block c %}{{ title }}{% endblock %}"
    )
    (package / "templates" / "blog" / "view.html").write_text(
        "{{ title }}|{{ request.path }}|{{ view.kind }}"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    settings = {
        "INSTALLED_APPS": [APP],
        "STATIC_URL": "/static/",
        "TEMPLATES": [
            {
                "BACKEND": "nuages.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {"context_processors": ["nuages.template.context_processors.request"]},
            }
        ],
    }
    with override_settings(**settings):
        yield package
    for name in [m for m in sys.modules if m == APP or m.startswith(APP + ".")]:
        del sys.modules[name]


def test_app_directories_loader_finds_app_templates(blog_app):
    template = get_template("blog/child.html")
    assert template.render({"title": "T"}) == "[T]"
    assert template.origin.name == str(blog_app / "templates" / "blog" / "child.html")
    assert template.origin.loader.__class__.__module__ == "nuages.template.loaders.app_directories"


def test_app_templatetags_and_static(blog_app):
    out = render_to_string("blog/post.html", {"title": "hi"})
    assert out == 'HI! <link href="/static/blog/s.css">'


def test_missing_app_template_lists_paths_tried(blog_app):
    with pytest.raises(TemplateDoesNotExist) as info:
        get_template("blog/missing.html")
    tried = info.value.chain[0].tried
    assert [str(origin.name) for origin, _ in tried] == [
        str(blog_app / "templates" / "blog" / "missing.html")
    ]


def test_app_dirs_off_does_not_search_apps(blog_app):
    setting = [{"BACKEND": "nuages.template.backends.django.DjangoTemplates", "APP_DIRS": False}]
    with override_settings(TEMPLATES=setting):
        with pytest.raises(TemplateDoesNotExist):
            get_template("blog/child.html")


def test_library_of_uninstalled_app_is_unknown(blog_app):
    with override_settings(INSTALLED_APPS=[]):
        engine = engines["django"]
        with pytest.raises(
            TemplateSyntaxError, match="'blog_extras' is not a registered tag library"
        ):
            engine.from_string("{% load blog_extras %}")


# -- {% static %} ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("static_url", "source", "expected"),
    [
        ("/static/", "{% static 'css/a b.css' %}", "/static/css/a%20b.css"),
        ("https://cdn.example.com/s/", "{% static 'x.js' %}", "https://cdn.example.com/s/x.js"),
        ("/static/", "{% static name %}", "/static/img/logo.png"),
        ("/static/", "{% static 'x.css' as u %}[{{ u }}]", "[/static/x.css]"),
        ("/static/", "{% get_static_prefix %}|{% get_media_prefix %}", "/static/|/media/"),
        ("/static/", "{% static 'a.css?v=1&b=2' %}", "/static/a.css%3Fv%3D1%26b%3D2"),
    ],
)
def test_static_tag(static_url, source, expected):
    with override_settings(STATIC_URL=static_url, MEDIA_URL="/media/", TEMPLATES=DJANGO_BACKEND):
        template = engines["django"].from_string("{% load static %}" + source)
        assert template.render({"name": "img/logo.png"}) == expected


@override_settings(TEMPLATES=DJANGO_BACKEND)
def test_static_tag_needs_a_path():
    with pytest.raises(TemplateSyntaxError, match="'static' takes at least one argument"):
        engines["django"].from_string("{% load static %}{% static %}")


# -- shortcuts.render and TemplateView through the client ------------------------------------
class KindView(TemplateView):
    template_name = "blog/view.html"
    kind = "kind-of-view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = kwargs.get("slug", "none")
        return context


def render_view(request):
    return render(request, "blog/view.html", {"title": "rendered"}, status=202)


_urls = types.ModuleType("nuages_test_app_templates_urls")
_urls.urlpatterns = [
    path("post/<slug:slug>/", KindView.as_view(), name="post"),
    path("rendered/", render_view),
    path(
        "about/",
        TemplateView.as_view(template_name="blog/child.html", extra_context={"title": "About"}),
    ),
]
sys.modules[_urls.__name__] = _urls


def test_template_view_and_render_through_client(blog_app):
    with override_settings(ROOT_URLCONF=_urls.__name__, MIDDLEWARE=[]):
        client = Client()
        response = client.get("/post/hello/")
        assert response.status_code == 200
        assert response.content == b"hello|/post/hello/|kind-of-view"
        response = client.get("/rendered/")
        assert response.status_code == 202
        assert response.content == b"rendered|/rendered/|"
        assert client.get("/about/").content == b"[About]"


def test_render_shortcut_uses_request_context(blog_app):
    request = RequestFactory().get("/direct/")
    response = render(request, "blog/view.html", {"title": "d"}, content_type="text/plain")
    assert response.content == b"d|/direct/|"
    assert response["Content-Type"] == "text/plain"
