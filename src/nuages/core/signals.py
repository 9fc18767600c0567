"""Request-cycle and settings signals."""

from nuages.dispatch import Signal

__all__ = ["got_request_exception", "request_finished", "request_started", "setting_changed"]

request_started = Signal()
request_finished = Signal()
got_request_exception = Signal()
setting_changed = Signal()
