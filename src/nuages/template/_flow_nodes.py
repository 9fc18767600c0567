"""Nodes of the control-flow tags: for, if, with, ifchanged, cycle, firstof, autoescape,
filter, spaceless. Each writes inline Python through the CodeGen (see compiler.py)."""

from __future__ import annotations

import itertools
import re
from typing import Any

from nuages.template.compiler import CodeGen, LoopInfo, uses_context
from nuages.template.nodes import CompiledNode, NodeList
from nuages.template.smartif import Literal, Operator

__all__ = [
    "AutoEscapeControlNode",
    "CycleNode",
    "FilterNode",
    "FirstOfNode",
    "ForNode",
    "IfChangedNode",
    "IfNode",
    "SpacelessNode",
    "WithNode",
    "strip_spaces_between_tags",
]

_spaces_between_tags = re.compile(r">\s+<")


def strip_spaces_between_tags(value: Any) -> str:
    return _spaces_between_tags.sub("><", str(value))


class AutoEscapeControlNode(CompiledNode):
    def __init__(self, setting: bool, nodelist: NodeList) -> None:
        self.setting = setting
        self.nodelist = nodelist

    def compile(self, cg: CodeGen) -> None:
        saved = cg.new_name("ae")
        cg.write(f"{saved} = context.autoescape")
        cg.write(f"context.autoescape = {self.setting!r}")
        with cg.autoescape_set(self.setting):
            cg.nodelist(self.nodelist)
        cg.write(f"context.autoescape = {saved}")


class ForNode(CompiledNode):
    child_nodelists = ("nodelist_loop", "nodelist_empty")

    def __init__(
        self,
        loopvars: list[str],
        sequence: Any,
        is_reversed: bool,
        nodelist_loop: NodeList,
        nodelist_empty: NodeList | None = None,
    ) -> None:
        self.loopvars = loopvars
        self.sequence = sequence
        self.is_reversed = is_reversed
        self.nodelist_loop = nodelist_loop
        self.nodelist_empty = NodeList() if nodelist_empty is None else nodelist_empty

    def __repr__(self) -> str:
        reversed_text = " reversed" if self.is_reversed else ""
        return "<{} nodes: for {} in {}, tail_len: {}{}>".format(
            self.__class__.__name__,
            ", ".join(self.loopvars),
            self.sequence,
            len(self.nodelist_loop),
            reversed_text,
        )

    def compile(self, cg: CodeGen) -> None:
        pushed = uses_context(self.nodelist_loop) or uses_context(self.nodelist_empty)
        seq = cg.new_name("seq")
        cg.write(f"{seq} = {cg.expr(self.sequence, ignore_failures=True)}")
        cg.write(f"if {seq} is None: {seq} = []")
        cg.write(f"if not hasattr({seq}, '__len__'): {seq} = list({seq})")
        n = cg.new_name("n")
        cg.write(f"{n} = len({seq})")
        if pushed:
            cg.write("context.push()")
            with cg.block("try"):
                self._loop(cg, seq, n, pushed)
            with cg.block("finally"):
                cg.write("context.pop()")
        else:
            self._loop(cg, seq, n, pushed)

    def _loop(self, cg: CodeGen, seq: str, n: str, pushed: bool) -> None:
        if self.nodelist_empty:
            with cg.block(f"if {n} < 1"), cg.frame(pushed):
                cg.nodelist(self.nodelist_empty)
            header = "else"
        else:
            header = f"if {n}"
        with cg.block(header):
            i, item, d = cg.new_name("i"), cg.new_name("item"), cg.new_name("loop")
            with cg.frame(pushed) as frame:
                prologue, indent = cg.placeholder()
                source = f"reversed({seq})" if self.is_reversed else seq
                with cg.block(f"for {i}, {item} in enumerate({source})"):
                    updates, inner_indent = cg.placeholder()
                    frame.loop = LoopInfo(i, n, d, pushed)
                    frame.names["forloop"] = d
                    self._bind(cg, frame, item, pushed)
                    cg.nodelist(self.nodelist_loop)
                    if len(self.loopvars) > 1 and pushed:
                        cg.write("context.pop()")
                loop = frame.loop
                if loop.needs_dict:
                    pad = "    " * indent
                    parent, _ = cg.lookup("forloop", upto=len(cg.fn.frames) - 1)
                    prologue.append(f"{pad}{d} = {{'parentloop': _parent_loop({parent})}}")
                    prologue.append(f"{pad}{d}['length'] = {n}")
                    if pushed:
                        prologue.append(f"{pad}context['forloop'] = {d}")
                    pad = "    " * inner_indent
                    updates.append(
                        f"{pad}{d}['counter0'] = {i}; {d}['counter'] = {i} + 1; "
                        f"{d}['revcounter'] = {n} - {i}; {d}['revcounter0'] = {n} - {i} - 1; "
                        f"{d}['first'] = {i} == 0; {d}['last'] = {i} == {n} - 1"
                    )

    def _bind(self, cg: CodeGen, frame: Any, item: str, pushed: bool) -> None:
        names = self.loopvars
        if len(names) == 1:
            local = cg.bind(frame, names[0])
            cg.write(f"{local} = {item}")
            if pushed:
                cg.write(f"context[{names[0]!r}] = {item}")
            return
        count = len(names)
        locals_ = [cg.bind(frame, name) for name in names]
        cg.write(f"_check_unpack({item}, {count})")
        cg.write(f"{', '.join(locals_)}, = {item}")
        if pushed:
            pairs = ", ".join(
                f"{name!r}: {local}" for name, local in zip(names, locals_, strict=True)
            )
            cg.write(f"context.update({{{pairs}}})")


