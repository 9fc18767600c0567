"""MigrationWriter: a Migration as the text of a migration file (Django's format)."""

from __future__ import annotations

import os
import re
from importlib import import_module
from typing import Any

import nuages
from nuages.apps import apps
from nuages.db import migrations
from nuages.db.migrations.loader import MigrationLoader
from nuages.db.migrations.serializer import Serializer, serializer_factory
from nuages.utils import timezone

__all__ = ["MigrationWriter", "OperationWriter"]


class OperationWriter:
    """One operation as ``migrations.Name(\\n    arg=value,\\n)``."""

    def __init__(self, operation: Any, indentation: int = 2) -> None:
        self.operation = operation
        self.buff: list[str] = []
        self.indentation = indentation

    def serialize(self) -> tuple[str, set[str]]:
        imports: set[str] = set()
        name, args, kwargs = self.operation.deconstruct()
        operation_args = _argument_names(type(self.operation))
        if getattr(migrations, name, None) is type(self.operation):
            self.feed(f"migrations.{name}(")
        else:
            imports.add(f"import {self.operation.__class__.__module__}")
            self.feed(f"{self.operation.__class__.__module__}.{name}(")
        self.indent()
        for i, arg in enumerate(args):
            arg_name = operation_args[i] if i < len(operation_args) else f"arg{i}"
            imports |= self._write(arg_name, arg)
        for arg_name in [a for a in operation_args if a in kwargs] + sorted(
            k for k in kwargs if k not in operation_args
        ):
            imports |= self._write(arg_name, kwargs[arg_name])
        self.unindent()
        self.feed("),")
        return self.render(), imports

    def _write(self, name: str, value: Any) -> set[str]:
        if name in self.operation.serialization_expand_args and isinstance(
            value, (list, tuple, dict)
        ):
            imports: set[str] = set()
            if isinstance(value, dict):
                self.feed(f"{name}={{")
                self.indent()
                for key, item in value.items():
                    key_source, key_imports = serializer_factory(key).serialize()
                    item_source, item_imports = serializer_factory(item).serialize()
                    imports |= key_imports | item_imports
                    self._feed_multiline(f"{key_source}: ", item_source, ",")
                self.unindent()
                self.feed("},")
            else:
                self.feed(f"{name}=[")
                self.indent()
                for item in value:
                    source, item_imports = serializer_factory(item).serialize()
                    imports |= item_imports
                    self._feed_multiline("", source, ",")
                self.unindent()
                self.feed("],")
            return imports
        source, imports = serializer_factory(value).serialize()
        self._feed_multiline(f"{name}=", source, ",")
        return imports

    def _feed_multiline(self, prefix: str, source: str, suffix: str) -> None:
        lines = source.split("\n")
        if len(lines) == 1:
            self.feed(f"{prefix}{source}{suffix}")
            return
        self.feed(f"{prefix}{lines[0]}")
        for line in lines[1:-1]:
            self.feed(line)
        self.feed(f"{lines[-1]}{suffix}")

    def indent(self) -> None:
        self.indentation += 1

    def unindent(self) -> None:
        self.indentation -= 1

    def feed(self, line: str) -> None:
        self.buff.append("    " * self.indentation + line)

    def render(self) -> str:
        return "\n".join(self.buff)


def _argument_names(klass: type) -> list[str]:
    code = klass.__init__.__code__
    return list(code.co_varnames[1 : code.co_argcount])


