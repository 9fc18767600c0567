"""One realistic page rendered by nuages, Django 5.2's template engine and Jinja2.

The page: a base layout extended twice (base -> layout -> page, with block.super), a loop
over 100 rows using escape, date, floatformat, truncatechars, default, pluralize, an
if/elif chain, an include and a {% url %} per row. Each engine renders the same data; the
outputs are compared (whitespace-normalised) before timing. Run: python -m benchmarks
(or python benchmarks/bench_templates.py) in an environment with Django 5.2 and Jinja2.
"""

from __future__ import annotations

import datetime
import re
import sys
import time
import timeit
import types

ROWS = 100
N = 300

BASE = """<!doctype html><html><head><title>{% block title %}Site{% endblock %}</title></head>
<body><header>{{ site_name }}</header>{% block content %}{% endblock %}<footer>{% block footer %}(c) {{ year }}{% endblock %}</footer></body></html>"""

LAYOUT = """{% extends "base.html" %}{% block title %}{{ page_title }} | {{ block.super }}{% endblock %}
{% block content %}<main>{% block main %}{% endblock %}</main>{% endblock %}"""

PAGE = """{% extends "layout.html" %}{% block main %}<h1>{{ page_title }}</h1>
<table>{% for row in rows %}<tr class="{% if row.status == 'open' %}open{% elif row.status == 'closed' %}closed{% else %}other{% endif %}">
<td><a href="{% url 'item' row.id %}">{{ row.name }}</a></td><td>{{ row.description|truncatechars:30 }}</td>
<td>{{ row.price|floatformat:2 }}</td><td>{{ row.created|date:"Y-m-d" }}</td><td>{{ row.owner|default:"nobody" }}</td>
<td>{{ row.count }} item{{ row.count|pluralize }}</td><td>{% include "badge.html" %}</td></tr>
{% endfor %}</table>{% endblock %}"""

BADGE = """<span class="badge">{{ row.tag|escape }}</span>"""

J_BASE = """<!doctype html><html><head><title>{% block title %}Site{% endblock %}</title></head>
<body><header>{{ site_name }}</header>{% block content %}{% endblock %}<footer>{% block footer %}(c) {{ year }}{% endblock %}</footer></body></html>"""

J_LAYOUT = """{% extends "base.html" %}{% block title %}{{ page_title }} | {{ super() }}{% endblock %}
{% block content %}<main>{% block main %}{% endblock %}</main>{% endblock %}"""

J_PAGE = """{% extends "layout.html" %}{% block main %}<h1>{{ page_title }}</h1>
<table>{% for row in rows %}<tr class="{% if row.status == 'open' %}open{% elif row.status == 'closed' %}closed{% else %}other{% endif %}">
<td><a href="{{ url('item', row.id) }}">{{ row.name }}</a></td><td>{{ row.description|truncatechars(30) }}</td>
<td>{{ '%.2f'|format(row.price) }}</td><td>{{ row.created.strftime('%Y-%m-%d') }}</td><td>{{ row.owner or "nobody" }}</td>
<td>{{ row.count }} item{{ row.count|pluralize }}</td><td>{% include "badge.html" %}</td></tr>
{% endfor %}</table>{% endblock %}"""

TEMPLATES = {"base.html": BASE, "layout.html": LAYOUT, "page.html": PAGE, "badge.html": BADGE}
J_TEMPLATES = {
    "base.html": J_BASE,
    "layout.html": J_LAYOUT,
    "page.html": J_PAGE,
    "badge.html": BADGE,
}


class Row:
    def __init__(self, i: int) -> None:
        self.id = i
        self.name = f"Item <{i}> & co"
        self.description = "A fairly long description of the item that needs truncating " * 2
        self.price = i * 1.2345
        self.created = datetime.date(2024, 1, 1) + datetime.timedelta(days=i)
        self.owner = "" if i % 3 == 0 else f"user{i}"
        self.count = i % 4
        self.status = ("open", "closed", "pending")[i % 3]
        self.tag = f"t'{i % 5}"


def make_context() -> dict:
    return {
        "rows": [Row(i) for i in range(ROWS)],
        "site_name": "Bench & Co",
        "page_title": "Items",
        "year": 2025,
    }


