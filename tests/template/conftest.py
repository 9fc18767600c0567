"""Fixtures for the template tests: an engine over in-memory templates, and render()."""

import pytest

from nuages.template import Context, Engine


def _make_engine(templates=None, **options):
    options.setdefault("loaders", [("nuages.template.loaders.locmem.Loader", templates or {})])
    return Engine(**options)


def _render(source, context=None, templates=None, **options):
    engine = _make_engine(templates, **options)
    return engine.from_string(source).render(Context(context or {}))


@pytest.fixture
def make_engine():
    return _make_engine


@pytest.fixture
def render():
    return _render