class MigrationWriter:
    """Writes a Migration: ``as_string()``, ``path``, ``basedir``, ``filename``."""

    def __init__(self, migration: Any, include_header: bool = True) -> None:
        self.migration = migration
        self.include_header = include_header
        self.needs_manual_porting = False

    def as_string(self) -> str:
        items: dict[str, str] = {"replaces_str": "", "initial_str": "", "atomic_str": ""}
        imports: set[str] = set()
        operations = []
        for operation in self.migration.operations:
            source, op_imports = OperationWriter(operation).serialize()
            imports |= op_imports
            operations.append(source)
        items["operations"] = "\n".join(operations) + "\n" if operations else ""
        dependencies = []
        for dependency in self.migration.dependencies:
            if dependency[0] == "__setting__":
                dependencies.append(
                    f"        migrations.swappable_dependency(settings.{dependency[1]}),"
                )
                imports.add("from nuages.conf import settings")
            else:
                dependencies.append(f"        {self.serialize(tuple(dependency))[0]},")
        items["dependencies"] = "\n".join(dependencies) + "\n" if dependencies else ""
        migration_imports = set()
        for line in list(imports):
            if re.match(r"^import (.*)\.\d+[^\s]*$", line):
                migration_imports.add(line.split("import")[1].strip())
                imports.remove(line)
                self.needs_manual_porting = True
        has_models = "from nuages.db import models" in imports
        imports.discard("from nuages.db import models")
        imports.add(f"from nuages.db import migrations{', models' if has_models else ''}")
        sorted_imports = sorted(imports, key=lambda i: (i.split()[0] == "from", i.split()[1]))
        items["imports"] = "\n".join(sorted_imports) + "\n" if imports else ""
        if migration_imports:
            items["imports"] += (
                "\n\n# Functions from the following migrations need manual copying.\n"
                "# Move them and any dependencies into this file, then update the\n"
                "# RunPython operations to refer to the local versions:\n"
                "# " + "\n# ".join(sorted(migration_imports))
            )
        if self.migration.replaces:
            items["replaces_str"] = (
                f"\n    replaces = {self.serialize(self.migration.replaces)[0]}\n"
            )
        if self.include_header:
            items["migration_header"] = (
                f"# Generated by nuages {nuages.__version__} on "
                f"{timezone.now().strftime('%Y-%m-%d %H:%M')}\n\n"
            )
        else:
            items["migration_header"] = ""
        if self.migration.initial:
            items["initial_str"] = "\n    initial = True\n"
        if not self.migration.atomic:
            items["atomic_str"] = "\n    atomic = False\n"
        return MIGRATION_TEMPLATE % items

    @property
    def basedir(self) -> str:
        module_name, _ = MigrationLoader.migrations_module(self.migration.app_label)
        if module_name is None:
            raise ValueError(
                f"nuages can't create migrations for app '{self.migration.app_label}' because "
                "migrations have been disabled via the MIGRATION_MODULES setting."
            )
        try:
            module = import_module(module_name)
        except ImportError:
            pass
        else:
            paths = list(getattr(module, "__path__", []))
            if paths:
                return paths[0]
        app_config = apps.get_app_config(self.migration.app_label)
        if app_config.name + ".migrations" == module_name:
            path = os.path.join(app_config.path, "migrations")
        else:
            raise ValueError(
                f"Could not locate an appropriate location to create migrations package {module_name}."
            )
        os.makedirs(path, exist_ok=True)
        init = os.path.join(path, "__init__.py")
        if not os.path.isfile(init):
            open(init, "w").close()
        return path

    @property
    def filename(self) -> str:
        return f"{self.migration.name}.py"

    @property
    def path(self) -> str:
        return os.path.join(self.basedir, self.filename)

    @classmethod
    def serialize(cls, value: Any) -> tuple[str, set[str]]:
        return serializer_factory(value).serialize()

    @classmethod
    def register_serializer(cls, type_: Any, serializer: Any) -> None:
        Serializer.register(type_, serializer)

    @classmethod
    def unregister_serializer(cls, type_: Any) -> None:
        Serializer.unregister(type_)


MIGRATION_TEMPLATE = """\
%(migration_header)s%(imports)s

class Migration(migrations.Migration):
%(replaces_str)s%(initial_str)s%(atomic_str)s
    dependencies = [
%(dependencies)s\
    ]

    operations = [
%(operations)s\
    ]
"""
