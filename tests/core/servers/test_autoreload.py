"""nuages.utils.autoreload: what gets watched, how the child is started, change detection."""

import sys
import threading
import time
from pathlib import Path

from nuages.utils import autoreload


def test_watch_roots_skip_libraries_and_nest(tmp_path, monkeypatch):
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "manage.py")])
    (tmp_path / "manage.py").write_text("")
    roots = autoreload.iter_watch_roots(extra=[tmp_path / "pkg" / "sub"])
    assert tmp_path in roots
    assert tmp_path / "pkg" / "sub" not in roots  # nested in tmp_path
    stdlib = Path(autoreload.os.__file__).resolve().parent
    assert not any(root == stdlib or root.is_relative_to(stdlib) for root in roots)
    assert any(Path(autoreload.__file__).resolve().is_relative_to(root) for root in roots)


def test_child_arguments_for_module_and_script(monkeypatch, tmp_path):
    script = tmp_path / "manage.py"
    script.write_text("")
    main = type(sys)("__main__")
    main.__spec__ = None
    monkeypatch.setitem(sys.modules, "__main__", main)
    monkeypatch.setattr(sys, "argv", [str(script), "runserver"])
    assert autoreload.get_child_arguments()[-2:] == [str(script), "runserver"]
    assert autoreload.get_child_arguments()[0] == sys.executable

    class Spec:
        name = "nuages.__main__"
        parent = "nuages"

    main.__spec__ = Spec()
    args = autoreload.get_child_arguments()
    assert args[-3:] == ["-m", "nuages", "runserver"]


def test_missing_script(monkeypatch, tmp_path):
    main = type(sys)("__main__")
    main.__spec__ = None
    monkeypatch.setitem(sys.modules, "__main__", main)
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "gone.py")])
    try:
        autoreload.get_child_arguments()
    except RuntimeError as err:
        assert "does not exist" in str(err)
    else:
        raise AssertionError("expected RuntimeError")


def test_wait_for_change_sees_python_files_only(tmp_path):
    result = {}
    stop = threading.Event()

    def watch():
        result["changed"] = autoreload.wait_for_change([tmp_path], stop_event=stop)

    thread = threading.Thread(target=watch)
    thread.start()
    try:
        time.sleep(0.5)
        (tmp_path / "notes.txt").write_text("ignored")
        time.sleep(0.5)
        assert thread.is_alive()
        (tmp_path / "mod.py").write_text("x = 1\n")
        thread.join(timeout=10)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert result["changed"] == {str(tmp_path / "mod.py")}


def test_wait_for_change_stops_on_event(tmp_path):
    stop = threading.Event()
    stop.set()
    assert autoreload.wait_for_change([tmp_path], stop_event=stop) == set()
