"""The check, diffsettings and shell commands."""

import io

import pytest

from nuages.core import checks
from nuages.core.management import call_command
from nuages.core.management.base import CommandError, SystemCheckError


@pytest.fixture
def tagged_checks():
    """Register checks under private tags for one test."""
    added = []

    def add(tag, *messages, deploy=False):
        def check(app_configs, **kwargs):
            return list(messages)

        checks.register(check, tag, deploy=deploy)
        added.append(check)

    yield add
    for check in added:
        checks.registry.registry.registered_checks.discard(check)
        checks.registry.registry.deployment_checks.discard(check)


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("check", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_check_no_issues(tagged_checks):
    tagged_checks("t-clean")
    out, err = run(tag=["t-clean"])
    assert out == "System check identified no issues (0 silenced).\n"
    assert err == ""


def test_check_warning_is_reported_but_passes(tagged_checks):
    tagged_checks("t-warn", checks.Warning("Careful.", hint="Look.", id="t.W001"))
    out, err = run(tag=["t-warn"])
    assert out == ""
    assert err == (
        "System check identified some issues:\n\nWARNINGS:\n?: (t.W001) Careful.\n\tHINT: Look.\n\n"
        "System check identified 1 issue (0 silenced).\n"
    )


def test_check_error_raises_system_check_error(tagged_checks):
    tagged_checks(
        "t-err", checks.Error("Broken.", id="t.E001"), checks.Critical("Worse.", id="t.C001")
    )
    with pytest.raises(SystemCheckError) as excinfo:
        run(tag=["t-err"])
    text = str(excinfo.value)
    assert text.startswith("SystemCheckError: System check identified some issues:")
    assert text.index("CRITICALS:") < text.index("ERRORS:")
    assert text.endswith("System check identified 2 issues (0 silenced).")


def test_check_fail_level(tagged_checks):
    tagged_checks("t-fail", checks.Warning("Meh.", id="t.W002"))
    with pytest.raises(SystemCheckError):
        run(tag=["t-fail"], fail_level="WARNING")
    with pytest.raises(CommandError, match="invalid choice"):
        run("--fail-level", "LOUD", tag=["t-fail"])


def test_check_silenced(tagged_checks, settings_override):
    tagged_checks("t-silent", checks.Error("Hidden.", id="t.E009"))
    settings_override(SILENCED_SYSTEM_CHECKS=["t.E009"])
    out, _ = run(tag=["t-silent"])
    assert out == "System check identified no issues (1 silenced).\n"


def test_check_unknown_tag():
    with pytest.raises(CommandError, match='There is no system check with the "nope" tag.'):
        run(tag=["nope"])


def test_check_list_tags_and_deploy(tagged_checks):
    tagged_checks("t-deploy-only", checks.Warning("Deploy.", id="t.W003"), deploy=True)
    out, _ = run(list_tags=True)
    assert "caches" in out.split() and "t-deploy-only" not in out.split()
    out, _ = run(list_tags=True, deploy=True)
    assert "t-deploy-only" in out.split()
    with pytest.raises(CommandError, match="no system check"):
        run(tag=["t-deploy-only"])
    _, err = run(tag=["t-deploy-only"], deploy=True)
    assert "(t.W003) Deploy." in err


def test_check_deploy_reports_security_warnings():
    _, err = run(deploy=True, tag=["security"])
    assert "security.W009" in err  # the test settings' short SECRET_KEY
    assert "security.W001" in err


def test_check_database_option_accepted(tagged_checks):
    tagged_checks("t-db")
    out, _ = run(tag=["t-db"], database=["default"])
    assert "no issues" in out


def test_diffsettings_hash_and_all():
    out = io.StringIO()
    call_command("diffsettings", stdout=out)
    lines = out.getvalue().splitlines()
    assert "SECRET_KEY = 'nuages-tests-not-secret'" in lines
    assert "DEBUG = False" not in lines  # same as the default
    assert lines == sorted(lines)
    out = io.StringIO()
    call_command("diffsettings", all=True, stdout=out)
    assert "### DEBUG = False" in out.getvalue().splitlines()


def test_diffsettings_unified():
    out = io.StringIO()
    call_command("diffsettings", output="unified", stdout=out)
    lines = out.getvalue().splitlines()
    assert "- TIME_ZONE = 'America/Chicago'" in lines
    assert "+ TIME_ZONE = 'UTC'" in lines
    assert lines.index("- TIME_ZONE = 'America/Chicago'") + 1 == lines.index("+ TIME_ZONE = 'UTC'")


def test_diffsettings_against_other_module(tmp_path, monkeypatch):
    (tmp_path / "base_settings_for_diff.py").write_text("TIME_ZONE = 'UTC'\nEXTRA_THING = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    out = io.StringIO()
    call_command("diffsettings", default="base_settings_for_diff", stdout=out)
    lines = out.getvalue().splitlines()
    assert not any(line.startswith("TIME_ZONE") for line in lines)


def test_shell_command_option(capsys):
    call_command("shell", command="print(6 * 7)")
    assert capsys.readouterr().out == "42\n"


def test_shell_missing_interface():
    with pytest.raises(CommandError, match="Couldn't import bpython interface."):
        call_command("shell", interface="bpython")
