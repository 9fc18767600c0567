"""Signal: receivers held by weak reference, filtered by sender, sync and async."""

from __future__ import annotations

import asyncio
import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any

from nuages.utils._async import is_async_callable, run_async

__all__ = ["NO_RECEIVERS", "Signal", "receiver"]

logger = logging.getLogger("nuages.dispatch")

NONE_ID = id(None)
NO_RECEIVERS = object()


def _make_id(target: Any) -> Any:
    if target is None or type(target) is type:  # the usual senders: None and plain classes
        return id(target)
    if hasattr(target, "__func__"):
        return (id(target.__self__), id(target.__func__))
    return id(target)


class Signal:
    """A signal that receivers connect to and senders send.

    `use_caching` keeps, per sender, the list of live receivers until connect/disconnect.
    """

    def __init__(self, use_caching: bool = False) -> None:
        # (lookup_key, receiver_or_weakref, is_async)
        self.receivers: list[tuple[tuple[Any, Any], Any, bool]] = []
        self.lock = threading.Lock()
        self.use_caching = use_caching
        self.sender_receivers_cache: weakref.WeakKeyDictionary | dict = (
            weakref.WeakKeyDictionary() if use_caching else {}
        )
        self._dead_receivers = False
        # Without use_caching: the receivers for each sender id, valid while `receivers` is the
        # same list with the same length (connect and disconnect also reset it). The same
        # result as filtering the receivers again on every send.
        self._by_sender_id: dict[Any, list] = {}
        self._by_sender_source: tuple[Any, int] = (None, -1)

    def connect(
        self, receiver: Callable, sender: Any = None, weak: bool = True, dispatch_uid: Any = None
    ) -> None:
        """Connect receiver to this signal, for every sender or only `sender`."""
        if not callable(receiver):
            raise TypeError("Signal receivers must be callable.")
        lookup_key = (dispatch_uid if dispatch_uid else _make_id(receiver), _make_id(sender))
        is_async = is_async_callable(receiver)
        ref: Any = receiver
        if weak:
            # The reference's own callback flags dead receivers: unlike weakref.finalize, it
            # goes away with the reference, so connect/disconnect cycles leave nothing behind.
            if hasattr(receiver, "__self__") and hasattr(receiver, "__func__"):
                ref = weakref.WeakMethod(receiver, self._flag_dead_receivers)
            else:
                ref = weakref.ref(receiver, self._flag_dead_receivers)
        with self.lock:
            self._clear_dead_receivers()
            if not any(r_key == lookup_key for r_key, _, _ in self.receivers):
                self.receivers.append((lookup_key, ref, is_async))
            self.sender_receivers_cache.clear()
            self._by_sender_id = {}

    def disconnect(
        self, receiver: Callable | None = None, sender: Any = None, dispatch_uid: Any = None
    ) -> bool:
        """Disconnect a receiver; return whether one was disconnected."""
        lookup_key = (dispatch_uid if dispatch_uid else _make_id(receiver), _make_id(sender))
        disconnected = False
        with self.lock:
            self._clear_dead_receivers()
            for index, (r_key, _, _) in enumerate(self.receivers):
                if r_key == lookup_key:
                    disconnected = True
                    del self.receivers[index]
                    break
            self.sender_receivers_cache.clear()
            self._by_sender_id = {}
        return disconnected

    def has_listeners(self, sender: Any = None) -> bool:
        sync_receivers, async_receivers = self._live_receivers(sender)
        return bool(sync_receivers) or bool(async_receivers)

    def send(self, sender: Any, **named: Any) -> list[tuple[Callable, Any]]:
        """Call every receiver; errors propagate. Async receivers are run to completion."""
        if not self.receivers or (self.use_caching and self._cached(sender) is NO_RECEIVERS):
            return []
        sync_receivers, async_receivers = self._live_receivers(sender)
        return self._call(sync_receivers, async_receivers, sender, named)

    def _send_except(self, excluded: Any, sender: Any, **named: Any) -> list[tuple[Callable, Any]]:
        """send(), skipping the receiver `excluded` (as if it were disconnected for the send,
        without changing the receivers)."""
        if not self.receivers or (self.use_caching and self._cached(sender) is NO_RECEIVERS):
            return []
        sync_receivers, async_receivers = self._live_receivers(sender)
        return self._call(
            [r for r in sync_receivers if r is not excluded],
            [r for r in async_receivers if r is not excluded],
            sender,
            named,
        )

    def _call(
        self, sync_receivers: list, async_receivers: list, sender: Any, named: dict
    ) -> list[tuple[Callable, Any]]:
        responses = [(r, r(signal=self, sender=sender, **named)) for r in sync_receivers]
        if async_receivers:

            async def gather() -> list:
                return await asyncio.gather(
                    *(r(signal=self, sender=sender, **named) for r in async_receivers)
                )

            responses.extend(zip(async_receivers, run_async(gather), strict=True))
        return responses

    async def asend(self, sender: Any, **named: Any) -> list[tuple[Callable, Any]]:
        """Await every receiver; sync receivers run in a worker thread. Errors propagate."""
        if not self.receivers or self._cached(sender) is NO_RECEIVERS:
            return []
        sync_receivers, async_receivers = self._live_receivers(sender)
        responses: list[tuple[Callable, Any]] = []
        if sync_receivers:

            def call_sync() -> list:
                return [(r, r(signal=self, sender=sender, **named)) for r in sync_receivers]

            responses = await asyncio.to_thread(call_sync)
        if async_receivers:
            results = await asyncio.gather(
                *(r(signal=self, sender=sender, **named) for r in async_receivers)
            )
            responses.extend(zip(async_receivers, results, strict=True))
        return responses

    def _log_robust_failure(self, receiver: Callable, err: Exception) -> None:
        logger.error(
            "Error calling %s in Signal.send_robust() (%s)",
            getattr(receiver, "__qualname__", repr(receiver)),
            err,
            exc_info=err,
        )

    def send_robust(self, sender: Any, **named: Any) -> list[tuple[Callable, Any]]:
        """Like send(), but an exception raised by a receiver is returned as its response."""
        if not self.receivers or self._cached(sender) is NO_RECEIVERS:
            return []
        sync_receivers, async_receivers = self._live_receivers(sender)
        responses: list[tuple[Callable, Any]] = []
        for r in sync_receivers:
            try:
                response = r(signal=self, sender=sender, **named)
            except Exception as err:
                self._log_robust_failure(r, err)
                responses.append((r, err))
            else:
                responses.append((r, response))
        if async_receivers:
            responses.extend(run_async(lambda: self._gather_robust(async_receivers, sender, named)))
        return responses

    async def asend_robust(self, sender: Any, **named: Any) -> list[tuple[Callable, Any]]:
        """Like asend(), but an exception raised by a receiver is returned as its response."""
        if not self.receivers or self._cached(sender) is NO_RECEIVERS:
            return []
        sync_receivers, async_receivers = self._live_receivers(sender)
        responses: list[tuple[Callable, Any]] = []
        if sync_receivers:
            responses = await asyncio.to_thread(
                self.send_robust_sync_only, sync_receivers, sender, named
            )
        responses.extend(await self._gather_robust(async_receivers, sender, named))
        return responses

    def send_robust_sync_only(self, receivers: list, sender: Any, named: dict) -> list:
        out = []
        for r in receivers:
            try:
                out.append((r, r(signal=self, sender=sender, **named)))
            except Exception as err:
                self._log_robust_failure(r, err)
                out.append((r, err))
        return out

    async def _gather_robust(self, receivers: list, sender: Any, named: dict) -> list:
        async def call(r: Callable) -> tuple[Callable, Any]:
            try:
                return r, await r(signal=self, sender=sender, **named)
            except Exception as err:
                self._log_robust_failure(r, err)
                return r, err

        return list(await asyncio.gather(*(call(r) for r in receivers)))

    def _cached(self, sender: Any) -> Any:
        try:
            return self.sender_receivers_cache.get(sender)
        except TypeError:  # a sender that cannot be weakly referenced is simply not cached
            return None

    def _flag_dead_receivers(self, ref: Any = None) -> None:
        self._dead_receivers = True

    def _clear_dead_receivers(self) -> None:
        if self._dead_receivers:
            self._dead_receivers = False
            self.receivers = [
                r
                for r in self.receivers
                if not (isinstance(r[1], weakref.ReferenceType) and r[1]() is None)
            ]

    def _live_receivers(self, sender: Any) -> tuple[list[Callable], list[Callable]]:
        receivers = None
        if not self._dead_receivers:
            if self.use_caching:
                receivers = self._cached(sender)
                if receivers is NO_RECEIVERS:
                    return [], []
            else:
                source, length = self._by_sender_source
                all_receivers = self.receivers
                if source is all_receivers and length == len(all_receivers):
                    receivers = self._by_sender_id.get(_make_id(sender))
        if receivers is None:
            with self.lock:
                self._clear_dead_receivers()
                senderkey = _make_id(sender)
                receivers = [
                    (receiver, is_async)
                    for (_, r_senderkey), receiver, is_async in self.receivers
                    if r_senderkey in (NONE_ID, senderkey)
                ]
                if self.use_caching:
                    try:
                        self.sender_receivers_cache[sender] = receivers or NO_RECEIVERS
                    except TypeError:
                        pass
                else:
                    all_receivers = self.receivers
                    source, length = self._by_sender_source
                    if (
                        source is not all_receivers
                        or length != len(all_receivers)
                        or len(self._by_sender_id) >= 256
                    ):
                        self._by_sender_id = {}  # receivers changed, or senders made per call
                        self._by_sender_source = (all_receivers, len(all_receivers))
                    self._by_sender_id[senderkey] = receivers
        sync_receivers: list[Callable] = []
        async_receivers: list[Callable] = []
        for receiver, is_async in receivers:
            if isinstance(receiver, weakref.ReferenceType):
                receiver = receiver()
                if receiver is None:
                    continue
            (async_receivers if is_async else sync_receivers).append(receiver)
        return sync_receivers, async_receivers


def receiver(signal: Signal | list | tuple, **kwargs: Any) -> Callable:
    """Decorator connecting a function to one signal or a list of signals."""

    def _decorator(func: Callable) -> Callable:
        for s in signal if isinstance(signal, list | tuple) else [signal]:
            s.connect(func, **kwargs)
        return func

    return _decorator
