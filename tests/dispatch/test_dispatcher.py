"""Signal: connect/disconnect, weak references, sender filtering, sync and async sends."""

import asyncio
import gc
import weakref

import pytest

from nuages.dispatch import Signal, receiver


class Sender:
    pass


def test_send_calls_receivers_with_signal_and_sender():
    sig = Signal()
    calls = []

    def recv(signal, sender, **kwargs):
        calls.append((signal, sender, kwargs))
        return "ok"

    sig.connect(recv)
    result = sig.send(sender=Sender, value=1)
    assert result == [(recv, "ok")]
    assert calls == [(sig, Sender, {"value": 1})]


def test_sender_filtering():
    sig = Signal()
    seen = []

    def recv(sender, **kwargs):
        seen.append(sender)

    sig.connect(recv, sender=Sender)
    sig.send(sender=object)
    sig.send(sender=Sender)
    assert seen == [Sender]


def test_dispatch_uid_prevents_duplicates():
    sig = Signal()

    def recv(**kwargs):
        return 1

    sig.connect(recv, dispatch_uid="one")
    sig.connect(recv, dispatch_uid="one")
    assert len(sig.send(sender=None)) == 1
    assert sig.disconnect(dispatch_uid="one") is True
    assert sig.send(sender=None) == []
    assert sig.disconnect(dispatch_uid="one") is False


def test_weak_receivers_are_dropped():
    sig = Signal()

    def make():
        def recv(**kwargs):
            return 1

        return recv

    r = make()
    sig.connect(r)
    assert sig.has_listeners()
    del r
    gc.collect()
    assert not sig.has_listeners()


def test_bound_method_weak_and_strong():
    sig = Signal()

    class Obj:
        def method(self, **kwargs):
            return "m"

    o = Obj()
    sig.connect(o.method)
    assert sig.send(sender=None)[0][1] == "m"
    del o
    gc.collect()
    assert sig.send(sender=None) == []

    strong = Obj()
    sig.connect(strong.method, weak=False)
    assert sig.send(sender=None)[0][1] == "m"


def test_connect_disconnect_cycles_leave_nothing_behind():
    # The test client connects and disconnects receivers on every request.
    sig = Signal()

    class Obj:
        def method(self, **kwargs):
            return "m"

    o = Obj()
    finalizers = len(weakref.finalize._registry)
    for _ in range(100):
        sig.connect(o.method, dispatch_uid="uid")
        sig.disconnect(dispatch_uid="uid")
    assert sig.receivers == []
    assert len(weakref.finalize._registry) == finalizers


def test_dead_weak_receivers_are_purged_on_next_connect():
    sig = Signal(use_caching=True)

    class Obj:
        def method(self, **kwargs):
            return "m"

    o = Obj()
    sig.connect(o.method)
    assert sig.send(sender=Sender)[0][1] == "m"
    del o
    gc.collect()
    assert sig.send(sender=Sender) == []

    def recv(**kwargs):
        return 2

    sig.connect(recv)
    assert len(sig.receivers) == 1
    assert sig.send(sender=Sender) == [(recv, 2)]


def test_receiver_must_be_callable():
    with pytest.raises(TypeError):
        Signal().connect("not callable")


def test_send_propagates_errors_and_send_robust_returns_them():
    sig = Signal()

    def bad(**kwargs):
        raise ValueError("boom")

    sig.connect(bad)
    with pytest.raises(ValueError):
        sig.send(sender=None)
    [(rec, err)] = sig.send_robust(sender=None)
    assert rec is bad and isinstance(err, ValueError)


def test_receiver_decorator_with_list_of_signals():
    a, b = Signal(), Signal()

    @receiver([a, b], sender=Sender)
    def recv(sender, **kwargs):
        return "hit"

    assert a.send(sender=Sender) == [(recv, "hit")]
    assert b.send(sender=Sender) == [(recv, "hit")]
    assert b.send(sender=None) == []


def test_async_receiver_from_sync_send():
    sig = Signal()

    async def arecv(**kwargs):
        await asyncio.sleep(0)
        return "async"

    def srecv(**kwargs):
        return "sync"

    sig.connect(arecv)
    sig.connect(srecv)
    results = dict(sig.send(sender=None))
    assert results == {arecv: "async", srecv: "sync"}


def test_asend_and_asend_robust():
    sig = Signal()

    async def arecv(**kwargs):
        return "a"

    def srecv(**kwargs):
        raise KeyError("k")

    sig.connect(arecv)
    sig.connect(srecv)

    async def main():
        robust = dict(await sig.asend_robust(sender=None))
        assert robust[arecv] == "a" and isinstance(robust[srecv], KeyError)
        with pytest.raises(KeyError):
            await sig.asend(sender=None)

    asyncio.run(main())


def test_caching_signal_with_class_senders():
    sig = Signal(use_caching=True)
    hits = []

    def recv(sender, **kwargs):
        hits.append(sender)

    sig.send(sender=Sender)  # caches "no receivers"
    sig.connect(recv, sender=Sender)  # connecting clears the cache
    sig.send(sender=Sender)
    sig.send(sender=None)  # None cannot be weakly referenced: still works
    assert hits == [Sender]


def test_receivers_follow_every_change_between_sends():
    sig = Signal()
    calls = []

    def first(**kwargs):
        calls.append("first")

    def second(**kwargs):
        calls.append("second")

    def for_sender(**kwargs):
        calls.append("for sender")

    sig.connect(first)
    sig.send(sender=Sender)
    sig.connect(second)
    sig.connect(for_sender, sender=Sender)
    sig.send(sender=Sender)
    sig.send(sender=object)
    assert calls == ["first", "first", "second", "for sender", "first", "second"]
    calls.clear()
    sig.disconnect(second)
    sig.send(sender=Sender)
    assert calls == ["first", "for sender"]
    calls.clear()
    # Replacing or emptying the receivers list directly (muting a signal) takes effect too.
    saved = sig.receivers
    sig.receivers = []
    sig.send(sender=Sender)
    saved_copy = list(saved)
    saved.clear()
    sig.receivers = saved
    sig.send(sender=Sender)
    assert calls == []
    sig.receivers = saved_copy
    sig.send(sender=Sender)
    assert calls == ["first", "for sender"]


def test_dead_receiver_is_not_called_after_caching():
    sig = Signal()

    def make():
        def recv(**kwargs):
            return 1

        return recv

    r = make()
    sig.connect(r)
    assert sig.send(sender=Sender) == [(r, 1)]
    del r
    gc.collect()
    assert sig.send(sender=Sender) == []


def test_send_except_skips_one_receiver_and_keeps_the_receivers():
    sig = Signal()
    calls = []

    def first(**kwargs):
        calls.append("first")

    def second(**kwargs):
        calls.append("second")

    sig.connect(first)
    sig.connect(second)
    before = list(sig.receivers)
    assert sig._send_except(first, sender=Sender) == [(second, None)]
    assert calls == ["second"]
    assert sig.receivers == before
    assert len(sig.send(sender=Sender)) == 2
