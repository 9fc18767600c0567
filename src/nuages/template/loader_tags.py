"""Template inheritance and inclusion: {% block %}, {% extends %}, {% include %}."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from typing import Any

from nuages.template.base import Template
from nuages.template.compiler import CodeGen
from nuages.template.exceptions import TemplateSyntaxError
from nuages.template.library import Library
from nuages.template.nodes import Node, NodeList, TextNode
from nuages.template.variables import Variable, token_kwargs
from nuages.utils.safestring import mark_safe

__all__ = [
    "BLOCK_CONTEXT_KEY",
    "BlockContext",
    "BlockNode",
    "ExtendsError",
    "ExtendsNode",
    "IncludeNode",
    "construct_relative_path",
    "do_block",
    "do_extends",
    "do_include",
    "register",
]

register = Library()

BLOCK_CONTEXT_KEY = "block_context"
# Nested includes deeper than this are taken to be unbounded recursion.
MAX_INCLUDE_DEPTH = 200


class ExtendsError(Exception):
    pass


class BlockContext:
    """For each block name, the stack of overriding blocks (most derived last)."""

    def __init__(self) -> None:
        self.blocks: defaultdict[str, list] = defaultdict(list)

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}: blocks={self.blocks!r}>"

    def add_blocks(self, blocks: dict) -> None:
        for name, block in blocks.items():
            self.blocks[name].insert(0, block)

    def pop(self, name: str) -> Any:
        try:
            return self.blocks[name].pop()
        except IndexError:
            return None

    def push(self, name: str, block: Any) -> None:
        self.blocks[name].append(block)

    def get_block(self, name: str) -> Any:
        try:
            return self.blocks[name][-1]
        except IndexError:
            return None


class BlockNode(Node):
    uses_context = True
    assigns = None
    _body_fn: Any = None

    def __init__(self, name: str, nodelist: NodeList, parent: Any = None) -> None:
        self.name = name
        self.nodelist = nodelist
        self.parent = parent

    def __repr__(self) -> str:
        return f"<Block Node: {self.name}. Contents: {self.nodelist!r}>"

    def render(self, context: Any) -> str:
        block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
        context.push()
        try:
            if block_context is None:
                context["block"] = self
                return _run_block(self, context)
            push = block = block_context.pop(self.name)
            if block is None:
                block = self
            # A copy bound to this context, so {{ block.super }} can render the next one.
            copy = type(self)(block.name, block.nodelist)
            copy._body_fn = block._body_fn
            copy.context = context
            context["block"] = copy
            result = _run_block(copy, context)
            if push is not None:
                block_context.push(self.name, push)
            return result
        finally:
            context.pop()

    def super(self) -> str:
        if not hasattr(self, "context"):
            raise TemplateSyntaxError(
                f"'{self.__class__.__name__}' object has no attribute 'context'. "
                "Did you use {{ block.super }} in a base template?"
            )
        render_context = self.context.render_context
        if (
            BLOCK_CONTEXT_KEY in render_context
            and render_context[BLOCK_CONTEXT_KEY].get_block(self.name) is not None
        ):
            return mark_safe(self.render(self.context))
        return ""

    def compile(self, cg: CodeGen) -> None:
        compile_block_body(cg, self)
        cg.output(f"{cg.const(self, 'B')}.render(context)")


def _run_block(block: BlockNode, context: Any) -> str:
    fn = block._body_fn
    if fn is None:
        return block.nodelist.render(context)
    return fn(context)


def compile_block_body(cg: CodeGen, block: BlockNode) -> None:
    """Generate the block's body as its own function (once per CodeGen)."""
    done = cg.__dict__.setdefault("_blocks_done", set())
    if id(block) in done:
        return
    done.add(id(block))
    name = cg.new_name(f"block_{''.join(c if c.isalnum() else '_' for c in block.name)}_")
    cg.function(name, lambda: cg.nodelist(block.nodelist))
    cg.after_finish(lambda namespace: setattr(block, "_body_fn", namespace[name]))


