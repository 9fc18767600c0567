"""The command line itself (python -m nuages / manage.py), in subprocesses."""

import pytest

pytestmark = pytest.mark.slow

SETTINGS = """
SECRET_KEY = "x" * 60
INSTALLED_APPS = ["hello_app"]
ROOT_URLCONF = None
"""
COMMAND = """
from nuages.core.management.base import BaseCommand, CommandError

class Command(BaseCommand):
    help = "Greets people."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--fail", type=int, default=0)

    def handle(self, name, **options):
        if options["fail"]:
            raise CommandError("cannot greet " + name, returncode=options["fail"])
        self.stdout.write("hello " + name)
"""


@pytest.fixture
def project(cli):
    cli.write("proj_settings.py", SETTINGS)
    cli.write("hello_app/__init__.py", "")
    cli.write("hello_app/management/__init__.py", "")
    cli.write("hello_app/management/commands/__init__.py", "")
    cli.write("hello_app/management/commands/greet.py", COMMAND)
    cli.write("hello_app/management/commands/_private.py", "")
    return cli


def test_version(cli):
    import nuages

    for args in (["--version"], ["version"]):
        result = cli.run(*args)
        assert result.returncode == 0
        assert result.stdout == nuages.get_version() + "\n"


def test_help_without_settings_lists_core_commands(cli):
    result = cli.run("help")
    assert result.returncode == 0
    assert "Type 'python -m nuages help <subcommand>' for help" in result.stdout
    assert "[nuages]" in result.stdout and "    startproject" in result.stdout
    assert "settings are not properly configured" in result.stdout


def test_help_commands_only(project):
    result = project.run("help", "--commands", settings="proj_settings")
    names = result.stdout.split()
    assert names == sorted(names)
    assert "greet" in names and "check" in names and "_private" not in names


def test_app_command_discovered_and_grouped(project):
    result = project.run("help", settings="proj_settings")
    assert "[hello_app]\n    greet" in result.stdout
    assert "not properly configured" not in result.stdout


def test_help_subcommand(project):
    result = project.run("help", "greet", settings="proj_settings")
    assert result.returncode == 0
    assert "Greets people." in result.stdout
    assert "--fail FAIL" in result.stdout


def test_settings_option_before_settings_are_read(project):
    result = project.run("greet", "ann", "--settings=proj_settings")
    assert (result.returncode, result.stdout) == (0, "hello ann\n")


def test_pythonpath_option(project, tmp_path):
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "other_settings.py").write_text(SETTINGS)
    result = project.run("greet", "bo", "--settings", "other_settings", "--pythonpath", str(other))
    assert (result.returncode, result.stdout) == (0, "hello bo\n")


def test_bad_settings_module_is_reported(project):
    result = project.run("greet", "x", settings="missing_settings")
    assert result.returncode == 1
    assert "No module named 'missing_settings'" in result.stderr


def test_command_error_exit_code_and_message(project):
    result = project.run("greet", "zed", "--fail", "4", settings="proj_settings")
    assert result.returncode == 4
    assert result.stderr == "CommandError: cannot greet zed\n"
    result = project.run("greet", "zed", "--fail", "1", "--traceback", settings="proj_settings")
    assert "Traceback" in result.stderr


def test_parser_error_exits_2(project):
    result = project.run("greet", settings="proj_settings")
    assert result.returncode == 2
    assert "the following arguments are required: name" in result.stderr


def test_unknown_command(project):
    result = project.run("gret", settings="proj_settings")
    assert result.returncode == 1
    assert result.stderr == (
        "Unknown command: 'gret'. Did you mean greet?\nType 'python -m nuages help' for usage.\n"
    )


def test_unknown_command_without_settings(cli):
    result = cli.run("frobnicate")
    assert result.returncode == 1
    assert "No nuages settings specified." in result.stderr
    assert "Unknown command: 'frobnicate'" in result.stderr


def test_nuages_admin_script(cli):
    import os
    import subprocess
    import sys

    script = os.path.join(os.path.dirname(sys.executable), "nuages-admin")
    result = subprocess.run(
        [script, "frob"], capture_output=True, text=True, timeout=60, cwd=cli.root
    )
    assert result.returncode == 1
    assert "Type 'nuages-admin help' for usage." in result.stderr


def test_shell_reads_stdin(project):
    result = project.run(
        "shell",
        input="from nuages.conf import settings\nprint(settings.INSTALLED_APPS)\n",
        settings="proj_settings",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "['hello_app']\n"


def test_check_command_exit_codes(project):
    project.write("bad_check_app/__init__.py", "")
    project.write(
        "bad_check_app/apps.py",
        """
        from nuages.apps import AppConfig
        from nuages.core import checks

        def failing(app_configs, **kwargs):
            return [checks.Error("Nope.", hint="Fix.", id="bad.E001")]

        class BadConfig(AppConfig):
            name = "bad_check_app"

            def ready(self):
                checks.register(failing, "bad")
        """,
    )
    project.write("bad_settings.py", 'SECRET_KEY = "x" * 60\nINSTALLED_APPS = ["bad_check_app"]\n')
    result = project.run("check", settings="bad_settings")
    assert result.returncode == 1
    assert "SystemCheckError: System check identified some issues:" in result.stderr
    assert "?: (bad.E001) Nope.\n\tHINT: Fix." in result.stderr
    assert "System check identified 1 issue (0 silenced)." in result.stderr
    ok = project.run("check", "--tag", "caches", settings="bad_settings")
    assert ok.returncode == 0
    assert ok.stdout == "System check identified no issues (0 silenced).\n"


def test_diffsettings_subprocess(project):
    result = project.run("diffsettings", settings="proj_settings")
    assert result.returncode == 0, result.stderr
    assert "INSTALLED_APPS = ['hello_app']" in result.stdout.splitlines()
    assert "ROOT_URLCONF = None  ###" in result.stdout.splitlines()