class IfNode(CompiledNode):
    def __init__(self, conditions_nodelists: list[tuple[Any, NodeList]]) -> None:
        self.conditions_nodelists = conditions_nodelists

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}>"

    def __iter__(self) -> Any:
        for _, nodelist in self.conditions_nodelists:
            yield from nodelist

    @property
    def nodelist(self) -> NodeList:
        return NodeList(self)

    def compile(self, cg: CodeGen) -> None:
        clauses = self.conditions_nodelists
        if len(clauses) == 1 or (len(clauses) == 2 and clauses[1][0] is None):
            cond = compile_condition(cg, clauses[0][0])
            with cg.block(f"if {cond}"):
                cg.nodelist(clauses[0][1])
            if len(clauses) == 2:
                with cg.block("else"):
                    cg.nodelist(clauses[1][1])
            return
        # elif chains stay flat (a done flag) so long chains don't nest Python blocks.
        done = cg.new_name("done")
        cg.write(f"{done} = False")
        for index, (condition, nodelist) in enumerate(clauses):
            guard = "if True" if index == 0 else f"if not {done}"
            with cg.block(guard):
                if condition is None:
                    cg.nodelist(nodelist)
                    continue
                cond = compile_condition(cg, condition)
                with cg.block(f"if {cond}"):
                    cg.write(f"{done} = True")
                    cg.nodelist(nodelist)


def _depth(tree: Any) -> int:
    if isinstance(tree, Operator):
        return 1 + max(_depth(tree.first), _depth(tree.second) if tree.second is not None else 0)
    return 0


def compile_condition(cg: CodeGen, tree: Any) -> str:
    """Emit code for an {% if %} expression; returns the name holding its value."""
    if isinstance(tree, Literal):
        fe = tree.value
        t = cg.new_name("c")
        # A failing filter argument makes the condition None, as a missing variable does.
        with cg.block("try"):
            cg.write(f"{t} = {cg.expr(fe, ignore_failures=True)}")
        with cg.block("except VariableDoesNotExist"):
            cg.write(f"{t} = None")
        return t
    return _operator(cg, tree)


def _operand(cg: CodeGen, tree: Any) -> str:
    if isinstance(tree, Literal):
        return cg.expr(tree.value, ignore_failures=True)
    return _operator(cg, tree)


def _operator(cg: CodeGen, op: Operator) -> str:
    r = cg.new_name("c")
    # Any error inside an operator makes it False: templates don't raise on `x in 5`.
    with cg.block("try"):
        a = _operand(cg, op.first)
        if op.id in ("or", "and"):
            with cg.block(f"if {'not ' if op.id == 'and' else ''}{a}"):
                cg.write(f"{r} = {a}")
            with cg.block("else"):
                b = _operand(cg, op.second)
                cg.write(f"{r} = {b}")
        elif op.prefix:
            cg.write(f"{r} = not {a}")
        else:
            b = _operand(cg, op.second)
            cg.write(f"{r} = {a} {op.python} {b}")
    with cg.block("except Exception"):
        cg.write(f"{r} = False")
    return r


class IfChangedNode(CompiledNode):
    child_nodelists = ("nodelist_true", "nodelist_false")

    def __init__(self, nodelist_true: NodeList, nodelist_false: NodeList, *varlist: Any) -> None:
        self.nodelist_true = nodelist_true
        self.nodelist_false = nodelist_false
        self._varlist = varlist

    def compile(self, cg: CodeGen) -> None:
        key = cg.const(self, "N")
        state = cg.new_name("st")
        base, _ = cg.lookup("forloop")
        # State lives in the enclosing loop's forloop dict (reset with each run of the loop),
        # or in the render context outside loops.
        cg.write(f"{state} = {base}")
        cg.write(f"if {state} is MISSING: {state} = context.render_context")
        new = cg.new_name("cmp")
        if self._varlist:
            values = [cg.expr(var, ignore_failures=True) for var in self._varlist]
            cg.write(f"{new} = [{', '.join(values)}]")
            with cg.block(f"if {new} != {state}.setdefault({key})"):
                cg.write(f"{state}[{key}] = {new}")
                cg.nodelist(self.nodelist_true)
        else:
            with cg.capture() as holder:
                cg.nodelist(self.nodelist_true)
            cg.write(f"{new} = {holder[0]}")
            with cg.block(f"if {new} != {state}.setdefault({key})"):
                cg.write(f"{state}[{key}] = {new}")
                cg.output(new)
        if self.nodelist_false:
            with cg.block("else"):
                cg.nodelist(self.nodelist_false)


