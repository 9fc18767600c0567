"""A tiny project for the request-handling tests (handlers, middleware, views)."""
