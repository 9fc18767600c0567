"""Hook-only middleware run as one loop behave exactly as the nested chain does."""

import pytest
from reqproj import fused_middleware as fm
from reqproj.drive import asgi, wsgi

from nuages.core.handlers._fused import fusable
from nuages.core.handlers.asgi import ASGIHandler
from nuages.core.handlers.wsgi import WSGIHandler
from nuages.test.utils import override_settings

P = "reqproj.fused_middleware."


@pytest.fixture(autouse=True)
def reqproj_settings():
    with override_settings(ROOT_URLCONF="reqproj.urls_handlers", MIDDLEWARE=[], DEBUG=False):
        yield
    fm.plan.clear()
    fm.log.clear()


def run(middleware, path):
    """(log, status, body, X- headers) for WSGI and for ASGI."""
    results = []
    with override_settings(MIDDLEWARE=middleware):
        for handler, drive in ((WSGIHandler(), wsgi), (ASGIHandler(), asgi)):
            fm.log.clear()
            result = drive(handler, path=path)
            x_headers = {k: result.header(k) for k in ("X-A", "X-B", "X-C")}
            results.append((list(fm.log), result.status, result.body, x_headers))
    return results


def test_classes_are_fusable_only_without_their_own_call():
    assert fusable(fm.A) and fusable(fm.B) and fusable(fm.OnlyResponse)
    assert not fusable(fm.NestedA)
    assert not fusable(lambda get_response: get_response)


PLANS = [
    {},
    {"A": "short"},
    {"B": "short"},
    {"C": "short"},
    {"B": "falsy"},
    {"A": "raise-request"},
    {"B": "raise-request"},
    {"C": "raise-request"},
    {"A": "raise-response"},
    {"B": "raise-response"},
    {"C": "raise-response"},
    {"B": "raise-request", "A": "raise-response"},
    {"C": "short", "B": "raise-response"},
]


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items()))
@pytest.mark.parametrize("path", ["/hello/", "/ahello/", "/missing/"])
@pytest.mark.parametrize(
    "fused, nested",
    [
        (["A", "B", "C"], ["NestedA", "NestedB", "NestedC"]),
        # A middleware that is not fused splits the run in two.
        (["A", "NestedB", "C"], ["NestedA", "NestedB", "NestedC"]),
        (["OnlyResponse", "A", "B", "C"], ["NestedOnlyResponse", "NestedA", "NestedB", "NestedC"]),
    ],
)
def test_fused_chain_matches_nested_chain(plan, path, fused, nested):
    fm.plan.update(plan)
    got = run([P + name for name in fused], path)
    expected = run([P + name for name in nested], path)
    assert got == expected
    # Both entry points agree too.
    assert got[0] == got[1]


def test_the_chain_is_one_loop_for_hook_only_middleware():
    with override_settings(MIDDLEWARE=[P + "A", P + "B", P + "C"]):
        for handler in (WSGIHandler(), ASGIHandler()):
            assert handler._middleware_chain.__name__ == "run_middleware"
    with override_settings(MIDDLEWARE=[P + "NestedA"]):
        assert WSGIHandler()._middleware_chain.__name__ != "run_middleware"
