"""findstatic and collectstatic."""

import io

import pytest

from nuages.core.management import call_command, load_command_class
from nuages.core.management.base import CommandError


def command(name):
    return load_command_class("nuages.contrib.staticfiles", name)


def test_findstatic(static_site):
    out, err = io.StringIO(), io.StringIO()
    call_command(command("findstatic"), "both.txt", "nothing.css", stdout=out, stderr=err)
    assert out.getvalue() == f"Found 'both.txt' here:\n  {static_site / 'first' / 'both.txt'}\n"
    assert err.getvalue() == "No matching file found for 'nothing.css'.\n"


def test_findstatic_verbosity(static_site):
    out = io.StringIO()
    call_command(command("findstatic"), "css/site.css", verbosity=0, stdout=out)
    assert out.getvalue() == f"{static_site / 'first' / 'css' / 'site.css'}\n"
    out = io.StringIO()
    call_command(command("findstatic"), "css/site.css", verbosity=2, stdout=out)
    assert "Looking in the following locations:" in out.getvalue()
    with pytest.raises(CommandError, match="Enter at least one staticfile."):
        call_command(command("findstatic"))


def test_collectstatic(static_site, settings_override):
    root = static_site / "collected"
    settings_override(STATIC_ROOT=str(root))
    out = io.StringIO()
    call_command(command("collectstatic"), interactive=False, stdout=out)
    assert (root / "both.txt").read_text() == "first\n"  # the first finder location wins
    assert (root / "img" / "both.txt").read_text() == "second\n"
    assert (root / "css" / "site.css").exists() and (root / "img" / "logo.svg").exists()
    assert out.getvalue().strip() == f"4 static files copied to '{root}'."


def test_collectstatic_dry_run_ignore_and_missing_root(static_site, settings_override):
    root = static_site / "dry"
    settings_override(STATIC_ROOT=str(root))
    out = io.StringIO()
    call_command(
        command("collectstatic"),
        interactive=False,
        dry_run=True,
        ignore_patterns=["*.svg"],
        stdout=out,
    )
    assert not root.exists()
    assert out.getvalue().strip() == f"3 static files copied to '{root}'."
    settings_override(STATIC_ROOT=None)
    from nuages.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="STATIC_ROOT"):
        call_command(command("collectstatic"), interactive=False)
