"""A full request through the test client with the default middleware: nuages vs Django.

Both frameworks run in this one process with equivalent settings, URLconfs and views; the
middleware is the set both ship today (security, common, clickjacking).
"""

from __future__ import annotations

import sys
import timeit
import types

N = 3000

VIEWS = 20  # a URLconf of realistic size, the hit pattern in the middle


def _urlconf(module_name: str, path, HttpResponse, JsonResponse) -> types.ModuleType:
    mod = types.ModuleType(module_name)

    def make_view(i):
        def view(request, pk=None):
            return HttpResponse(f"page {i} {pk}")

        return view

    def article(request, year, slug):
        return JsonResponse({"year": year, "slug": slug, "q": request.GET.get("q", "")})

    patterns = [path(f"section{i}/<int:pk>/", make_view(i), name=f"s{i}") for i in range(VIEWS)]
    patterns.insert(VIEWS // 2, path("articles/<int:year>/<slug:slug>/", article, name="article"))
    mod.urlpatterns = patterns
    sys.modules[module_name] = mod
    return mod


def setup_nuages():
    from nuages.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench",
        ALLOWED_HOSTS=["testserver"],
        ROOT_URLCONF="bench_nuages_urls",
        MIDDLEWARE=[
            "nuages.middleware.security.SecurityMiddleware",
            "nuages.middleware.common.CommonMiddleware",
            "nuages.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
    )
    import nuages
    from nuages.http import HttpResponse, JsonResponse
    from nuages.test import Client
    from nuages.urls import path

    nuages.setup()
    _urlconf("bench_nuages_urls", path, HttpResponse, JsonResponse)
    return Client()


def setup_django():
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench",
        ALLOWED_HOSTS=["testserver"],
        ROOT_URLCONF="bench_django_urls",
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
    )
    import django
    from django.http import HttpResponse, JsonResponse
    from django.test import Client
    from django.urls import path

    django.setup()
    _urlconf("bench_django_urls", path, HttpResponse, JsonResponse)
    return Client()


ROUNDS = 5


def _request(client):
    def one():
        response = client.get("/articles/2024/hello-world/", {"q": "x"})
        assert response.status_code == 200, response.status_code

    one()
    return one


def _time(*requests) -> list[float]:
    """Best time per request of each, measured in alternating rounds: the machine's load
    (shared cores) then weighs on both sides alike."""
    best = [float("inf")] * len(requests)
    for _ in range(ROUNDS):
        for i, one in enumerate(requests):
            best[i] = min(best[i], timeit.timeit(one, number=N) / N)
    return best


def main() -> None:
    try:
        import django  # noqa: F401
    except ImportError:
        print("bench_requests: Django is not installed (make bench installs it); skipped")
        return
    n, d = _time(_request(setup_nuages()), _request(setup_django()))
    print(
        "\n== full request through the test client (security, common, clickjacking middleware) =="
    )
    print(
        f"nuages {n * 1e6:8.1f} us/request   django {d * 1e6:8.1f} us/request   nuages is {d / n:.1f}x faster"
    )


if __name__ == "__main__":
    main()
