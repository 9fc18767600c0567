"""startproject and startapp: generated files, rendering and name validation."""

import ast
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_startproject_creates_the_project(cli):
    result = cli.run("startproject", "mysite")
    assert result.returncode == 0, result.stderr
    root = cli.root / "mysite"
    expected = {
        "manage.py",
        "mysite/__init__.py",
        "mysite/settings.py",
        "mysite/urls.py",
        "mysite/asgi.py",
        "mysite/wsgi.py",
    }
    found = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
    assert found == expected
    for name in expected:
        ast.parse((root / name).read_text())  # every file is valid Python
    manage = (root / "manage.py").read_text()
    assert '"NUAGES_SETTINGS_MODULE", "mysite.settings"' in manage
    assert "{{" not in (root / "mysite/settings.py").read_text()
    assert '"mysite.settings"' in (root / "mysite/asgi.py").read_text()


def test_generated_settings_import_with_fresh_secret_key(cli):
    for name in ("one", "two"):
        assert cli.run("startproject", name).returncode == 0
    keys = []
    for name in ("one", "two"):
        code = (
            "import importlib; s = importlib.import_module({!r}); "
            "print(s.SECRET_KEY); print(s.ROOT_URLCONF); print(s.DEBUG); print(s.STATIC_URL); "
            "print(s.TEMPLATES[0]['BACKEND']); print(s.INSTALLED_APPS)".format(f"{name}.settings")
        )
        out = subprocess.run(
            [sys.executable, "-c", code],
            cwd=cli.root / name,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert out.returncode == 0, out.stderr
        key, urlconf, debug, static_url, backend, installed = out.stdout.splitlines()
        assert key.startswith("nuages-insecure-") and len(key) == len("nuages-insecure-") + 50
        assert urlconf == f"{name}.urls"
        assert debug == "True" and static_url == "static/"
        assert backend == "nuages.template.backends.django.DjangoTemplates"
        assert "nuages.contrib.staticfiles" in installed
        keys.append(key)
    assert keys[0] != keys[1]


def test_startproject_into_existing_directory(cli):
    target = cli.root / "here"
    target.mkdir()
    result = cli.run("startproject", "site2", str(target))
    assert result.returncode == 0, result.stderr
    assert (target / "manage.py").exists() and (target / "site2" / "settings.py").exists()
    again = cli.run("startproject", "site2", str(target))
    assert again.returncode == 1
    assert "already exists. Overlaying a project into an existing directory" in again.stderr


def test_startproject_missing_destination(cli):
    result = cli.run("startproject", "site3", str(cli.root / "nowhere"))
    assert result.returncode == 1
    assert "does not exist, please create it first." in result.stderr


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "7up",
            "CommandError: '7up' is not a valid project name. Please make sure the name is a valid identifier.",
        ),
        ("my-site", "'my-site' is not a valid project name."),
        (
            "json",
            "CommandError: 'json' conflicts with the name of an existing Python module and cannot be used as a project name. Please try another name.",
        ),
        ("nuages", "conflicts with the name of an existing Python module"),
    ],
)
def test_startproject_rejects_bad_names(cli, name, message):
    result = cli.run("startproject", name)
    assert result.returncode == 1
    assert message in result.stderr
    assert not (cli.root / name).exists()


def test_startproject_existing_directory_by_name(cli):
    work = cli.root / "work"  # not on sys.path, so "taken" is not an importable name
    (work / "taken").mkdir(parents=True)
    result = cli.run("startproject", "taken", cwd=work, script=True)
    assert result.returncode == 1
    assert "CommandError: '" in result.stderr and "taken' already exists" in result.stderr


def test_startproject_requires_name(cli):
    result = cli.run("startproject")
    assert result.returncode == 2
    assert "You must provide a project name." in result.stderr


def test_startapp_creates_the_app(cli):
    result = cli.run("startapp", "polls")
    assert result.returncode == 0, result.stderr
    root = cli.root / "polls"
    for name in ("__init__.py", "apps.py", "views.py", "tests.py", "migrations/__init__.py"):
        assert (root / name).is_file(), name
    apps_py = (root / "apps.py").read_text()
    assert "class PollsConfig(AppConfig):" in apps_py and 'name = "polls"' in apps_py
    out = subprocess.run(
        [sys.executable, "-c", "import polls.apps as a; print(a.PollsConfig.name)"],
        cwd=cli.root,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.stdout.strip() == "polls", out.stderr


def test_startapp_camel_case_and_bad_directory(cli):
    assert cli.run("startapp", "blog_posts").returncode == 0
    assert "class BlogPostsConfig(AppConfig):" in (cli.root / "blog_posts/apps.py").read_text()
    bad = cli.root / "bad-dir"
    bad.mkdir()
    result = cli.run("startapp", "good", str(bad))
    assert result.returncode == 1
    assert "'bad-dir' is not a valid app directory." in result.stderr


def test_custom_template_directory_extensions_and_names(cli):
    tpl = cli.root / "tpl"
    (tpl / "project_name").mkdir(parents=True)
    (tpl / "manage.py-tpl").write_text("# {{ project_name }}\n")
    (tpl / "project_name" / "notes.txt").write_text("name={{ project_name }}\n")
    (tpl / "README.md").write_text("# {{ project_name }} readme\n")
    result = cli.run(
        "startproject", "custom", "--template", str(tpl), "-e", "txt", "-n", "README.md"
    )
    assert result.returncode == 0, result.stderr
    assert (cli.root / "custom/manage.py").read_text() == "# custom\n"
    assert (cli.root / "custom/custom/notes.txt").read_text() == "name=custom\n"
    assert (cli.root / "custom/README.md").read_text() == "# custom readme\n"


def test_template_must_be_a_local_directory(cli):
    result = cli.run("startproject", "remote", "--template", "https://example.com/t.zip")
    assert result.returncode == 1
    assert "only local template directories are supported" in result.stderr


def test_custom_template_renders_tags_and_filters(cli):
    # Files are Django templates, rendered with autoescape off (H4's note: {% %} was ignored).
    tpl = cli.root / "tagtpl"
    (tpl / "project_name").mkdir(parents=True)
    (tpl / "manage.py-tpl").write_text(
        "# {{ project_name|upper }} <{{ camel_case_project_name }}>\n"
        "{% if project_name == 'tagged' %}OK = True{% else %}OK = False{% endif %}\n"
        "{% for part in 'ab' %}{{ part }}{% endfor %}\n"
        "{% verbatim %}{{ kept }}{% endverbatim %} {{ missing }}|\n"
    )
    (tpl / "project_name" / "settings.py-tpl").write_text(
        "NAME = '{{ project_name }}'  # {% comment %}dropped{% endcomment %}\nAMP = 'a & b <c>'\n"
    )
    result = cli.run("startproject", "tagged", "--template", str(tpl))
    assert result.returncode == 0, result.stderr
    assert (cli.root / "tagged/manage.py").read_text() == (
        "# TAGGED <Tagged>\nOK = True\nab\n{{ kept }} |\n"
    )
    assert (cli.root / "tagged/tagged/settings.py").read_text() == (
        "NAME = 'tagged'  # \nAMP = 'a & b <c>'\n"
    )


def test_custom_template_syntax_error_is_reported(cli):
    tpl = cli.root / "badtpl"
    tpl.mkdir()
    (tpl / "manage.py-tpl").write_text("{% if %}\n")
    result = cli.run("startproject", "broken", "--template", str(tpl))
    assert result.returncode == 1
    assert "manage.py-tpl: Unexpected end of expression in if tag." in result.stderr
    assert "line 1" in result.stderr
    assert "Traceback" not in result.stderr