class ExtendsNode(Node):
    must_be_first = True
    context_key = "extends_context"
    uses_context = True
    assigns = None

    def __init__(self, nodelist: NodeList, parent_name: Any, template_dirs: Any = None) -> None:
        self.nodelist = nodelist
        self.parent_name = parent_name
        self.template_dirs = template_dirs
        self.blocks = {n.name: n for n in nodelist.get_nodes_by_type(BlockNode)}

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: extends {self.parent_name.token}>"

    def find_template(self, template_name: str, context: Any) -> Template:
        """Load template_name, skipping origins already in this extends chain (recursion)."""
        history = context.render_context.setdefault(self.context_key, [self.origin])
        template, origin = context.template.engine.find_template(template_name, skip=history)
        history.append(origin)
        return template

    def get_parent(self, context: Any) -> Template:
        parent = self.parent_name.resolve(context)
        if not parent:
            error_msg = f"Invalid template name in 'extends' tag: {parent!r}."
            if self.parent_name.filters or isinstance(self.parent_name.var, Variable):
                error_msg += f" Got this from the '{self.parent_name.token}' variable."
            raise TemplateSyntaxError(error_msg)
        if isinstance(parent, Template):
            return parent
        if isinstance(getattr(parent, "template", None), Template):
            return parent.template
        return self.find_template(parent, context)

    def render(self, context: Any) -> str:
        compiled_parent = self.get_parent(context)
        render_context = context.render_context
        if BLOCK_CONTEXT_KEY not in render_context:
            render_context[BLOCK_CONTEXT_KEY] = BlockContext()
        block_context = render_context[BLOCK_CONTEXT_KEY]
        block_context.add_blocks(self.blocks)
        # A parent that extends nothing is the root: its blocks are the defaults.
        for node in compiled_parent.nodelist:
            if not isinstance(node, TextNode):
                if not isinstance(node, ExtendsNode):
                    blocks = {
                        n.name: n for n in compiled_parent.nodelist.get_nodes_by_type(BlockNode)
                    }
                    block_context.add_blocks(blocks)
                break
        with render_context.push_state(compiled_parent, isolated_context=False):
            return compiled_parent._render(context)

    def compile(self, cg: CodeGen) -> None:
        for block in self.nodelist.get_nodes_by_type(BlockNode):
            compile_block_body(cg, block)
        cg.output(f"{cg.const(self, 'X')}.render(context)")


class IncludeNode(Node):
    context_key = "__include_context"
    uses_context = True
    assigns = None
    child_nodelists = ()

    def __init__(
        self,
        template: Any,
        *args: Any,
        extra_context: dict | None = None,
        isolated_context: bool = False,
        **kwargs: Any,
    ) -> None:
        self.template = template
        self.extra_context = extra_context or {}
        self.isolated_context = isolated_context
        super().__init__(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}: template={self.template!r}>"

    def render(self, context: Any) -> str:
        template = self.template.resolve(context)
        if not callable(getattr(template, "render", None)):
            template_name = template or ()
            if isinstance(template_name, str):
                template_name = (construct_relative_path(self.origin.template_name, template_name),)
            else:
                template_name = tuple(template_name)
            cache = context.render_context.dicts[0].setdefault(self, {})
            template = cache.get(template_name)
            if template is None:
                template = context.template.engine.select_template(template_name)
                cache[template_name] = template
        elif hasattr(template, "template"):
            # A backend template: include the engine's Template inside it.
            template = template.template
        values = {name: var.resolve(context) for name, var in self.extra_context.items()}
        depth_holder = context.render_context.dicts[0]
        depth = depth_holder.get(self.context_key, 0)
        if depth >= MAX_INCLUDE_DEPTH:
            name = getattr(template, "origin", None)
            raise TemplateSyntaxError(
                f"Recursive {{% include %}} of {getattr(name, 'template_name', None) or template!r} "
                f"exceeded {MAX_INCLUDE_DEPTH} levels."
            )
        depth_holder[self.context_key] = depth + 1
        try:
            if self.isolated_context:
                return template.render(context.new(values))
            with context.push(**values):
                return template.render(context)
        finally:
            depth_holder[self.context_key] = depth

    def render_named(self, context: Any) -> str:
        """render() for `{% include "name" %}` without `with` or `only` (the common case)."""
        template_name = self.__dict__.get("_template_name")
        if template_name is None:
            # Fixed for the node's life; an invalid relative path raises on every render.
            template_name = (construct_relative_path(self.origin.template_name, self.template.var),)
            self._template_name = template_name
        state = context.render_context.dicts[0]
        cache = state.get(self)
        if cache is None:
            cache = state[self] = {}
        template = cache.get(template_name)
        if template is None:
            template = context.template.engine.select_template(template_name)
            cache[template_name] = template
        depth = state.get(self.context_key, 0)
        if depth >= MAX_INCLUDE_DEPTH:
            name = getattr(template, "origin", None)
            raise TemplateSyntaxError(
                f"Recursive {{% include %}} of {getattr(name, 'template_name', None) or template!r} "
                f"exceeded {MAX_INCLUDE_DEPTH} levels."
            )
        state[self.context_key] = depth + 1
        context.dicts.append({})
        try:
            return template.render(context)
        finally:
            context.pop()
            state[self.context_key] = depth

    def compile(self, cg: CodeGen) -> None:
        fe = self.template
        named = not fe.is_var and not fe.filters and isinstance(fe.var, str) and fe.var
        if named and not self.extra_context and not self.isolated_context:
            cg.output(f"{cg.const(self, 'I')}.render_named(context)")
        else:
            cg.output(f"{cg.const(self, 'I')}.render(context)")


