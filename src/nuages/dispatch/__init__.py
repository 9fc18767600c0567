"""Signals: decoupled notifications between parts of an application."""

from nuages.dispatch.dispatcher import Signal, receiver

__all__ = ["Signal", "receiver"]
