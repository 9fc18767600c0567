"""import_string and the django -> nuages dotted-path mapping settings go through."""

import pytest

from nuages.utils.module_loading import import_string, nuages_path


def test_nuages_path_maps_django_paths_only():
    assert (
        nuages_path("django.contrib.sessions.backends.db") == "nuages.contrib.sessions.backends.db"
    )
    assert nuages_path("django.core.signing.JSONSerializer") == "nuages.core.signing.JSONSerializer"
    assert nuages_path("myproject.backends.Custom") == "myproject.backends.Custom"
    assert nuages_path("djangoish.module.X") == "djangoish.module.X"


def test_import_string_errors_name_the_path():
    with pytest.raises(ImportError, match="doesn't look like a module path"):
        import_string("nodots")
    with pytest.raises(ImportError, match='Module "nuages.utils" does not define a "nope"'):
        import_string("nuages.utils.nope")
