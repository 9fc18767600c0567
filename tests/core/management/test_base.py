"""BaseCommand, the parser, output wrappers and call_command(), in-process."""

import io

import pytest

from nuages.core import checks
from nuages.core.management import call_command, get_commands, load_command_class
from nuages.core.management.base import (
    AppCommand,
    BaseCommand,
    CommandError,
    CommandParser,
    LabelCommand,
    OutputWrapper,
    SystemCheckError,
)
from nuages.core.management.color import no_style


class Greet(BaseCommand):
    help = "Say hello."
    requires_system_checks = []
    stealth_options = ("secret",)

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*")
        parser.add_argument("--shout", action="store_true")
        parser.add_argument("--times", type=int, default=1)
        parser.add_argument("--lang", dest="language", default="en")

    def handle(self, *args, **options):
        self.seen = options
        text = " ".join(["hello", *options["names"]] * options["times"])
        return text.upper() if options["shout"] else text


class NeedsTarget(BaseCommand):
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--target", required=True)

    def handle(self, **options):
        return f"target={options['target']}"


class Failing(BaseCommand):
    requires_system_checks = []

    def handle(self, **options):
        raise CommandError("it broke", returncode=3)


def test_call_command_positional_and_options():
    out = io.StringIO()
    result = call_command(Greet(), "ann", "bob", shout=True, stdout=out)
    assert result == "HELLO ANN BOB"
    assert out.getvalue() == "HELLO ANN BOB\n"


def test_call_command_option_by_dest_and_by_name():
    cmd = Greet()
    call_command(cmd, lang="fr", stdout=io.StringIO())
    assert cmd.seen["language"] == "fr"
    call_command(cmd, language="de", stdout=io.StringIO())
    assert cmd.seen["language"] == "de"


def test_call_command_list_argument_and_types():
    out = io.StringIO()
    call_command(Greet(), ["x", "y"], "--times", "2", stdout=out)
    assert out.getvalue().strip() == "hello x y hello x y"


def test_call_command_unknown_option_lists_valid_ones():
    with pytest.raises(TypeError) as excinfo:
        call_command(Greet(), colour="red")
    message = str(excinfo.value)
    assert message.startswith("Unknown option(s) for ")
    assert "colour" in message
    assert "Valid options are: " in message and "shout" in message and "secret" in message


def test_call_command_required_option_as_keyword():
    assert call_command(NeedsTarget(), target="moon", stdout=io.StringIO()) == "target=moon"
    with pytest.raises(CommandError, match="the following arguments are required: --target"):
        call_command(NeedsTarget())


def test_call_command_parser_error_is_command_error():
    with pytest.raises(CommandError, match=r"^Error: argument --times: invalid int value"):
        call_command(Greet(), "--times", "many")


def test_call_command_unknown_name():
    with pytest.raises(CommandError, match="Unknown command: 'nope'"):
        call_command("nope")


def test_call_command_skips_checks_by_default():
    ran = []

    @checks.register("testtag-skip")
    def my_check(app_configs, **kwargs):
        ran.append(1)
        return [checks.Error("bad", id="test.E001")]

    class Checked(BaseCommand):
        requires_system_checks = ["testtag-skip"]

        def handle(self, **options):
            return "ok"

    try:
        assert call_command(Checked(), stdout=io.StringIO()) == "ok"
        assert ran == []
        with pytest.raises(SystemCheckError) as excinfo:
            call_command(Checked(), skip_checks=False, stderr=io.StringIO())
        assert "(test.E001) bad" in str(excinfo.value)
        assert ran == [1]
    finally:
        checks.registry.registry.registered_checks.discard(my_check)


def test_command_error_carries_returncode():
    with pytest.raises(CommandError) as excinfo:
        call_command(Failing())
    assert excinfo.value.returncode == 3
    assert CommandError("x").returncode == 1


def test_run_from_argv_prints_error_and_exits(capsys):
    with pytest.raises(SystemExit) as excinfo:
        Failing().run_from_argv(["manage.py", "failing"])
    assert excinfo.value.code == 3
    assert capsys.readouterr().err == "CommandError: it broke\n"


def test_run_from_argv_traceback_reraises():
    with pytest.raises(CommandError):
        Failing().run_from_argv(["manage.py", "failing", "--traceback"])


def test_requires_system_checks_must_be_list():
    class Bad(BaseCommand):
        requires_system_checks = "models"

    with pytest.raises(TypeError, match="requires_system_checks must be a list or tuple."):
        Bad()


def test_no_color_and_force_color_conflict():
    with pytest.raises(CommandError, match="can't be used together"):
        Greet(no_color=True, force_color=True)
    with pytest.raises(CommandError, match="--no-color and --force-color"):
        call_command(Greet(), no_color=True, force_color=True)


def test_force_color_styles_output():
    out = io.StringIO()
    cmd = Greet()
    call_command(cmd, force_color=True, stdout=out)
    assert cmd.style.ERROR("x") == "\x1b[31;1mx\x1b[0m"
    assert no_style().ERROR("x") == "x"


def test_output_wrapper_ending_and_style():
    buf = io.StringIO()
    wrapper = OutputWrapper(buf)
    wrapper.write("one")
    wrapper.write("two\n")
    wrapper.write("three", ending="")
    assert buf.getvalue() == "one\ntwo\nthree"
    wrapper.style_func = str.upper  # not a tty: styles are dropped
    wrapper.write("quiet")
    assert buf.getvalue().endswith("quiet\n")


def test_base_handle_not_implemented():
    class Empty(BaseCommand):
        requires_system_checks = []

    with pytest.raises(NotImplementedError):
        call_command(Empty())


def test_label_command():
    class Upper(LabelCommand):
        requires_system_checks = []
        label = "word"

        def handle_label(self, label, **options):
            return label.upper()

    assert call_command(Upper(), "a", "b", stdout=io.StringIO()) == "A\nB"
    with pytest.raises(CommandError, match="Enter at least one word."):
        call_command(Upper())


def test_app_command_rejects_unknown_app():
    class Apps(AppCommand):
        requires_system_checks = []

        def handle_app_config(self, app_config, **options):
            return app_config.label

    with pytest.raises(CommandError, match="Are you sure your INSTALLED_APPS setting is correct?"):
        call_command(Apps(), "nosuchapp")
    with pytest.raises(CommandError, match="Enter at least one application label."):
        call_command(Apps())


def test_command_parser_from_command_line_exits(capsys):
    parser = CommandParser(prog="x", called_from_command_line=True)
    parser.add_argument("--n", type=int)
    with pytest.raises(SystemExit):
        parser.parse_args(["--n", "z"])
    assert "invalid int value" in capsys.readouterr().err


def test_get_commands_and_load_command_class():
    commands = get_commands()
    for name in ("check", "diffsettings", "runserver", "shell", "startapp", "startproject"):
        assert commands[name] == "nuages.core"
    command = load_command_class("nuages.core", "check")
    assert isinstance(command, BaseCommand)
    assert command.requires_system_checks == []


def test_help_puts_own_options_first():
    parser = Greet().create_parser("manage.py", "greet")
    text = parser.format_help()
    assert text.index("--shout") < text.index("--verbosity")
    assert parser.prog == "manage.py greet"
