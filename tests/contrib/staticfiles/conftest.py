import pytest

from nuages.conf import settings


@pytest.fixture
def settings_override():
    """Set settings for one test, restoring them afterwards."""
    saved = {}
    missing = object()

    def apply(**values):
        for name, value in values.items():
            saved.setdefault(name, settings._wrapped.__dict__.get(name, missing))
            setattr(settings, name, value)

    yield apply
    for name, value in saved.items():
        if value is missing:
            # delattr() would hide the default too; drop the override instead.
            settings._wrapped.__dict__.pop(name, None)
            settings.__dict__.pop(name, None)
        else:
            setattr(settings, name, value)


@pytest.fixture
def static_site(tmp_path, settings_override):
    """STATICFILES_DIRS with a plain and a prefixed directory, STATIC_URL=/static/."""
    from nuages.contrib.staticfiles.finders import get_finder

    first = tmp_path / "first"
    (first / "css").mkdir(parents=True)
    (first / "css" / "site.css").write_text("body { color: red }\n")
    (first / "both.txt").write_text("first\n")
    second = tmp_path / "second"
    second.mkdir()
    (second / "both.txt").write_text("second\n")
    (second / "logo.svg").write_text("<svg/>")
    settings_override(
        STATIC_URL="/static/",
        STATICFILES_DIRS=[str(first), ("img", str(second))],
        STATICFILES_FINDERS=["nuages.contrib.staticfiles.finders.FileSystemFinder"],
        DEBUG=True,
    )
    get_finder.cache_clear()
    yield tmp_path
    get_finder.cache_clear()
