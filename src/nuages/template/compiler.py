"""Compiler (placeholder while written)."""


def compile_nodelist(nodelist, origin):
    raise NotImplementedError
