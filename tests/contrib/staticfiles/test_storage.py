"""StaticFilesStorage, ManifestStaticFilesStorage (hashing, CSS rewriting, manifest), collectstatic
with it, and {% static %} producing hashed URLs."""

from __future__ import annotations

import hashlib
import io
import json

import pytest

from nuages.apps import apps
from nuages.conf import settings
from nuages.contrib.staticfiles import storage as sf_storage
from nuages.contrib.staticfiles.finders import get_finder
from nuages.contrib.staticfiles.storage import (
    ManifestStaticFilesStorage,
    StaticFilesStorage,
    staticfiles_storage,
)
from nuages.core.exceptions import ImproperlyConfigured
from nuages.core.files.storage import storages
from nuages.core.management import call_command, load_command_class
from nuages.templatetags.static import static
from nuages.utils.functional import empty

MANIFEST = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}


def md5_12(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()[:12]


@pytest.fixture
def project(tmp_path, settings_override):
    """A static directory with CSS referencing images and fonts, collected into STATIC_ROOT."""
    src = tmp_path / "src"
    (src / "css" / "sub").mkdir(parents=True)
    (src / "img").mkdir()
    (src / "img" / "logo.png").write_bytes(b"PNGDATA")
    (src / "img" / "font.eot").write_bytes(b"EOT")
    (src / "css" / "base.css").write_text(
        '@import "sub/extra.css";\n'
        "body { background: url('../img/logo.png'); }\n"
        ".a { background: url(data:image/png;base64,AAAA); }\n"
        ".b { background: url(http://example.com/x.png); }\n"
        ".c { background: url(//cdn.example.com/x.png); }\n"
        ".d { behavior: url(#default#VML); }\n"
        ".e { background: url(/static/img/logo.png#frag); }\n"
        ".f { background: url(/elsewhere/x.png); }\n"
        '@font-face { src: url("../img/font.eot?#iefix"); }\n'
        "/*# sourceMappingURL=base.css.map */\n"
    )
    (src / "css" / "base.css.map").write_text("{}")
    (src / "css" / "sub" / "extra.css").write_text("p { background: url(../../img/logo.png); }\n")
    (src / "app.js").write_text("var x = 1;\n//# sourceMappingURL=app.js.map\n")
    (src / "app.js.map").write_text("{}")
    root = tmp_path / "static_root"
    settings_override(
        STATIC_URL="/static/",
        STATIC_ROOT=str(root),
        STATICFILES_DIRS=[str(src)],
        STATICFILES_FINDERS=["nuages.contrib.staticfiles.finders.FileSystemFinder"],
        STORAGES={**settings.STORAGES, "staticfiles": MANIFEST},
        DEBUG=False,
    )
    storages.reset()
    staticfiles_storage._wrapped = empty
    get_finder.cache_clear()
    yield root
    get_finder.cache_clear()
    storages.reset()
    staticfiles_storage._wrapped = empty


def collect(**options):
    out = io.StringIO()
    command = load_command_class("nuages.contrib.staticfiles", "collectstatic")
    call_command(command, interactive=False, stdout=out, **options)
    return out.getvalue()


def test_collectstatic_post_processes_with_the_manifest_storage(project):
    output = collect(verbosity=2)
    assert "post-processed." in output
    assert "Post-processed 'img/logo.png' as 'img/logo." in output
    logo = f"img/logo.{md5_12(b'PNGDATA')}.png"
    assert (project / logo).read_bytes() == b"PNGDATA"
    assert (project / "img" / "logo.png").exists()  # the original is kept
    manifest = json.loads((project / "staticfiles.json").read_text())
    assert manifest["version"] == "1.1" and len(manifest["hash"]) == 12
    assert manifest["paths"]["img/logo.png"] == logo
    css_name = manifest["paths"]["css/base.css"]
    css = (project / css_name).read_text()
    assert css_name == f"css/base.{md5_12(css.encode())}.css"  # hash of the rewritten content
    extra = manifest["paths"]["css/sub/extra.css"]
    assert f'@import url("sub/{extra.split("/")[-1]}");' in css
    assert f'url("../{logo}")' in css
    assert "url(data:image/png;base64,AAAA)" in css
    assert "url(http://example.com/x.png)" in css
    assert "url(//cdn.example.com/x.png)" in css
    assert "url(#default#VML)" in css
    assert f'url("/static/{logo}#frag")' in css
    assert "url(/elsewhere/x.png)" in css
    eot = manifest["paths"]["img/font.eot"]
    assert f'url("../{eot}?#iefix")' in css
    assert f"/*# sourceMappingURL={manifest['paths']['css/base.css.map'].split('/')[-1]} */" in css
    js = (project / manifest["paths"]["app.js"]).read_text()
    assert f"//# sourceMappingURL={manifest['paths']['app.js.map']}" in js
    assert f'url("../../{logo}")' in (project / extra).read_text()


def test_static_tag_and_storage_url_use_hashed_names(project, settings_override):
    collect()
    logo = f"img/logo.{md5_12(b'PNGDATA')}.png"
    apps.set_installed_apps(["nuages.contrib.staticfiles"])
    try:
        staticfiles_storage._wrapped = empty  # reload the manifest written by collectstatic
        assert static("img/logo.png") == f"/static/{logo}"
        assert staticfiles_storage.url("img/logo.png#x") == f"/static/{logo}#x"
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry for 'nope.css'"):
            static("nope.css")
        settings_override(DEBUG=True)  # DEBUG serves the unhashed names
        assert static("img/logo.png") == "/static/img/logo.png"
    finally:
        apps.unset_installed_apps()
    assert static("img/logo.png") == "/static/img/logo.png"  # staticfiles not installed


def test_manifest_not_strict_hashes_from_disk(project):
    collect()
    storage = ManifestStaticFilesStorage()
    storage.manifest_strict = False
    storage.hashed_files.pop("img/logo.png")
    assert storage.url("img/logo.png") == f"/static/img/logo.{md5_12(b'PNGDATA')}.png"
    with pytest.raises(ValueError, match="could not be found"):
        storage.url("img/missing.png")


def test_bad_manifest_and_dry_run_post_process(project, tmp_path):
    project.mkdir()
    (project / "staticfiles.json").write_text("not json")
    with pytest.raises(ValueError, match="Couldn't load manifest 'staticfiles.json'"):
        ManifestStaticFilesStorage()
    (project / "staticfiles.json").unlink()

    class NoPasses(ManifestStaticFilesStorage):
        max_post_process_passes = 0

    storage = NoPasses()
    results = list(storage.post_process({}, dry_run=True))
    assert results == []


def test_dry_run_and_no_post_process(project):
    output = collect(dry_run=True)
    assert not (project / "staticfiles.json").exists()
    output = collect(post_process=False)
    assert "post-processed" not in output and not (project / "staticfiles.json").exists()


def test_static_files_storage_defaults(settings_override, tmp_path):
    settings_override(STATIC_ROOT=str(tmp_path), STATIC_URL="/s")
    storage = StaticFilesStorage()
    assert storage.location == str(tmp_path) and storage.url("a.css") == "/s/a.css"
    settings_override(STATIC_ROOT=None)
    with pytest.raises(ImproperlyConfigured, match="STATIC_ROOT"):
        StaticFilesStorage().path("a.css")
    settings_override(STATIC_URL=None)
    with pytest.raises(ImproperlyConfigured, match="STATIC_URL"):
        StaticFilesStorage().url("a.css")
    assert sf_storage.__all__ == sorted(sf_storage.__all__)
