"""The base classes every backend extends."""
