"""TemplateCommand: copy a project or app template, rendering its files with names filled in."""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import nuages
from nuages.core.management.base import BaseCommand, CommandError, CommandParser
from nuages.core.management.utils import handle_extensions
from nuages.template import Context, Engine, TemplateSyntaxError

__all__ = ["TemplateCommand"]

_TEMPLATE_SUFFIX = "-tpl"
# Compiled and cache files never belong in a new project.
_SKIPPED_SUFFIXES = (".pyo", ".pyc", ".py.class")


def _render(source: str, context: dict[str, str]) -> str:
    """Render a template file as Django does: the template language, autoescape off."""
    return Engine().from_string(source).render(Context(context, autoescape=False))


class TemplateCommand(BaseCommand):
    """Shared logic of startproject and startapp."""

    requires_system_checks: list[str] = []
    # Rewrite ".py-tpl" and similar back to their real names.
    rewrite_template_suffixes = ((".py-tpl", ".py"),)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="Name of the application or project.")
        parser.add_argument("directory", nargs="?", help="Optional destination directory")
        parser.add_argument("--template", help="The path to load the template from.")
        parser.add_argument(
            "--extension",
            "-e",
            dest="extensions",
            action="append",
            default=["py"],
            help='The file extension(s) to render (default: "py"). Separate multiple extensions '
            "with commas, or use -e multiple times.",
        )
        parser.add_argument(
            "--name",
            "-n",
            dest="files",
            action="append",
            default=[],
            help="The file name(s) to render. Separate multiple file names with commas, or use "
            "-n multiple times.",
        )
        parser.add_argument(
            "--exclude",
            "-x",
            action="append",
            default=[],
            nargs="?",
            const="",
            help="The directory name(s) to exclude, in addition to .git and "
            "__pycache__. Can be used multiple times.",
        )

    def handle(
        self, app_or_project: str, name: str, target: str | None = None, **options: Any
    ) -> None:
        self.app_or_project = app_or_project
        self.a_or_an = "an" if app_or_project == "app" else "a"
        self.validate_name(name)
        top_dir = self._prepare_target(name, target)

        extensions = tuple(handle_extensions(options["extensions"]))
        names = {n for item in options["files"] for n in item.replace(" ", "").split(",") if n}
        excluded = {e for e in options["exclude"] if e} | {".git", "__pycache__"}
        base_name = f"{app_or_project}_name"
        camel = "".join(part.capitalize() for part in name.split("_"))
        context = {
            base_name: name,
            f"{app_or_project}_directory": top_dir,
            f"camel_case_{base_name}": camel,
            "docs_version": "dev",
            "nuages_version": nuages.get_version(),
            **options.get("extra_context", {}),
        }
        template_dir = self.handle_template(options["template"], f"{app_or_project}_template")
        verbosity = options["verbosity"]
        self._copy_tree(
            template_dir, top_dir, base_name, name, context, extensions, names, excluded, verbosity
        )
        if self.app_or_project == "app" and importlib.util.find_spec("nuages.db") is None:
            # Without nuages' ORM a models module would fail to import.
            models = os.path.join(top_dir, "models.py")
            if os.path.exists(models):
                os.remove(models)

    def _prepare_target(self, name: str, target: str | None) -> str:
        if target is None:
            top_dir = os.path.join(os.getcwd(), name)
            try:
                os.makedirs(top_dir)
            except FileExistsError:
                raise CommandError(f"'{top_dir}' already exists")
            except OSError as e:
                raise CommandError(e)
            return top_dir
        top_dir = os.path.abspath(os.path.expanduser(target))
        if self.app_or_project == "app":
            self.validate_name(os.path.basename(top_dir), "directory")
        if not os.path.exists(top_dir):
            raise CommandError(
                f"Destination directory '{top_dir}' does not exist, please create it first."
            )
        return top_dir

    def _copy_tree(
        self,
        template_dir: str,
        top_dir: str,
        base_name: str,
        name: str,
        context: dict[str, Any],
        extensions: tuple[str, ...],
        names: set[str],
        excluded: set[str],
        verbosity: int,
    ) -> None:
        prefix_length = len(template_dir) + 1
        for root, dirs, files in os.walk(template_dir):
            relative_dir = root[prefix_length:].replace(base_name, name)
            if relative_dir:
                os.makedirs(os.path.join(top_dir, relative_dir), exist_ok=True)
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in excluded]
            for filename in files:
                if filename.endswith(_SKIPPED_SUFFIXES):
                    continue
                old_path = os.path.join(root, filename)
                new_name = filename.replace(base_name, name)
                for old_suffix, new_suffix in self.rewrite_template_suffixes:
                    if new_name.endswith(old_suffix):
                        new_name = new_name[: -len(old_suffix)] + new_suffix
                        break
                new_path = os.path.join(top_dir, relative_dir, new_name)
                if os.path.exists(new_path):
                    raise CommandError(
                        f"{new_path} already exists. Overlaying {self.a_or_an} "
                        f"{self.app_or_project} into an existing directory won't replace "
                        "conflicting files."
                    )
                if new_name.endswith(extensions) or new_name in names:
                    content = Path(old_path).read_text(encoding="utf-8")
                    try:
                        rendered = _render(content, context)
                    except TemplateSyntaxError as e:
                        notes = " ".join(getattr(e, "__notes__", ()))
                        raise CommandError(f"{old_path}: {e} {notes}".rstrip())
                    Path(new_path).write_text(rendered, encoding="utf-8")
                else:
                    shutil.copyfile(old_path, new_path)
                if verbosity >= 2:
                    self.stdout.write(f"Creating {new_path}")
                try:
                    shutil.copymode(old_path, new_path)
                    self._make_writeable(new_path)
                except OSError:
                    self.stderr.write(
                        f"Notice: Couldn't set permission bits on {new_path}. You're probably "
                        "using an uncommon filesystem setup. No problem.",
                        self.style.NOTICE,
                    )

    def handle_template(self, template: str | None, subdir: str) -> str:
        """The directory to copy: ours by default, else the --template directory."""
        if template is None:
            return os.path.join(nuages.__path__[0], "conf", subdir)
        if template.startswith("file://"):
            template = template[len("file://") :]
        expanded = os.path.abspath(os.path.expanduser(template))
        if os.path.isdir(expanded):
            return expanded
        raise CommandError(
            f"couldn't handle {self.app_or_project} template {template}: only local template "
            "directories are supported."
        )

    def validate_name(self, name: str | None, name_or_dir: str = "name") -> None:
        """Reject missing names, non-identifiers and names that shadow importable modules."""
        if name is None:
            raise CommandError(f"you must provide {self.a_or_an} {self.app_or_project} name")
        if not name.isidentifier():
            raise CommandError(
                f"'{name}' is not a valid {self.app_or_project} {name_or_dir}. Please make sure "
                f"the {name_or_dir} is a valid identifier."
            )
        if importlib.util.find_spec(name) is not None:
            raise CommandError(
                f"'{name}' conflicts with the name of an existing Python module and cannot be "
                f"used as {self.a_or_an} {self.app_or_project} {name_or_dir}. Please try another "
                f"{name_or_dir}."
            )

    def _make_writeable(self, filename: str) -> None:
        # Templates installed read-only must not produce read-only project files.
        if not os.access(filename, os.W_OK):
            mode = stat.S_IMODE(os.stat(filename).st_mode)
            os.chmod(filename, mode | stat.S_IWUSR)
