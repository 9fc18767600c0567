"""Compiler: a NodeList becomes the source of a Python function, then a code object.

The generated function appends strings to a list and joins them. Static text is merged, filters
and helpers are bound as module globals, and names bound by {% for %} / {% with %} / `as var`
live in Python locals. Every other name is looked up in the Context when used, so custom nodes
(called through render()) see and change the same context they would in Django.

A frame ({% for %}, {% with %}) pushes its dict on the context only if its body needs the
context: a custom node, an include, a block, or an `as` assignment (see `uses_context`).
After a custom node runs, the locals of pushed frames are re-read, since it may have set them.
"""

from __future__ import annotations

import itertools
import linecache
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from keyword import iskeyword
from types import TracebackType
from typing import Any

from nuages.template import runtime
from nuages.template.runtime import VariableDoesNotExist
from nuages.utils.safestring import SafeData, SafeString, mark_safe

__all__ = [
    "CodeGen",
    "Frame",
    "LoopInfo",
    "compile_nodelist",
    "find_token",
    "is_compiled",
    "uses_context",
]

LOOP_KEYS = ("counter", "counter0", "revcounter", "revcounter0", "first", "last", "length")

_BASE_NAMESPACE = {
    "RP": runtime.resolve_path,
    "RA": runtime.resolve_attr,
    "RAF": runtime.resolve_attr_failed,
    "RAC": runtime.call_checked,
    "UNSUBSCRIPTABLE": runtime.UNSUBSCRIPTABLE,
    "ctx_get": runtime.ctx_get,
    "MISSING": runtime.MISSING,
    "VariableDoesNotExist": VariableDoesNotExist,
    "render_escaped": runtime.render_escaped,
    "render_raw": runtime.render_raw,
    "missing_text": runtime.missing_text,
    "template_localtime": runtime.template_localtime,
    "mark_safe": mark_safe,
    "SafeData": SafeData,
    "SafeString": SafeString,
    "call_value": runtime.call_value,
    "_check_unpack": runtime.check_unpack,
    "_parent_loop": runtime.parent_loop,
}

_counter = itertools.count(1)
# filename -> list mapping generated line numbers to template tokens, for error reports.
_line_tokens: dict[str, list] = {}
_compiled_cache: dict[type, bool] = {}
_ident_re = re.compile(r"[^A-Za-z0-9_]")
# Python locals the compiler binds for template names (`l_row_3`).
_local_re = re.compile(r"l_\w+_\d+")


def is_compiled(node: Any) -> bool:
    """Whether node is emitted by its compile() (its class's own render is not overridden)."""
    tp = type(node)
    answer = _compiled_cache.get(tp)
    if answer is None:
        answer = False
        for klass in tp.__mro__:
            if "compile" in klass.__dict__:
                answer = True
                break
            if "render" in klass.__dict__ or "render_annotated" in klass.__dict__:
                break
        _compiled_cache[tp] = answer
    return answer


def uses_context(nodes: Any) -> bool:
    """Whether rendering nodes reads names from, or writes names to, the Context itself."""
    for node in nodes:
        if not is_compiled(node) or node.uses_context or getattr(node, "assigns", None):
            return True
        for attr in node.child_nodelists:
            child = getattr(node, attr, None)
            if child and uses_context(child):
                return True
    return False


class _Mark:
    __slots__ = ("token",)

    def __init__(self, token: Any) -> None:
        self.token = token


class LoopInfo:
    __slots__ = ("dict_var", "index", "length", "needs_dict")

    def __init__(self, index: str, length: str, dict_var: str, needs_dict: bool) -> None:
        self.index = index
        self.length = length
        self.dict_var = dict_var
        self.needs_dict = needs_dict


class Frame:
    """Names a {% for %} / {% with %} (or a function's start) binds to Python locals."""

    __slots__ = ("indent", "loop", "names", "prologue", "pushed")

    def __init__(self, pushed: bool, indent: int) -> None:
        self.names: dict[str, str] = {}
        self.pushed = pushed
        self.prologue: list = []
        self.indent = indent
        self.loop: LoopInfo | None = None


class _Function:
    __slots__ = ("append", "autoescape", "frames", "indent", "lines", "rv", "text", "written")

    def __init__(self) -> None:
        self.lines: list = []
        self.frames: list[Frame] = []
        self.indent = 0
        self.text: list[str] = []
        self.append = "_a"
        self.autoescape = "ae"
        self.rv = "rv"
        self.written = 0


