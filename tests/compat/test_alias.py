"""The django -> nuages import alias: identity, versions, errors, refusal."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import subprocess
import sys
import textwrap

import pytest

import nuages
import nuages.compat as compat
import nuages.http


@pytest.fixture
def alias():
    if "django" in sys.modules and not compat.is_installed():
        pytest.skip("the real Django is imported in this process")
    compat.install()
    yield
    compat.uninstall()


def run_python(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_install_and_uninstall(alias):
    assert compat.is_installed()
    assert sys.meta_path[0].__class__.__name__ == "DjangoAliasFinder"
    compat.install()  # idempotent
    assert sum(type(f).__name__ == "DjangoAliasFinder" for f in sys.meta_path) == 1
    import django.http  # noqa: F401

    compat.uninstall()
    assert not compat.is_installed()
    assert not [name for name in sys.modules if name.split(".")[0] == "django"]
    compat.install()


def test_same_module_objects(alias):
    import django.http
    from django.db import models
    from django.http import HttpResponse

    import nuages.db.models

    assert django.http is nuages.http
    assert HttpResponse is nuages.http.HttpResponse
    assert models is nuages.db.models
    import django.db.models

    assert sys.modules["django.db.models"] is nuages.db.models
    assert importlib.import_module("django.urls") is importlib.import_module("nuages.urls")
    # The nuages module keeps its own name and spec.
    assert django.http.__name__ == "nuages.http"
    assert django.http.__spec__.name == "nuages.http"
    assert importlib.util.find_spec("nuages.http").name == "nuages.http"


def test_isinstance_and_except_across_spellings(alias):
    from django.core.exceptions import ObjectDoesNotExist
    from django.http import Http404

    import nuages.core.exceptions

    with pytest.raises(ObjectDoesNotExist):
        raise nuages.core.exceptions.ObjectDoesNotExist
    try:
        raise nuages.http.Http404("gone")
    except Http404 as exc:
        assert isinstance(exc, nuages.http.Http404)


def test_top_level_reports_django_version(alias):
    import django

    assert django.VERSION == compat.DJANGO_VERSION
    assert django.VERSION >= (4, 2)
    assert django.get_version() == "6.0"
    assert django.__version__ == "6.0"
    assert django.setup is nuages.setup
    assert nuages.VERSION != compat.DJANGO_VERSION  # nuages' own version is untouched
    assert django.__path__ == list(nuages.__path__)


def test_find_spec_and_pkgutil(alias):
    spec = importlib.util.find_spec("django.core.handlers.asgi")
    assert spec is not None and spec.name == "django.core.handlers.asgi"
    assert importlib.util.find_spec("django.no_such_module") is None
    import django

    names = {info.name for info in pkgutil.iter_modules(django.__path__)}
    assert {"http", "db", "urls", "conf"} <= names
    import django.db

    found = {info.name for info in pkgutil.iter_modules(django.db.__path__)}
    assert "models" in found


def test_unknown_module_error_names_both(alias):
    with pytest.raises(ModuleNotFoundError) as info:
        import django.no_such_module  # noqa: F401
    message = str(info.value)
    assert "django.no_such_module" in message
    assert "nuages.no_such_module" in message
    assert "docs/features.md" in message
    assert info.value.name == "django.no_such_module"
    with pytest.raises(ModuleNotFoundError, match="nuages.no_such_module"):
        importlib.import_module("django.no_such_module.deeper")


def test_refuses_when_real_django_imported():
    result = run_python(
        """
        import sys, types
        sys.modules["django"] = types.ModuleType("django")
        import nuages.compat
        try:
            nuages.compat.install()
        except RuntimeError as exc:
            print("refused:", exc)
        print("installed:", nuages.compat.is_installed())
        """
    )
    assert result.returncode == 0, result.stderr
    assert "refused:" in result.stdout and "real Django is already imported" in result.stdout
    assert "installed: False" in result.stdout


def test_alias_wins_over_an_installed_django():
    # A fake "django" package on sys.path stands in for a real installation.
    result = run_python(
        """
        import os, sys, tempfile
        root = tempfile.mkdtemp()
        os.mkdir(os.path.join(root, "django"))
        open(os.path.join(root, "django", "__init__.py"), "w").write("REAL = True")
        sys.path.insert(0, root)
        import nuages.compat
        nuages.compat.install()
        import django, django.http, nuages.http
        print(hasattr(django, "REAL"), django.http is nuages.http)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_main_runs_code_and_modules(tmp_path):
    code = "import django, nuages.http, django.http; print(django.get_version(), django.http is nuages.http)"
    result = subprocess.run(
        [sys.executable, "-m", "nuages.compat", "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["6.0", "True"]
    (tmp_path / "probe.py").write_text("import sys, django.urls\nprint(sys.argv[1:])\n")
    result = subprocess.run(
        [sys.executable, "-m", "nuages.compat", "-m", "probe", "a", "b"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['a', 'b']"


def test_pytest_plugin_installs_alias(tmp_path):
    (tmp_path / "test_probe.py").write_text(
        "import django.http\nimport nuages.http\n\n"
        "def test_alias():\n    assert django.http is nuages.http\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "nuages.compat.pytest_plugin",
            "-p",
            "no:cacheprovider",
            str(tmp_path / "test_probe.py"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
