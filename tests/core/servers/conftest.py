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
