"""Static files storages: StaticFilesStorage and the hashing ManifestStaticFilesStorage."""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Callable, Iterator
from hashlib import md5
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit, urlunsplit

from nuages.conf import settings
from nuages.contrib.staticfiles.utils import check_settings, matches_patterns
from nuages.core.exceptions import ImproperlyConfigured
from nuages.core.files.base import ContentFile, File
from nuages.core.files.storage import FileSystemStorage, storages
from nuages.core.signals import setting_changed
from nuages.utils.functional import LazyObject, empty

__all__ = [
    "ConfiguredStorage",
    "HashedFilesMixin",
    "ManifestFilesMixin",
    "ManifestStaticFilesStorage",
    "StaticFilesStorage",
    "staticfiles_storage",
]


class StaticFilesStorage(FileSystemStorage):
    """FileSystemStorage defaulting to STATIC_ROOT and STATIC_URL."""

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return self._value_or_setting(self._location, settings.STATIC_ROOT)

    @property
    def location(self) -> str:  # type: ignore[override]
        base = self.base_location
        return os.path.abspath(base) if base else ""

    @property
    def base_url(self) -> str | None:  # type: ignore[override]
        url = self._value_or_setting(self._base_url, settings.STATIC_URL)
        if url is not None and not url.endswith("/"):
            url += "/"
        return url

    def path(self, name: str) -> str:
        if not self.location:
            raise ImproperlyConfigured(
                "You're using the staticfiles app without having set the STATIC_ROOT setting to "
                "a filesystem path."
            )
        return super().path(name)

    def url(self, name: str | None) -> str:
        check_settings(self.base_url)
        return super().url(name)


_CSS_PATTERNS = (
    (
        r"""(?P<matched>url\((?P<quote>['"]{0,1})\s*(?P<url>.*?)(?P=quote)\))""",
        """url("%(url)s")""",
    ),
    (r"""(?P<matched>@import\s*["']\s*(?P<url>.*?)["'])""", """@import url("%(url)s")"""),
    (
        r"(?m)^(?P<matched>/\*#[ \t](?-i:sourceMappingURL)=(?P<url>.*)[ \t]*\*/)$",
        "/*# sourceMappingURL=%(url)s */",
    ),
)
_JS_PATTERNS = (
    (r"(?m)^(?P<matched>//# (?-i:sourceMappingURL)=(?P<url>.*))$", "//# sourceMappingURL=%(url)s"),
)