def _urls(path, module_name: str) -> types.ModuleType:
    mod = types.ModuleType(module_name)
    mod.urlpatterns = [path("items/<int:pk>/", lambda request, pk: None, name="item")]
    sys.modules[module_name] = mod
    return mod


def _normalise(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def setup_nuages():
    from nuages.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False, USE_TZ=False, ROOT_URLCONF="bench_template_urls_n", INSTALLED_APPS=[]
        )
    import nuages
    from nuages.template import Context, Engine
    from nuages.urls import path

    nuages.setup(set_prefix=False)
    _urls(path, "bench_template_urls_n")
    engine = Engine(
        loaders=[
            (
                "nuages.template.loaders.cached.Loader",
                [("nuages.template.loaders.locmem.Loader", TEMPLATES)],
            )
        ]
    )
    return engine, Context


def setup_django():
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False, USE_TZ=False, ROOT_URLCONF="bench_template_urls_d", INSTALLED_APPS=[]
        )
    django.setup()
    from django.template import Context, Engine
    from django.urls import path

    _urls(path, "bench_template_urls_d")

    engine = Engine(
        loaders=[
            (
                "django.template.loaders.cached.Loader",
                [("django.template.loaders.locmem.Loader", TEMPLATES)],
            )
        ]
    )
    return engine, Context


def setup_jinja(reverse):
    import jinja2

    def pluralize(n):
        return "" if n == 1 else "s"

    def truncatechars(s, n):
        return s if len(s) <= n else s[: n - 1] + "\u2026"

    env = jinja2.Environment(loader=jinja2.DictLoader(J_TEMPLATES), autoescape=True)
    env.filters["pluralize"] = pluralize
    env.filters["truncatechars"] = truncatechars
    env.globals["url"] = lambda name, *args: reverse(name, args=args)
    return env


def _time(fn, n: int) -> float:
    return min(timeit.repeat(fn, number=n, repeat=3)) / n


def main() -> None:
    ctx_data = make_context()
    results: dict[str, float] = {}
    outputs: dict[str, str] = {}

    engine, NContext = setup_nuages()
    start = time.perf_counter()
    nuages_page = engine.get_template("page.html")
    engine.get_template("layout.html")
    engine.get_template("base.html")
    engine.get_template("badge.html")
    compile_nuages = time.perf_counter() - start
    outputs["nuages"] = nuages_page.render(NContext(ctx_data))
    results["nuages"] = _time(lambda: nuages_page.render(NContext(ctx_data)), N)
    from nuages.urls import reverse as nuages_reverse

    compile_django = None
    try:
        dengine, DContext = setup_django()
        start = time.perf_counter()
        django_page = dengine.get_template("page.html")
        dengine.get_template("layout.html")
        dengine.get_template("base.html")
        dengine.get_template("badge.html")
        compile_django = time.perf_counter() - start
        outputs["django"] = django_page.render(DContext(ctx_data))
        results["django 5.2"] = _time(lambda: django_page.render(DContext(ctx_data)), N)
    except ImportError as e:
        print(f"Django is not available ({e}): skipping it")

    env = setup_jinja(nuages_reverse)
    start = time.perf_counter()
    jpage = env.get_template("page.html")
    for name in ("layout.html", "base.html", "badge.html"):
        env.get_template(name)
    compile_jinja = time.perf_counter() - start
    outputs["jinja2"] = jpage.render(**ctx_data)
    results["jinja2"] = _time(lambda: jpage.render(**ctx_data), N)

    if "django" in outputs and _normalise(outputs["django"]) != _normalise(outputs["nuages"]):
        print("WARNING: nuages and Django outputs differ")
    print(
        f"Template page: {ROWS} rows, 3-level inheritance, include + url per row; best of 3 x {N}"
    )
    for name, seconds in results.items():
        ratio = seconds / results["nuages"]
        print(f"  {name:<11} {seconds * 1e6:9.1f} us/render   ({ratio:4.2f}x nuages's time)")
    print("First compile of the 4 templates:")
    print(f"  nuages      {compile_nuages * 1e3:7.2f} ms")
    if compile_django is not None:
        print(f"  django 5.2  {compile_django * 1e3:7.2f} ms")
    print(f"  jinja2      {compile_jinja * 1e3:7.2f} ms")


if __name__ == "__main__":
    main()