def construct_relative_path(
    current_template_name: str | None, relative_name: str, allow_recursion: bool = False
) -> str:
    """Resolve "./x.html" / "../x.html" against the current template's name."""
    new_name = relative_name.strip("'\"")
    if not new_name.startswith(("./", "../")):
        return relative_name
    if current_template_name is None:
        raise TemplateSyntaxError(
            f"The relative path {relative_name} cannot be evaluated due to an unknown template origin."
        )
    new_name = posixpath.normpath(
        posixpath.join(posixpath.dirname(current_template_name.lstrip("/")), new_name)
    )
    if new_name.startswith("../"):
        raise TemplateSyntaxError(
            f"The relative path '{relative_name}' points outside the file hierarchy that template "
            f"'{current_template_name}' is in."
        )
    if not allow_recursion and current_template_name.lstrip("/") == new_name:
        raise TemplateSyntaxError(
            f"The relative path '{relative_name}' was translated to template name '{new_name}', the "
            "same template in which the tag appears."
        )
    has_quotes = relative_name.startswith(('"', "'")) and relative_name[0] == relative_name[-1]
    return f'"{new_name}"' if has_quotes else new_name


@register.tag("block")
def do_block(parser: Any, token: Any) -> BlockNode:
    """{% block name %}...{% endblock [name] %}: a section child templates can override."""
    bits = token.contents.split()
    if len(bits) != 2:
        raise TemplateSyntaxError(f"'{bits[0]}' tag takes only one argument")
    block_name = bits[1]
    loaded = parser.__dict__.setdefault("_loaded_blocks", [])
    if block_name in loaded:
        raise TemplateSyntaxError(
            f"'{bits[0]}' tag with name '{block_name}' appears more than once"
        )
    loaded.append(block_name)
    nodelist = parser.parse(("endblock",))
    endblock = parser.next_token()
    acceptable = ("endblock", f"endblock {block_name}")
    if endblock.contents not in acceptable:
        parser.invalid_block_tag(endblock, "endblock", acceptable)
    return BlockNode(block_name, nodelist)


@register.tag("extends")
def do_extends(parser: Any, token: Any) -> ExtendsNode:
    """{% extends "base.html" %} (or a variable holding a name or a Template)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise TemplateSyntaxError(f"'{bits[0]}' takes one argument")
    template_name = parser.origin.template_name if parser.origin is not None else None
    bits[1] = construct_relative_path(template_name, bits[1])
    parent_name = parser.compile_filter(bits[1])
    nodelist = parser.parse()
    if nodelist.get_nodes_by_type(ExtendsNode):
        raise TemplateSyntaxError(f"'{bits[0]}' cannot appear more than once in the same template")
    return ExtendsNode(nodelist, parent_name)


@register.tag("include")
def do_include(parser: Any, token: Any) -> IncludeNode:
    """{% include name [with a=b ...] [only] %}."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(
            f"{bits[0]!r} tag takes at least one argument: the name of the template to be included."
        )
    options: dict = {}
    remaining = bits[2:]
    while remaining:
        option = remaining.pop(0)
        if option in options:
            raise TemplateSyntaxError(f"The {option!r} option was specified more than once.")
        if option == "with":
            value: Any = token_kwargs(remaining, parser, support_legacy=False)
            if not value:
                raise TemplateSyntaxError(
                    f'"with" in {bits[0]!r} tag needs at least one keyword argument.'
                )
        elif option == "only":
            value = True
        else:
            raise TemplateSyntaxError(f"Unknown argument for {bits[0]!r} tag: {option!r}.")
        options[option] = value
    template_name = parser.origin.template_name if parser.origin is not None else None
    bits[1] = construct_relative_path(template_name, bits[1], allow_recursion=True)
    return IncludeNode(
        parser.compile_filter(bits[1]),
        extra_context=options.get("with", {}),
        isolated_context=options.get("only", False),
    )