class HashedFilesMixin:
    """Store each file also under a name carrying a hash of its content.

    post_process() saves name.<md5[:12]>.ext for every collected file, and rewrites the URLs in
    CSS (url(), @import, source maps) and JS source maps to point at the hashed names.
    """

    default_template = """url("%(url)s")"""
    max_post_process_passes = 5
    support_js_module_import_aggregation = False
    patterns: tuple = (("*.css", _CSS_PATTERNS), ("*.js", _JS_PATTERNS))
    keep_intermediate_files = True

    # Provided by the storage this is mixed into.
    exists: Callable[..., bool]
    open: Callable[..., Any]
    delete: Callable[..., None]
    _save: Callable[..., str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._patterns: dict[str, list[tuple[re.Pattern, str]]] = {}
        self.hashed_files: dict[str, str] = {}
        for extension, patterns in self.patterns:
            for pattern in patterns:
                if isinstance(pattern, tuple | list):
                    pattern, template = pattern
                else:
                    template = self.default_template
                compiled = re.compile(pattern, re.IGNORECASE)
                self._patterns.setdefault(extension, []).append((compiled, template))

    def file_hash(self, name: str | None, content: Any = None) -> str | None:
        """The first 12 hex digits of content's MD5, or None without content."""
        if content is None:
            return None
        hasher = md5(usedforsecurity=False)
        for chunk in content.chunks():
            hasher.update(chunk.encode() if isinstance(chunk, str) else chunk)
        return hasher.hexdigest()[:12]

    def hashed_name(self, name: str, content: Any = None, filename: str | None = None) -> str:
        parsed = urlsplit(unquote(name))
        clean = parsed.path.strip()
        filename = (filename and urlsplit(unquote(filename)).path.strip()) or clean
        opened = content is None
        if opened:
            if not self.exists(filename):
                raise ValueError(f"The file '{filename}' could not be found with {self!r}.")
            try:
                content = self.open(filename)
            except OSError:
                return name  # A directory or an unreadable file: leave the name alone.
        try:
            if not hasattr(content, "chunks"):
                content = File(content)
            file_hash = self.file_hash(clean, content)
        finally:
            if opened:
                content.close()
        path, basename = os.path.split(clean)
        root, ext = os.path.splitext(basename)
        hashed = f"{root}.{file_hash}{ext}" if file_hash is not None else f"{root}{ext}"
        parts = list(parsed)
        parts[2] = os.path.join(path, hashed)
        # The @font-face hack (font.eot?#iefix) keeps its empty query.
        if "?#" in name and not parts[3]:
            parts[2] += "?"
        return urlunsplit(parts)

    def _url(
        self,
        hashed_name_func: Callable[..., str],
        name: str,
        force: bool = False,
        hashed_files: dict | None = None,
    ) -> str:
        if settings.DEBUG and not force:
            hashed, fragment = name, ""
        else:
            clean, fragment = urldefrag(name)
            if urlsplit(clean).path.endswith("/"):
                hashed = name  # a directory
            else:
                args: tuple = (clean,) if hashed_files is None else (clean, hashed_files)
                hashed = hashed_name_func(*args)
        final_url = super().url(hashed)  # type: ignore[misc]
        query_fragment = "?#" in name
        if fragment or query_fragment:
            parts = list(urlsplit(final_url))
            if fragment and not parts[4]:
                parts[4] = fragment
            if query_fragment and not parts[3]:
                parts[2] += "?"
            final_url = urlunsplit(parts)
        return unquote(final_url)

    def url(self, name: str, force: bool = False) -> str:
        """The URL of name: its hashed name's, unless DEBUG (and not force)."""
        return self._url(self.stored_name, name, force)

    def url_converter(
        self, name: str, hashed_files: dict, template: str | None = None
    ) -> Callable[[re.Match], str]:
        """A re.sub() callback replacing the URLs found in file name by hashed ones."""
        template = template or self.default_template

        def converter(match: re.Match) -> str:
            groups = match.groupdict()
            matched, url = groups["matched"], groups["url"]
            # Absolute URLs, protocol-relative ones, data: URIs and fragments stay as they are.
            if re.match(r"^[a-z]+:", url, re.IGNORECASE) or url.startswith(("//", "#")):
                return matched
            static_url = settings.STATIC_URL or "/"
            if url.startswith("/") and not url.startswith(static_url):
                return matched
            url_path, fragment = urldefrag(url)
            if not url_path:
                return matched
            if url_path.startswith("/"):
                target = url_path.removeprefix(static_url)
            else:
                source = name.replace(os.sep, "/")
                target = posixpath.join(posixpath.dirname(source), url_path)
            hashed_url = self._url(
                self._stored_name, unquote(target), force=True, hashed_files=hashed_files
            )
            transformed = "/".join(url_path.split("/")[:-1] + hashed_url.split("/")[-1:])
            if fragment:
                transformed += ("?#" if "?#" in url else "#") + fragment
            groups["url"] = unquote(transformed)
            return template % groups

        return converter

    def post_process(
        self, paths: dict, dry_run: bool = False, **options: Any
    ) -> Iterator[tuple[str, str | None, Any]]:
        """Hash every collected file; yields (original name, hashed name, processed)."""
        if dry_run:
            return
        hashed_files: dict[str, str] = {}
        adjustable = [p for p in paths if matches_patterns(p, self._patterns)]
        results: dict[str, tuple] = {}
        # First pass: every file; adjustable ones are re-done until their references settle.
        for name, hashed, processed, _ in self._post_process(paths, adjustable, hashed_files):
            if name not in adjustable or isinstance(processed, Exception):
                yield name, hashed, processed
            else:
                results[name] = (name, hashed, processed)
        adjustable_paths = {p: paths[p] for p in adjustable}
        unresolved: list[str] = []
        substitutions = False
        for _ in range(self.max_post_process_passes):
            unresolved, substitutions = [], False
            for name, hashed, processed, subst in self._post_process(
                adjustable_paths, adjustable, hashed_files
            ):
                results[name] = (name, hashed, processed)
                if subst:
                    unresolved.append(name)
                substitutions = substitutions or subst
            if not substitutions:
                break
        if substitutions:
            yield (
                ", ".join(sorted(unresolved)),
                None,
                RuntimeError("Max post-process passes exceeded."),
            )
        self.hashed_files.update(hashed_files)
        yield from results.values()

    def _post_process(
        self, paths: dict, adjustable: list[str], hashed_files: dict
    ) -> Iterator[tuple[str, str | None, Any, bool]]:
        # Deepest paths first, so a file's references are hashed before it is.
        for name in sorted(paths, key=lambda n: len(n.split(os.sep)), reverse=True):
            substitutions = True
            storage, path = paths[name]
            with storage.open(path) as original:
                if not hasattr(original, "chunks"):
                    original = File(original, path)
                key = self.hash_key(self.clean_name(name))
                hashed = hashed_files.get(key) or self.hashed_name(name, original)
                original.seek(0)
                hashed_exists = self.exists(hashed)
                processed = False
                if name in adjustable:
                    old_hashed = hashed
                    try:
                        content = original.read().decode()
                    except UnicodeDecodeError as exc:
                        yield name, None, exc, False
                        continue
                    failed = False
                    for extension, patterns in self._patterns.items():
                        if not matches_patterns(path, (extension,)):
                            continue
                        for pattern, template in patterns:
                            converter = self.url_converter(name, hashed_files, template)
                            try:
                                content = pattern.sub(converter, content)
                            except ValueError as exc:
                                yield name, None, exc, False
                                failed = True
                                break
                        if failed:
                            break
                    if failed:
                        continue
                    if hashed_exists:
                        self.delete(hashed)
                    new_file = ContentFile(content.encode())
                    if self.keep_intermediate_files:
                        self._save(hashed, new_file)  # the name older references use
                    hashed = self.hashed_name(name, new_file)
                    if self.exists(hashed):
                        self.delete(hashed)
                    hashed = self.clean_name(self._save(hashed, new_file))
                    if old_hashed == hashed:
                        substitutions = False
                    processed = True
                if not processed and not hashed_exists:
                    processed = True
                    hashed = self.clean_name(self._save(hashed, original))
                hashed_files[key] = hashed
                yield name, hashed, processed, substitutions

    def clean_name(self, name: str) -> str:
        return name.replace("\\", "/")

    def hash_key(self, name: str) -> str:
        return name

    def _stored_name(self, name: str, hashed_files: dict) -> str:
        name = posixpath.normpath(name)
        cached = hashed_files.get(self.hash_key(self.clean_name(name)))
        if cached is None:
            cached = self.clean_name(self.hashed_name(name))
        return cached

    def stored_name(self, name: str) -> str:
        key = self.hash_key(self.clean_name(name))
        cached = self.hashed_files.get(key)
        if cached:
            return cached
        # Hash until the name is stable (a hashed file's name hashes to itself).
        intermediate = name
        for _ in range(self.max_post_process_passes + 1):
            cached = self.clean_name(self.hashed_name(name, content=None, filename=intermediate))
            if intermediate == cached:
                self.hashed_files[key] = cached
                return cached
            intermediate = cached
        raise ValueError(f"The name '{name}' could not be hashed with {self!r}.")


class ManifestFilesMixin(HashedFilesMixin):
    """Hashed names recorded in a JSON manifest (staticfiles.json) that url() reads."""

    manifest_version = "1.1"
    manifest_name = "staticfiles.json"
    manifest_strict = True
    keep_intermediate_files = False

    def __init__(self, *args: Any, manifest_storage: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.manifest_storage = self if manifest_storage is None else manifest_storage
        self.hashed_files, self.manifest_hash = self.load_manifest()

    def read_manifest(self) -> str | None:
        try:
            with self.manifest_storage.open(self.manifest_name) as manifest:
                return manifest.read().decode()
        except (FileNotFoundError, ImproperlyConfigured):
            return None

    def load_manifest(self) -> tuple[dict, str]:
        content = self.read_manifest()
        if content is None:
            return {}, ""
        try:
            stored = json.loads(content)
        except json.JSONDecodeError:
            pass
        else:
            if stored.get("version") in ("1.0", "1.1"):
                return stored.get("paths", {}), stored.get("hash", "")
        raise ValueError(
            f"Couldn't load manifest '{self.manifest_name}' (version {self.manifest_version})"
        )

    def post_process(self, *args: Any, **kwargs: Any) -> Iterator[tuple[str, str | None, Any]]:
        self.hashed_files = {}
        yield from super().post_process(*args, **kwargs)
        if not kwargs.get("dry_run"):
            self.save_manifest()

    def save_manifest(self) -> None:
        entries = json.dumps(sorted(self.hashed_files.items())).encode()
        self.manifest_hash = self.file_hash(None, ContentFile(entries)) or ""
        payload = {
            "paths": self.hashed_files,
            "version": self.manifest_version,
            "hash": self.manifest_hash,
        }
        if self.manifest_storage.exists(self.manifest_name):
            self.manifest_storage.delete(self.manifest_name)
        self.manifest_storage._save(self.manifest_name, ContentFile(json.dumps(payload).encode()))

    def stored_name(self, name: str) -> str:
        parsed = urlsplit(unquote(name))
        clean = parsed.path.strip()
        cached = self.hashed_files.get(self.hash_key(clean))
        if cached is None:
            if self.manifest_strict:
                raise ValueError(f"Missing staticfiles manifest entry for '{clean}'")
            cached = self.clean_name(self.hashed_name(name))
        parts = list(parsed)
        parts[2] = cached
        if "?#" in name and not parts[3]:
            parts[2] += "?"
        return urlunsplit(parts)


class ManifestStaticFilesStorage(ManifestFilesMixin, StaticFilesStorage):
    """StaticFilesStorage with hashed names kept in staticfiles.json (for far-future caching)."""


class ConfiguredStorage(LazyObject):
    """STORAGES["staticfiles"], built on first use."""

    def _setup(self) -> None:
        self._wrapped = storages["staticfiles"]


staticfiles_storage = ConfiguredStorage()


def _reset(*, setting: str, **kwargs: Any) -> None:
    if setting in {"STORAGES", "STATIC_ROOT", "STATIC_URL"}:
        staticfiles_storage._wrapped = empty
        if setting != "STORAGES":
            storages._storages.pop("staticfiles", None)


setting_changed.connect(_reset, dispatch_uid="nuages.contrib.staticfiles.storage.reset")
