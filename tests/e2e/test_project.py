"""A generated project, end to end: startproject, startapp, a view, three ways of serving it."""

import re
import subprocess
import sys
import textwrap
import time

import pytest

from .conftest import BIN, clean_env, fetch, free_port

pytestmark = pytest.mark.slow

LOG_LINE = re.compile(r'\[\d\d/\w{3}/\d{4} \d\d:\d\d:\d\d\] "GET /polls/ HTTP/1\.1" 200 \d+')


def run(args, cwd, timeout=60):
    result = subprocess.run(
        args, cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def mysite(tmp_path):
    run([str(BIN / "nuages-admin"), "startproject", "mysite"], tmp_path)
    root = tmp_path / "mysite"
    run([sys.executable, "manage.py", "startapp", "polls"], root)
    (root / "polls" / "views.py").write_text(
        textwrap.dedent("""
        from nuages.http import HttpResponse


        def index(request):
            return HttpResponse("Hello from polls.")
    """)
    )
    (root / "polls" / "urls.py").write_text(
        textwrap.dedent("""
        from nuages.urls import path

        from . import views

        urlpatterns = [path("", views.index, name="index")]
    """)
    )
    (root / "polls" / "static" / "polls").mkdir(parents=True)
    (root / "polls" / "static" / "polls" / "style.css").write_text("p { margin: 0 }\n")
    urls = root / "mysite" / "urls.py"
    urls.write_text(
        urls.read_text()
        .replace(
            "from nuages.urls import path  # noqa: F401", "from nuages.urls import include, path"
        )
        .replace("urlpatterns = []", 'urlpatterns = [path("polls/", include("polls.urls"))]')
    )
    settings = root / "mysite" / "settings.py"
    settings.write_text(
        settings.read_text().replace(
            '"nuages.contrib.staticfiles",', '"nuages.contrib.staticfiles",\n    "polls",'
        )
    )
    return root


def banner_port(server):
    match = None

    def found():
        nonlocal match
        match = re.search(
            r"Starting development server at http://127\.0\.0\.1:(\d+)/", server.output()
        )
        return match is not None

    server.wait_until(found, what="runserver banner")
    return int(match.group(1))


def test_runserver(mysite, start_server):
    server = start_server(
        [sys.executable, "manage.py", "runserver", "--noreload", "127.0.0.1:0"], mysite
    )
    port = banner_port(server)
    base = f"http://127.0.0.1:{port}"
    server.wait_for_url(base + "/polls/")
    assert fetch(base + "/polls/")[::2] == (200, "Hello from polls.")
    status, headers, body = fetch(base + "/static/polls/style.css")
    assert (status, body) == (200, "p { margin: 0 }\n")
    assert headers["content-type"].startswith("text/css")
    assert fetch(base + "/static/polls/missing.css")[0] == 404
    out = server.output()
    assert "Performing system checks..." in out
    assert "System check identified no issues (0 silenced)." in out
    assert "using settings 'mysite.settings'" in out
    assert "Quit the server with CONTROL-C." in out
    server.wait_until(lambda: LOG_LINE.search(server.output()), what="request log line")


def test_runserver_nostatic(mysite, start_server):
    server = start_server(
        [sys.executable, "manage.py", "runserver", "--noreload", "--nostatic", "127.0.0.1:0"],
        mysite,
    )
    base = f"http://127.0.0.1:{banner_port(server)}"
    server.wait_for_url(base + "/polls/")
    assert fetch(base + "/static/polls/style.css")[0] == 404


def test_runserver_port_in_use(mysite, start_server):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=mysite,
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert "Error: That port is already in use." in result.stderr


def test_runserver_bad_addrport(mysite):
    result = subprocess.run(
        [sys.executable, "manage.py", "runserver", "--noreload", "nope:port"],
        cwd=mysite,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert (
        'CommandError: "nope:port" is not a valid port number or address:port pair.'
        in result.stderr
    )


def test_runserver_reloads_on_change(mysite, start_server):
    server = start_server([sys.executable, "manage.py", "runserver", "127.0.0.1:0"], mysite)
    base = f"http://127.0.0.1:{banner_port(server)}"
    server.wait_for_url(base + "/polls/")
    assert fetch(base + "/polls/")[2] == "Hello from polls."
    views = mysite / "polls" / "views.py"
    time.sleep(0.5)  # let the watcher start
    views.write_text(views.read_text().replace("Hello from polls.", "Reloaded polls."))
    server.wait_until(
        lambda: server.output().count("Starting development server") >= 2, what="restart"
    )
    ports = [int(p) for p in re.findall(r"127\.0\.0\.1:(\d+)/", server.output())]
    new_base = f"http://127.0.0.1:{ports[-1]}"
    server.wait_for_url(new_base + "/polls/")
    assert fetch(new_base + "/polls/")[2] == "Reloaded polls."
    assert "polls/views.py changed, reloading." in server.output()


def test_uvicorn(mysite, start_server):
    port = free_port()
    server = start_server(
        [
            str(BIN / "uvicorn"),
            "mysite.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        mysite,
    )
    server.wait_for_url(f"http://127.0.0.1:{port}/polls/")
    assert fetch(f"http://127.0.0.1:{port}/polls/")[::2] == (200, "Hello from polls.")


def test_gunicorn(mysite, start_server):
    port = free_port()
    server = start_server(
        [str(BIN / "gunicorn"), "mysite.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"], mysite
    )
    server.wait_for_url(f"http://127.0.0.1:{port}/polls/")
    assert fetch(f"http://127.0.0.1:{port}/polls/")[::2] == (200, "Hello from polls.")


def test_check_deploy_on_new_project(mysite):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=mysite,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for warning in (
        "security.W004",
        "security.W008",
        "security.W009",
        "security.W018",
        "security.W020",
    ):
        assert warning in result.stderr
    failing = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=mysite,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert failing.returncode == 1
