"""URL resolving and reversing: nuages against Django 5.2, on the same ~50-pattern URLconf.

The URLconf mixes literal routes, int/slug/uuid/path converters, a few re_path() entries
and namespaced includes (two levels deep). Both frameworks get the same patterns built with
their own path()/include(); the results are compared before timing. Run:
python -m benchmarks (all benchmarks) or python benchmarks/bench_urls.py, in an
environment with Django 5.2.
"""

from __future__ import annotations

import sys
import timeit
import types

N = 10_000

UUID = "3f2b8c1e-9a4d-4b7e-8c2f-1d2e3f4a5b6c"

RESOLVE_PATHS = [
    "/",
    "/about/",
    "/contact/",
    "/articles/2024/",
    "/articles/2024/05/my-first-post/",
    "/users/42/profile/",
    f"/files/{UUID}/",
    "/blog/",
    "/blog/post/some-slug/",
    "/blog/tag/python/page/3/",
    "/shop/category/shoes/",
    "/shop/product/123/reviews/",
    "/api/v1/orders/987/items/",
    "/api/v1/customers/55/",
    "/legacy/2019/12/",
    "/docs/en/topics/http/urls/",
]

REVERSES = [
    ("home", (), {}),
    ("about", (), {}),
    ("article-year", (2024,), {}),
    ("article-detail", (), {"year": 2024, "month": 5, "slug": "my-first-post"}),
    ("user-profile", (42,), {}),
    ("file", (UUID,), {}),
    ("blog:index", (), {}),
    ("blog:post", (), {"slug": "some-slug"}),
    ("blog:tag-page", ("python", 3), {}),
    ("shop:product-reviews", (123,), {}),
    ("api:v1:order-items", (), {"pk": 987}),
    ("api:v1:customer", (55,), {}),
    ("legacy-month", ("2019", "12"), {}),
]


def view(request, *args, **kwargs):
    return None


def build(path, re_path, include):
    """The URLconf as a module object, built with one framework's functions."""
    blog = [
        path("", view, name="index"),
        path("post/<slug:slug>/", view, name="post"),
        path("post/<slug:slug>/comments/", view, name="post-comments"),
        path("archive/<int:year>/", view, name="archive"),
        path("tag/<slug:tag>/", view, name="tag"),
        path("tag/<slug:tag>/page/<int:page>/", view, name="tag-page"),
        path("feed/", view, name="feed"),
        path("search/", view, name="search"),
    ]
    shop = [
        path("", view, name="index"),
        path("cart/", view, name="cart"),
        path("checkout/", view, name="checkout"),
        path("category/<slug:category>/", view, name="category"),
        path("product/<int:pk>/", view, name="product"),
        path("product/<int:pk>/reviews/", view, name="product-reviews"),
        path("orders/", view, name="orders"),
        path("orders/<uuid:order>/", view, name="order"),
    ]
    api_v1 = [
        path("orders/", view, name="orders"),
        path("orders/<int:pk>/", view, name="order"),
        path("orders/<int:pk>/items/", view, name="order-items"),
        path("customers/", view, name="customers"),
        path("customers/<int:pk>/", view, name="customer"),
        path("products/<slug:slug>/", view, name="product"),
    ]
    api = [
        path("v1/", include((api_v1, "v1"))),
        path("health/", view, name="health"),
    ]
    urlpatterns = [
        path("", view, name="home"),
        path("about/", view, name="about"),
        path("team/", view, name="team"),
        path("jobs/", view, name="jobs"),
        path("press/", view, name="press"),
        path("privacy/", view, name="privacy"),
        path("terms/", view, name="terms"),
        path("contact/", view, name="contact"),
        path("login/", view, name="login"),
        path("logout/", view, name="logout"),
        path("signup/", view, name="signup"),
        path("articles/<int:year>/", view, name="article-year"),
        path("articles/<int:year>/<int:month>/", view, name="article-month"),
        path("articles/<int:year>/<int:month>/<slug:slug>/", view, name="article-detail"),
        path("users/<int:pk>/", view, name="user"),
        path("users/<int:pk>/profile/", view, name="user-profile"),
        path("users/<int:pk>/settings/", view, name="user-settings"),
        path("files/<uuid:id>/", view, name="file"),
        path("blog/", include((blog, "blog"))),
        path("shop/", include((shop, "shop"))),
        path("api/", include((api, "api"))),
        re_path(r"^legacy/(\d{4})/(\d{2})/$", view, name="legacy-month"),
        re_path(r"^legacy/(?P<slug>[\w-]+)\.html$", view, name="legacy-page"),
        path("docs/<path:page>/", view, name="docs"),
    ]
    module = types.ModuleType("bench_urlconf")
    module.urlpatterns = urlpatterns
    return module


def setup_django():
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False, ROOT_URLCONF="bench_urlconf", USE_I18N=False, SECRET_KEY="x"
        )
        django.setup()
    from django.urls import include, path, re_path, resolve, reverse

    return build(path, re_path, include), resolve, reverse


def setup_nuages():
    from nuages.conf import settings

    if not settings.configured:
        settings.configure(ROOT_URLCONF="bench_urlconf", USE_I18N=False, SECRET_KEY="x")
    from nuages.urls import include, path, re_path, resolve, reverse

    return build(path, re_path, include), resolve, reverse


def workloads(conf, resolve, reverse):
    def resolve_all():
        for p in RESOLVE_PATHS:
            resolve(p, conf)

    def reverse_all():
        for name, args, kwargs in REVERSES:
            reverse(name, conf, args, kwargs)

    def not_found():
        try:
            resolve("/no/such/page/", conf)
        except Exception:
            pass

    return {"resolve": resolve_all, "reverse": reverse_all, "resolve 404": not_found}


def signature(conf, resolve, reverse):
    """What each framework answers, to check both agree before timing."""
    out = []
    for p in RESOLVE_PATHS:
        match = resolve(p, conf)
        out.append((match.view_name, match.args, match.kwargs, match.route))
    for name, args, kwargs in REVERSES:
        out.append(reverse(name, conf, args, kwargs))
    return out


def best_pair(first, second, number, rounds=9):
    """Best time per call of each, measured alternately so load changes hit both alike."""
    times_first, times_second = [], []
    for _ in range(rounds):
        times_first.append(timeit.timeit(first, number=number))
        times_second.append(timeit.timeit(second, number=number))
    return min(times_first) / number, min(times_second) / number


def main() -> None:
    try:
        dj = setup_django()
    except ImportError:
        print("bench_urls: Django is not installed; skipped.")
        return
    nu = setup_nuages()
    assert signature(*dj) == signature(*nu), "nuages and Django disagree"
    dj_work, nu_work = workloads(*dj), workloads(*nu)
    print(f"URL dispatch ({len(RESOLVE_PATHS)} paths / {len(REVERSES)} names per op)")
    print(f"{'workload':<12} {'django':>12} {'nuages':>12} {'speed-up':>9}")
    for key, count in (
        ("resolve", len(RESOLVE_PATHS)),
        ("reverse", len(REVERSES)),
        ("resolve 404", 1),
    ):
        number = max(200, N // count)
        dj_time, nu_time = best_pair(dj_work[key], nu_work[key], number)
        dj_time /= count
        nu_time /= count
        print(
            f"{key:<12} {dj_time * 1e6:>9.2f} us {nu_time * 1e6:>9.2f} us {dj_time / nu_time:>8.1f}x"
        )


if __name__ == "__main__":
    sys.path.insert(0, ".")
    main()
