"""Every session backend through the same tests, sync and async (see conftest.py)."""

from __future__ import annotations

import datetime
import string

import pytest
from tests.db.conftest import _loop

from nuages.utils import timezone


def saved(h, data=None):
    s = h.store()
    for k, v in (data or {"a": 1}).items():
        h.call(s, "set", k, v)
    h.call(s, "save")
    return s


def test_new_session_is_empty(h):
    s = h.store()
    assert s.session_key is None
    assert s.is_empty()
    assert h.call(s, "get", "x") is None
    assert h.call(s, "get", "x", 5) == 5
    assert not s.modified
    assert s.accessed


def test_mapping_api(h):
    s = h.store()
    h.call(s, "set", "a", 1)
    assert s.modified
    assert h.call(s, "getitem", "a") == 1
    assert h.call(s, "setdefault", "a", 2) == 1
    assert h.call(s, "setdefault", "b", 2) == 2
    assert list(h.call(s, "keys")) == ["a", "b"]
    assert list(h.call(s, "values")) == [1, 2]
    assert list(h.call(s, "items")) == [("a", 1), ("b", 2)]
    assert h.call(s, "has_key", "a")
    assert "a" in s
    h.call(s, "update", {"c": 3})
    assert h.call(s, "pop", "c") == 3
    assert h.call(s, "pop", "c", None) is None
    with pytest.raises(KeyError):
        h.call(s, "pop", "c")
    del s["b"]
    assert dict(s.items()) == {"a": 1}
    s.clear()
    assert list(s.keys()) == []


def test_pop_missing_does_not_modify(h):
    s = h.store()
    h.call(s, "pop", "nope", None)
    assert not s.modified


def test_save_and_load(h):
    s = saved(h, {"a": 1, "list": [1, "x"], "nested": {"k": True}})
    assert s.session_key
    t = h.reopen(s)
    assert h.call(t, "get", "a") == 1
    assert h.call(t, "get", "list") == [1, "x"]
    assert h.call(t, "get", "nested") == {"k": True}
    assert not t.modified


def test_session_key_format(h):
    s = saved(h)
    if h.stores_data:
        assert len(s.session_key) == 32
        assert set(s.session_key) <= set(string.ascii_lowercase + string.digits)
        assert h.call(s, "exists", s.session_key)
    else:
        assert not h.call(s, "exists", s.session_key)


def test_forged_key_gives_empty_new_session(h):
    s = h.store("a" * 32)
    assert h.call(s, "get", "a") is None
    assert s.session_key is None or not h.stores_data
    h.call(s, "set", "x", 1)
    h.call(s, "save")
    assert s.session_key != "a" * 32


@pytest.mark.parametrize("key", ["short", "", "../../../etc/passwd", "A" * 32, "a" * 41, 12345])
def test_invalid_keys_ignored(h, key):
    if not h.stores_data and key in ("A" * 32, "a" * 41, "../../../etc/passwd"):
        s = h.store(key)
        assert h.call(s, "get", "a") is None  # not a valid signature either
        return
    s = h.store(key)
    assert s.session_key is None
    assert h.call(s, "get", "a") is None


def test_delete(h):
    s = saved(h)
    key = s.session_key
    h.call(s, "delete")
    if h.stores_data:
        assert not h.call(s, "exists", key)
        assert h.call(h.store(key), "get", "a") is None


def test_flush(h):
    s = saved(h)
    key = s.session_key
    h.call(s, "flush")
    assert s.session_key is None
    assert s.is_empty()
    assert s.modified
    assert h.call(h.store(key), "get", "a") is None if h.stores_data else True


def test_cycle_key_keeps_data_and_drops_old_key(h):
    s = saved(h, {"secret": "v"})
    old = s.session_key
    h.call(s, "cycle_key")
    h.call(s, "save")
    assert s.session_key != old or not h.stores_data  # signed data: same second, same key
    assert h.call(s, "get", "secret") == "v"
    assert h.call(h.reopen(s), "get", "secret") == "v"
    if h.stores_data:
        # A session fixed before login cannot be reused after the key cycled.
        fixed = h.store(old)
        assert h.call(fixed, "get", "secret") is None
        assert fixed.session_key is None
        assert not h.call(s, "exists", old)


def test_cycle_key_of_new_session(h):
    s = h.store()
    h.call(s, "set", "a", 1)
    h.call(s, "cycle_key")
    h.call(s, "save")
    assert h.call(h.reopen(s), "get", "a") == 1


