"""CSRF against a real server: a generated project refuses a POST without a token (403) and
accepts it with the token its form page handed out."""

import http.cookiejar
import re
import subprocess
import sys
import textwrap
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .conftest import BIN, clean_env, free_port

pytestmark = pytest.mark.slow


@pytest.fixture
def formsite(tmp_path):
    subprocess.run(
        [str(BIN / "nuages-admin"), "startproject", "formsite"],
        cwd=tmp_path,
        env=clean_env(),
        check=True,
        capture_output=True,
    )
    root = tmp_path / "formsite"
    (root / "formsite" / "views.py").write_text(
        textwrap.dedent("""
        from nuages.http import HttpResponse
        from nuages.template import Engine, RequestContext

        FORM = Engine().from_string('<form method="post">{% csrf_token %}</form>')


        def form(request):
            if request.method == "POST":
                return HttpResponse("posted " + request.POST.get("x", ""))
            return HttpResponse(FORM.render(RequestContext(request)))
    """)
    )
    urls = root / "formsite" / "urls.py"
    urls.write_text(
        urls.read_text()
        .replace("urlpatterns = []", 'urlpatterns = [path("form/", views.form)]')
        .replace(
            "from nuages.urls import path  # noqa: F401",
            "from nuages.urls import path\n\nfrom . import views",
        )
    )
    return root


def post(opener, url, data, headers=None):
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(data).encode(), headers=headers or {}, method="POST"
    )
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def test_post_refused_without_token_accepted_with_it(formsite, start_server):
    port = free_port()
    server = start_server(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"], formsite
    )
    url = f"http://127.0.0.1:{port}/form/"
    server.wait_for_url(url)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    # No cookie, no token: refused.
    status, body = post(opener, url, {"x": "1"})
    assert status == 403
    assert "CSRF verification failed" in body

    # The form page sets the cookie and embeds a masked token.
    with opener.open(url, timeout=10) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', page).group(1)
    assert any(cookie.name == "csrftoken" for cookie in jar)

    assert post(opener, url, {"x": "1"})[0] == 403  # cookie alone is not enough
    assert post(opener, url, {"x": "1", "csrfmiddlewaretoken": token}) == (200, "posted 1")
    assert post(opener, url, {"x": "2"}, {"X-CSRFToken": token}) == (200, "posted 2")
    # A foreign Origin is refused even with the token.
    status, _ = post(opener, url, {"csrfmiddlewaretoken": token}, {"Origin": "http://evil.example"})
    assert status == 403