class WithNode(CompiledNode):
    def __init__(
        self, var: Any, name: str | None, nodelist: NodeList, extra_context: dict | None = None
    ) -> None:
        self.nodelist = nodelist
        self.extra_context = extra_context or {}
        if name:
            self.extra_context[name] = var

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}>"

    def compile(self, cg: CodeGen) -> None:
        values = [(name, cg.expr(fe)) for name, fe in self.extra_context.items()]
        temps = []
        for _, value in values:
            t = cg.new_name("w")
            cg.write(f"{t} = {value}")
            temps.append(t)
        pushed = uses_context(self.nodelist)
        if pushed:
            pairs = ", ".join(f"{name!r}: {t}" for (name, _), t in zip(values, temps, strict=True))
            cg.write(f"context.push({{{pairs}}})")
            with cg.block("try"):
                self._body(cg, values, temps, pushed)
            with cg.block("finally"):
                cg.write("context.pop()")
        else:
            self._body(cg, values, temps, pushed)

    def _body(self, cg: CodeGen, values: list, temps: list, pushed: bool) -> None:
        with cg.frame(pushed) as frame:
            for (name, _), t in zip(values, temps, strict=True):
                frame.names[name] = t
            cg.nodelist(self.nodelist)


class CycleNode(CompiledNode):
    child_nodelists = ()

    def __init__(
        self, cyclevars: list, variable_name: str | None = None, silent: bool = False
    ) -> None:
        self.cyclevars = cyclevars
        self.variable_name = variable_name
        self.silent = silent

    @property
    def assigns(self) -> str | None:  # type: ignore[override]
        return self.variable_name

    def reset(self, context: Any) -> None:
        """Start the cycle over ({% resetcycle %})."""
        context.render_context[self] = itertools.cycle(range(len(self.cyclevars)))

    def compile(self, cg: CodeGen) -> None:
        key = cg.const(self, "N")
        it, idx, value = cg.new_name("cy"), cg.new_name("ci"), cg.new_name("cv")
        cg.write(f"{it} = context.render_context.get({key})")
        with cg.block(f"if {it} is None"):
            cg.write(f"{key}.reset(context)")
            cg.write(f"{it} = context.render_context[{key}]")
        cg.write(f"{idx} = next({it})")
        for index, fe in enumerate(self.cyclevars):
            with cg.block(f"{'if' if index == 0 else 'elif'} {idx} == {index}"):
                cg.write(f"{value} = {cg.expr(fe)}")
        if self.variable_name:
            cg.assign(self.variable_name, value, upward=True)
        if not self.silent:
            cg.output_value(value)


class FirstOfNode(CompiledNode):
    child_nodelists = ()

    def __init__(self, variables: list, asvar: str | None = None) -> None:
        self.vars = variables
        self.asvar = asvar

    @property
    def assigns(self) -> str | None:  # type: ignore[override]
        return self.asvar

    def compile(self, cg: CodeGen) -> None:
        result = cg.new_name("fo")
        cg.write(f"{result} = ''")
        done = cg.new_name("done")
        cg.write(f"{done} = False")
        for var in self.vars:
            with cg.block(f"if not {done}"):
                value = cg.expr(var, ignore_failures=True)
                with cg.block(f"if {value}"):
                    cg.write(f"{result} = {cg.fn.rv}({value}, context)")
                    cg.write(f"{done} = True")
        if self.asvar:
            cg.assign(self.asvar, result)
        else:
            cg.output(result)


class FilterNode(CompiledNode):
    def __init__(self, filter_expr: Any, nodelist: NodeList) -> None:
        self.filter_expr = filter_expr
        self.nodelist = nodelist

    def compile(self, cg: CodeGen) -> None:
        with cg.capture() as holder:
            cg.nodelist(self.nodelist)
        t = cg.new_name()
        cg.write(f"{t} = SafeString({holder[0]})")
        with cg.frame(pushed=False) as frame:
            frame.names["var"] = t
            result = cg.expr(self.filter_expr)
        cg.output(result)


class SpacelessNode(CompiledNode):
    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def compile(self, cg: CodeGen) -> None:
        with cg.capture() as holder:
            cg.nodelist(self.nodelist)
        cg.output(f"{cg.const(strip_spaces_between_tags, 'F')}({holder[0]}.strip())")