def test_save_after_delete_by_other_request(h):
    if not h.stores_data:
        pytest.skip("no server-side storage")
    from nuages.contrib.sessions.backends.base import UpdateError

    s = saved(h)
    other = h.reopen(s)
    h.call(other, "delete")
    h.call(s, "set", "b", 2)
    with pytest.raises(UpdateError):
        h.call(s, "save")


def test_create_makes_a_fresh_key(h):
    s = h.store()
    h.call(s, "create")
    assert s.modified
    if h.stores_data:
        assert s.session_key and h.call(s, "exists", s.session_key)


def test_expiry_default(h):
    s = h.store()
    assert h.call(s, "get_expiry_age") == 1209600
    date = h.call(s, "get_expiry_date")
    assert abs((date - timezone.now()).total_seconds() - 1209600) < 5
    assert h.call(s, "get_expire_at_browser_close") is False


def test_set_expiry_variants(h):
    s = h.store()
    h.call(s, "set_expiry", 10)
    assert h.call(s, "get_expiry_age") == 10
    h.call(s, "set_expiry", datetime.timedelta(seconds=100))
    assert 98 <= h.call(s, "get_expiry_age") <= 100
    when = timezone.now() + datetime.timedelta(hours=1)
    h.call(s, "set_expiry", when)
    assert h.call(s, "get_expiry_date") == when
    assert 3598 <= h.call(s, "get_expiry_age") <= 3600
    h.call(s, "set_expiry", 0)
    assert h.call(s, "get_expire_at_browser_close") is True
    assert h.call(s, "get_expiry_age") == 1209600
    h.call(s, "set_expiry", None)
    assert h.call(s, "get", "_session_expiry") is None
    assert h.call(s, "get_expire_at_browser_close") is False
    h.call(s, "set_expiry", None)  # twice is fine


def test_expiry_persists(h):
    s = h.store()
    when = timezone.now() + datetime.timedelta(hours=2)
    h.call(s, "set_expiry", when)
    h.call(s, "save")
    assert h.call(h.reopen(s), "get_expiry_date") == when


def test_expiry_with_modification_and_expiry_kwargs(h):
    s = h.store()
    now = timezone.now()
    assert h.call(s, "get_expiry_age", modification=now, expiry=now + datetime.timedelta(60)) == (
        60 * 86400
    )
    assert h.call(s, "get_expiry_date", modification=now, expiry=30) == now + datetime.timedelta(
        seconds=30
    )


def test_expired_session_not_loaded(h):
    if h.engine == "signed_cookies":
        from nuages.test.utils import override_settings

        s = saved(h)
        with override_settings(SESSION_COOKIE_AGE=-1):
            assert h.call(h.reopen(s), "get", "a") is None
        return
    s = h.store()
    h.call(s, "set", "a", 1)
    h.call(s, "set_expiry", -10 if h.engine != "cache" else 1)
    h.call(s, "save")
    if h.engine == "cache":
        import time

        time.sleep(1.1)
    t = h.reopen(s)
    assert h.call(t, "get", "a") is None


def test_test_cookie(h):
    s = h.store()
    assert not h.call(s, "test_cookie_worked")
    h.call(s, "set_test_cookie")
    assert h.call(s, "test_cookie_worked")
    h.call(s, "delete_test_cookie")
    assert not h.call(s, "test_cookie_worked")


def test_clear_expired(h):
    live = saved(h, {"k": "live"})
    dead = h.store()
    h.call(dead, "set", "k", "dead")
    h.call(dead, "set_expiry", -10)
    h.call(dead, "save")
    h.call(h.SessionStore, "clear_expired")
    if h.engine in ("db", "cached_db"):
        from nuages.contrib.sessions.models import Session

        qs = Session.objects.values_list("session_key", flat=True)

        async def akeys():
            return [k async for k in qs]

        keys = _loop().run_until_complete(akeys()) if h.is_async else list(qs)
        assert set(keys) == {live.session_key}
    if h.engine == "file":
        assert h.call(live, "exists", live.session_key)
        assert not h.call(live, "exists", dead.session_key)


def test_encode_decode_roundtrip_and_tamper(h):
    s = h.store()
    data = {"a": 1, "b": "é"}
    encoded = s.encode(data)
    assert s.decode(encoded) == data
    assert s.decode(encoded[:-2] + "xx") == {}
    assert s.decode("not even close") == {}