class CodeGen:
    """Builds the Python module for one template; node compile() methods call its API."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.namespace: dict[str, Any] = dict(_BASE_NAMESPACE)
        self._consts: dict[int, str] = {}
        self._keep: list = []
        self._n = 0
        self._functions: list[list] = []
        self._after: list[Callable[[dict], None]] = []
        self.fn = _Function()

    # -- names and constants ---------------------------------------------------------------
    def new_name(self, prefix: str = "t") -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    def const(self, obj: Any, prefix: str = "K") -> str:
        """A module-global name bound to obj."""
        name = self._consts.get(id(obj))
        if name is None:
            name = self.new_name(prefix)
            self._consts[id(obj)] = name
            self.namespace[name] = obj
            self._keep.append(obj)
        return name

    def lit(self, value: Any) -> str:
        """Python source for a constant value (exact type preserved)."""
        tp = type(value)
        if value is None or tp is bool or tp is int or tp is str:
            return repr(value)
        if tp is float and value == value and value not in (float("inf"), float("-inf")):
            return repr(value)
        return self.const(value)

    # -- writing ---------------------------------------------------------------------------
    def text(self, s: str) -> None:
        if s:
            self.fn.text.append(s)

    def _flush(self) -> None:
        fn = self.fn
        if fn.text:
            s = "".join(fn.text)
            fn.text = []
            fn.lines.append("    " * fn.indent + f"{fn.append}({s!r})")
            fn.written += 1

    def write(self, line: str) -> None:
        self._flush()
        fn = self.fn
        fn.lines.append("    " * fn.indent + line)
        fn.written += 1

    def mark(self, token: Any) -> None:
        if token is not None:
            self.fn.lines.append(_Mark(token))

    @contextmanager
    def block(self, header: str) -> Iterator[None]:
        """Write `header:` and indent what follows, until the with-statement ends."""
        self.write(header + ":")
        fn = self.fn
        fn.indent += 1
        before = fn.written
        try:
            yield
        finally:
            self._flush()
            if fn.written == before:
                self.write("pass")
            fn.indent -= 1

    def placeholder(self) -> tuple[list, int]:
        """A spot to fill with lines later (at the current indentation)."""
        self._flush()
        spot: list = []
        self.fn.lines.append(spot)
        self.fn.written += 1
        return spot, self.fn.indent

    def output(self, expr: str) -> None:
        """Append a str expression to the output."""
        self.write(f"{self.fn.append}({expr})")

    def output_value(self, expr: str) -> None:
        """Append a value converted the way {{ }} converts it (localized, escaped)."""
        self.write(f"{self.fn.append}({self.fn.rv}({expr}, context))")

    @property
    def autoescape(self) -> str:
        """Python source for the current autoescape setting."""
        return self.fn.autoescape

    @contextmanager
    def autoescape_set(self, setting: bool) -> Iterator[None]:
        fn = self.fn
        saved = fn.autoescape, fn.rv
        fn.autoescape = repr(bool(setting))
        fn.rv = "render_escaped" if setting else "render_raw"
        try:
            yield
        finally:
            self._flush()
            fn.autoescape, fn.rv = saved

    @contextmanager
    def capture(self) -> Iterator[list[str]]:
        """Collect the output of the body; afterwards holder[0] names the joined string."""
        fn = self.fn
        buf, app, result = self.new_name("o"), self.new_name("a"), self.new_name("s")
        self.write(f"{buf} = []")
        self.write(f"{app} = {buf}.append")
        saved = fn.append
        fn.append = app
        holder = [result]
        try:
            yield holder
        finally:
            self._flush()
            fn.append = saved
        self.write(f"{result} = ''.join({buf})")

    # -- frames ----------------------------------------------------------------------------
    @contextmanager
    def frame(self, pushed: bool) -> Iterator[Frame]:
        fn = self.fn
        self._flush()
        frame = Frame(pushed, fn.indent)
        fn.lines.append(frame.prologue)
        fn.frames.append(frame)
        try:
            yield frame
        finally:
            self._flush()
            fn.frames.pop()

    def bind(self, frame: Frame, name: str) -> str:
        """A fresh Python local for template name in frame."""
        local = self.new_name(f"l_{_ident_re.sub('_', name)}_")
        frame.names[name] = local
        return local

    def lookup(self, name: str, bits: tuple = (), upto: int | None = None) -> tuple[str, tuple]:
        """Source for the raw value of name (MISSING if absent), and the bits still to apply."""
        frames = self.fn.frames if upto is None else self.fn.frames[:upto]
        for frame in reversed(frames):
            loop = frame.loop
            if name == "forloop" and loop is not None and frame.names.get(name) == loop.dict_var:
                if bits and bits[0] in LOOP_KEYS and not loop.needs_dict:
                    return _loop_expr(loop, bits[0]), bits[1:]
                loop.needs_dict = True
                return loop.dict_var, bits
            local = frame.names.get(name)
            if local is not None:
                return local, bits
        return f"ctx_get(context, {name!r})", bits

    def assign(self, name: str, expr: str, upward: bool = False) -> None:
        """Bind name as `{% ... as name %}` does: in the innermost frame and its context dict."""
        frames = self.fn.frames
        frame = frames[-1]
        local = frame.names.get(name)
        if local is None:
            outer, _ = self.lookup(name, (), upto=len(frames) - 1)
            local = self.bind(frame, name)
            frame.prologue.append("    " * frame.indent + f"{local} = {outer}")
        self.write(f"{local} = {expr}")
        if upward:
            self.write(f"context.set_upward({name!r}, {local})")
        elif frame.pushed:
            self.write(f"context[{name!r}] = {local}")

    def reread(self) -> None:
        """After a custom node ran, reload locals it may have changed through the context."""
        seen: set[str] = set()
        for frame in reversed(self.fn.frames):
            for name, local in frame.names.items():
                if name in seen:
                    continue
                seen.add(name)
                if frame.pushed and not (frame.loop is not None and local == frame.loop.dict_var):
                    self.write(f"{local} = ctx_get(context, {name!r})")

    # -- expressions -----------------------------------------------------------------------
    def var(self, variable: Any) -> str:
        """Source evaluating a Variable; raises VariableDoesNotExist when a lookup fails."""
        if variable.lookups is None:
            if variable.translate:
                return f"{self.const(variable, 'V')}.resolve(context)"
            return self.lit(variable.literal)
        if variable.translate:
            return f"{self.const(variable, 'V')}.resolve(context)"
        first, *rest = variable.lookups
        base, bits = self.lookup(first, tuple(rest))
        if base.startswith("(") and not bits:
            return base  # a forloop counter: never missing, never callable
        if len(bits) == 1:
            return f"RA(context, {base}, {bits[0]!r}, {variable.var!r})"
        return f"RP(context, {base}, {bits!r}, {variable.var!r})"

    def expr(self, fe: Any, ignore_failures: bool = False) -> str:
        """Emit code evaluating a FilterExpression; returns a name or literal holding it."""
        if not fe.is_var:
            value = self.lit(fe.var)
            if not fe.filters:
                return value
            t = self.new_name()
            self.write(f"{t} = {value}")
            self._filters(t, fe.filters)
            return t
        variable = fe.var
        code = self.var(variable)
        t = self.new_name()
        if variable.lookups is None or code.startswith("("):
            self.write(f"{t} = {code}")
            self._filters(t, fe.filters)
            return t
        if ignore_failures:
            with self.block("try"):
                self._assign_var(t, variable, code)
            with self.block("except VariableDoesNotExist"):
                self.write(f"{t} = None")
            self._filters(t, fe.filters)
            return t
        if not fe.filters:
            with self.block("try"):
                self._assign_var(t, variable, code)
            with self.block("except VariableDoesNotExist"):
                self.write(f"{t} = missing_text(context, {variable.var!r})")
            return t
        flag = self.new_name("f")
        self.write(f"{flag} = True")
        with self.block("try"):
            self._assign_var(t, variable, code)
        with self.block("except VariableDoesNotExist"):
            self.write(f"{t} = missing_text(context, {variable.var!r})")
            # A non-empty string_if_invalid is shown as is, without filters.
            self.write(f"{flag} = not {t}")
        with self.block(f"if {flag}"):
            self._filters(t, fe.filters)
        return t

    def _assign_var(self, t: str, variable: Any, code: str) -> None:
        """Write `t = code`; `local.attr` gets resolve_attr's fast path inline."""
        first, *rest = variable.lookups
        base, bits = self.lookup(first, tuple(rest))
        attr = bits[0] if len(bits) == 1 else ""
        if not _local_re.fullmatch(base) or not attr.isidentifier() or iskeyword(attr):
            self.write(f"{t} = {code}")
            return
        # Plain objects (no __getitem__) resolve by getattr: done here without a call.
        with self.block(f"if type({base}) in UNSUBSCRIPTABLE and not callable({base})"):
            with self.block("try"):
                self.write(f"{t} = {base}.{attr}")
            with self.block("except Exception as e_"):
                self.write(f"{t} = RAF(context, {base}, {attr!r}, e_)")
            with self.block("else"), self.block(f"if callable({t})"):
                self.write(f"{t} = RAC(context, {t})")
        with self.block("else"):
            self.write(f"{t} = {code}")

    def _filters(self, t: str, filters: list) -> None:
        for func, args in filters:
            fname = self.const(func, "F")
            argcodes = []
            for lookup, arg in args:
                if lookup:
                    argcodes.append(self.var(arg))
                elif isinstance(arg, str):
                    argcodes.append(self.lit(mark_safe(arg)))
                else:
                    argcodes.append(f"mark_safe({self.const(arg)})")
            if getattr(func, "needs_autoescape", False):
                argcodes.append(f"autoescape={self.autoescape}")
            call = f"{fname}({', '.join([t, *argcodes])})"
            if getattr(func, "expects_localtime", False):
                self.write(f"{t} = template_localtime({t}, context.use_tz)")
            if getattr(func, "is_safe", False):
                self.write(f"{t} = mark_safe({call}) if isinstance({t}, SafeData) else {call}")
            else:
                self.write(f"{t} = {call}")

    # -- nodes -----------------------------------------------------------------------------
    def nodelist(self, nodes: Any) -> None:
        for node in nodes:
            self.node(node)

    def node(self, node: Any) -> None:
        if is_compiled(node):
            if node.token is not None and type(node).__name__ != "TextNode":
                self.mark(node.token)
            node.compile(self)
            return
        self.mark(node.token)
        self.output(f"{self.const(node, 'N')}.render_annotated(context)")
        self.reread()

    def function(self, name: str, body: Callable[[], None]) -> None:
        """Generate `def name(context)` whose body is written by body()."""
        saved = self.fn
        fn = self.fn = _Function()
        self.write(f"def {name}(context):")
        fn.indent = 1
        self.write("_o = []")
        self.write("_a = _o.append")
        self.write("ae = context.autoescape")
        self.write("rv = render_escaped if ae else render_raw")
        with self.frame(pushed=True):
            body()
        self.write("return ''.join(_o)")
        self._functions.append(fn.lines)
        self.fn = saved

    def after_finish(self, callback: Callable[[dict], None]) -> None:
        """Call callback(namespace) once the module is compiled (to wire block functions)."""
        self._after.append(callback)

    def finish(self) -> dict[str, Any]:
        """Compile the generated module and return its namespace."""
        lines: list[str] = []
        tokens: list = []
        current = None

        def flatten(items: list) -> None:
            nonlocal current
            for item in items:
                if isinstance(item, list):
                    flatten(item)
                elif isinstance(item, _Mark):
                    current = item.token
                else:
                    lines.append(item)
                    tokens.append(current)

        for fn_lines in self._functions:
            current = None
            flatten(fn_lines)
        source = "\n".join(lines) + "\n"
        filename = f"<template {next(_counter)}: {self.name}>"
        code = compile(source, filename, "exec")
        namespace = self.namespace
        exec(code, namespace)
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        _line_tokens[filename] = [None, *tokens]
        namespace["__source__"] = source
        for callback in self._after:
            callback(namespace)
        return namespace


def _loop_expr(loop: LoopInfo, key: str) -> str:
    i, n = loop.index, loop.length
    return {
        "counter": f"({i} + 1)",
        "counter0": f"({i})",
        "revcounter": f"({n} - {i})",
        "revcounter0": f"({n} - {i} - 1)",
        "first": f"({i} == 0)",
        "last": f"({i} == {n} - 1)",
        "length": f"({n})",
    }[key]


def compile_nodelist(nodelist: Any, origin: Any = None) -> Callable[[Any], str]:
    """Compile nodelist to a function context -> str."""
    name = getattr(origin, "template_name", None) or getattr(origin, "name", None) or "<unknown>"
    cg = CodeGen(str(name))
    cg.function("render", lambda: cg.nodelist(nodelist))
    return cg.finish()["render"]


def find_token(tb: TracebackType | None) -> Any:
    """The template token at the innermost compiled-template frame of a traceback."""
    token = None
    while tb is not None:
        tokens = _line_tokens.get(tb.tb_frame.f_code.co_filename)
        if tokens is not None and tb.tb_lineno < len(tokens):
            token = tokens[tb.tb_lineno] or token
        tb = tb.tb_next
    return token
