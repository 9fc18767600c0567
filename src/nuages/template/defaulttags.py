"""The built-in tags: each function parses its tag into a node (nodes in _flow_nodes,
_misc_nodes and loader_tags) that compiles to inline Python."""

from __future__ import annotations

from typing import Any

from nuages.template._flow_nodes import (
    AutoEscapeControlNode,
    CycleNode,
    FilterNode,
    FirstOfNode,
    ForNode,
    IfChangedNode,
    IfNode,
    SpacelessNode,
    WithNode,
)
from nuages.template._misc_nodes import (
    CommentNode,
    CsrfTokenNode,
    DebugNode,
    GroupedResult,
    LoadNode,
    LoremNode,
    NowNode,
    PartialDefNode,
    PartialNode,
    PartialTemplate,
    RegroupNode,
    ResetCycleNode,
    TemplateTagNode,
    URLNode,
    VerbatimNode,
    WidthRatioNode,
    querystring,
)
from nuages.template.exceptions import TemplateSyntaxError
from nuages.template.library import Library
from nuages.template.nodes import Node, NodeList
from nuages.template.smartif import IfParser, Literal
from nuages.template.variables import VARIABLE_ATTRIBUTE_SEPARATOR, kwarg_re, token_kwargs

__all__ = [
    "AutoEscapeControlNode",
    "CommentNode",
    "CsrfTokenNode",
    "CycleNode",
    "DebugNode",
    "FilterNode",
    "FirstOfNode",
    "ForNode",
    "GroupedResult",
    "IfChangedNode",
    "IfNode",
    "LoadNode",
    "LoremNode",
    "NowNode",
    "RegroupNode",
    "ResetCycleNode",
    "SpacelessNode",
    "TemplateIfParser",
    "TemplateLiteral",
    "TemplateTagNode",
    "URLNode",
    "VerbatimNode",
    "WidthRatioNode",
    "WithNode",
    "find_library",
    "load_from_library",
    "register",
]

register = Library()


class TemplateLiteral(Literal):
    def __init__(self, value: Any, text: str) -> None:
        super().__init__(value, text)

    def display(self) -> str:
        return self.text or ""


class TemplateIfParser(IfParser):
    error_class = TemplateSyntaxError

    def __init__(self, parser: Any, *args: Any, **kwargs: Any) -> None:
        self.template_parser = parser
        super().__init__(*args, **kwargs)

    def create_var(self, value: str) -> TemplateLiteral:
        return TemplateLiteral(self.template_parser.compile_filter(value), value)


@register.tag
def autoescape(parser: Any, token: Any) -> Node:
    """{% autoescape on|off %}...{% endautoescape %}."""
    args = token.contents.split()
    if len(args) != 2:
        raise TemplateSyntaxError("'autoescape' tag requires exactly one argument.")
    arg = args[1]
    if arg not in ("on", "off"):
        raise TemplateSyntaxError("'autoescape' argument should be 'on' or 'off'")
    nodelist = parser.parse(("endautoescape",))
    parser.delete_first_token()
    return AutoEscapeControlNode(arg == "on", nodelist)


@register.tag
def comment(parser: Any, token: Any) -> Node:
    """{% comment ["note"] %}...{% endcomment %}: ignored."""
    parser.skip_past("endcomment")
    return CommentNode()


@register.tag
def cycle(parser: Any, token: Any) -> Node:
    """{% cycle a b c [as name [silent]] %} or {% cycle name %} (a named cycle again)."""
    args = token.split_contents()
    if len(args) < 2:
        raise TemplateSyntaxError("'cycle' tag requires at least two arguments")
    named = parser.__dict__.get("_named_cycle_nodes")
    if len(args) == 2:
        name = args[1]
        if named is None:
            raise TemplateSyntaxError(f"No named cycles in template. '{name}' is not defined")
        if name not in named:
            raise TemplateSyntaxError(f"Named cycle '{name}' does not exist")
        # The same node again: both places share its position in the cycle.
        return named[name]
    as_form = silent = False
    if len(args) > 4:
        if args[-3] == "as":
            if args[-1] != "silent":
                raise TemplateSyntaxError(
                    f"Only 'silent' flag is allowed after cycle's name, not '{args[-1]}'."
                )
            as_form = silent = True
            args = args[:-1]
        elif args[-2] == "as":
            as_form = True
    if as_form:
        name = args[-1]
        node = CycleNode([parser.compile_filter(a) for a in args[1:-2]], name, silent=silent)
        parser.__dict__.setdefault("_named_cycle_nodes", {})[name] = node
    else:
        node = CycleNode([parser.compile_filter(a) for a in args[1:]])
    parser._last_cycle_node = node
    return node


@register.tag
def csrf_token(parser: Any, token: Any) -> Node:
    return CsrfTokenNode()


@register.tag
def debug(parser: Any, token: Any) -> Node:
    return DebugNode()


@register.tag("filter")
def do_filter(parser: Any, token: Any) -> Node:
    """{% filter f1|f2 %}...{% endfilter %}: filter the rendered body."""
    _, rest = token.contents.split(None, 1)
    filter_expr = parser.compile_filter(f"var|{rest}")
    for func, _unused in filter_expr.filters:
        filter_name = getattr(func, "_filter_name", None)
        if filter_name in ("escape", "safe"):
            raise TemplateSyntaxError(
                f'"filter {filter_name}" is not permitted.  Use the "autoescape" tag instead.'
            )
    nodelist = parser.parse(("endfilter",))
    parser.delete_first_token()
    return FilterNode(filter_expr, nodelist)


@register.tag
def firstof(parser: Any, token: Any) -> Node:
    """{% firstof a b "fallback" [as var] %}: the first true value."""
    bits = token.split_contents()[1:]
    asvar = None
    if not bits:
        raise TemplateSyntaxError("'firstof' statement requires at least one argument")
    if len(bits) >= 2 and bits[-2] == "as":
        asvar = bits[-1]
        bits = bits[:-2]
    return FirstOfNode([parser.compile_filter(bit) for bit in bits], asvar)


@register.tag("for")
def do_for(parser: Any, token: Any) -> Node:
    """{% for x[, y] in seq [reversed] %}...[{% empty %}...]{% endfor %}."""
    bits = token.split_contents()
    if len(bits) < 4:
        raise TemplateSyntaxError(
            f"'for' statements should have at least four words: {token.contents}"
        )
    is_reversed = bits[-1] == "reversed"
    in_index = -3 if is_reversed else -2
    if bits[in_index] != "in":
        raise TemplateSyntaxError(
            f"'for' statements should use the format 'for x in y': {token.contents}"
        )
    invalid_chars = frozenset((" ", '"', "'", FILTER_SEPARATOR_CHAR))
    loopvars = [v for v in " ".join(bits[1:in_index]).replace(",", " ").split(" ") if v]
    for var in loopvars:
        if not var or not invalid_chars.isdisjoint(var):
            raise TemplateSyntaxError(f"'for' tag received an invalid argument: {token.contents}")
    sequence = parser.compile_filter(bits[in_index + 1])
    nodelist_loop = parser.parse(("empty", "endfor"))
    token = parser.next_token()
    if token.contents == "empty":
        nodelist_empty = parser.parse(("endfor",))
        parser.delete_first_token()
    else:
        nodelist_empty = None
    return ForNode(loopvars, sequence, is_reversed, nodelist_loop, nodelist_empty)


FILTER_SEPARATOR_CHAR = "|"


@register.tag("if")
def do_if(parser: Any, token: Any) -> Node:
    """{% if expr %}...{% elif expr %}...{% else %}...{% endif %}."""
    bits = token.split_contents()[1:]
    condition = TemplateIfParser(parser, bits).parse()
    nodelist = parser.parse(("elif", "else", "endif"))
    conditions_nodelists: list = [(condition, nodelist)]
    token = parser.next_token()
    while token.contents.startswith("elif"):
        bits = token.split_contents()[1:]
        condition = TemplateIfParser(parser, bits).parse()
        nodelist = parser.parse(("elif", "else", "endif"))
        conditions_nodelists.append((condition, nodelist))
        token = parser.next_token()
    if token.contents == "else":
        nodelist = parser.parse(("endif",))
        conditions_nodelists.append((None, nodelist))
        token = parser.next_token()
    if token.contents != "endif":
        raise TemplateSyntaxError(
            f'Malformed template tag at line {token.lineno}: "{token.contents}"'
        )
    return IfNode(conditions_nodelists)


@register.tag
def ifchanged(parser: Any, token: Any) -> Node:
    """{% ifchanged [vars] %}...[{% else %}...]{% endifchanged %}."""
    bits = token.split_contents()
    nodelist_true = parser.parse(("else", "endifchanged"))
    token = parser.next_token()
    if token.contents == "else":
        nodelist_false = parser.parse(("endifchanged",))
        parser.delete_first_token()
    else:
        nodelist_false = NodeList()
    values = [parser.compile_filter(bit) for bit in bits[1:]]
    return IfChangedNode(nodelist_true, nodelist_false, *values)


def find_library(parser: Any, name: str) -> Any:
    try:
        return parser.libraries[name]
    except KeyError:
        raise TemplateSyntaxError(
            "'{}' is not a registered tag library. Must be one of:\n{}".format(
                name, "\n".join(sorted(parser.libraries))
            )
        )


def load_from_library(library: Library, label: str, names: list[str]) -> Library:
    """A Library holding only the named tags and filters of library."""
    subset = Library()
    for name in names:
        found = False
        if name in library.tags:
            found = True
            subset.tags[name] = library.tags[name]
        if name in library.filters:
            found = True
            subset.filters[name] = library.filters[name]
        if not found:
            raise TemplateSyntaxError(
                f"'{name}' is not a valid tag or filter in tag library '{label}'"
            )
    return subset


@register.tag
def load(parser: Any, token: Any) -> Node:
    """{% load lib1 lib2 %} or {% load name1 name2 from lib %}."""
    bits = token.contents.split()
    if len(bits) >= 4 and bits[-2] == "from":
        name = bits[-1]
        lib = find_library(parser, name)
        parser.add_library(load_from_library(lib, name, bits[1:-2]))
    else:
        for name in bits[1:]:
            parser.add_library(find_library(parser, name))
    return LoadNode()


@register.tag
def lorem(parser: Any, token: Any) -> Node:
    """{% lorem [count] [w|p|b] [random] %}."""
    bits = list(token.split_contents())
    tagname = bits[0]
    common = bits[-1] != "random"
    if not common:
        bits.pop()
    method = bits.pop() if bits[-1] in ("w", "p", "b") else "b"
    count = bits.pop() if len(bits) > 1 else "1"
    count_expr = parser.compile_filter(count)
    if len(bits) != 1:
        raise TemplateSyntaxError(f"Incorrect format for {tagname!r} tag")
    return LoremNode(count_expr, method, common)


@register.tag
def now(parser: Any, token: Any) -> Node:
    """{% now "format" [as var] %}."""
    bits = token.split_contents()
    asvar = None
    if len(bits) == 4 and bits[-2] == "as":
        asvar = bits[-1]
        bits = bits[:-2]
    if len(bits) != 2:
        raise TemplateSyntaxError("'now' statement takes one argument")
    return NowNode(bits[1][1:-1], asvar)


@register.tag
def partialdef(parser: Any, token: Any) -> Node:
    """{% partialdef name [inline] %}...{% endpartialdef [name] %}."""
    bits = token.split_contents()
    if len(bits) < 2 or len(bits) > 3:
        raise TemplateSyntaxError("'partialdef' tag requires a single argument")
    name = bits[1]
    inline = False
    if len(bits) == 3:
        if bits[2] != "inline":
            raise TemplateSyntaxError(
                "The 'inline' argument does not have any parameters; either use 'inline' or remove it completely."
            )
        inline = True
    nodelist = parser.parse(("endpartialdef",))
    end = parser.next_token()
    if end.contents not in ("endpartialdef", f"endpartialdef {name}"):
        parser.invalid_block_tag(end, "endpartialdef", ("endpartialdef", f"endpartialdef {name}"))
    partials = parser.extra_data.setdefault("partials", {})
    if name in partials:
        raise TemplateSyntaxError(f"Partial '{name}' is already defined in the template.")
    partials[name] = PartialTemplate(name, nodelist, parser.origin)
    return PartialDefNode(name, inline, nodelist)


@register.tag
def partial(parser: Any, token: Any) -> Node:
    """{% partial name %}: render a partial defined with partialdef."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise TemplateSyntaxError("'partial' tag requires a single argument")
    return PartialNode(bits[1], parser.extra_data.setdefault("partials", {}))


register.simple_tag(querystring, name="querystring", takes_context=True)


@register.tag
def regroup(parser: Any, token: Any) -> Node:
    """{% regroup list by attr as name %}."""
    bits = token.split_contents()
    if len(bits) != 6:
        raise TemplateSyntaxError("'regroup' tag takes five arguments")
    target = parser.compile_filter(bits[1])
    if bits[2] != "by":
        raise TemplateSyntaxError("second argument to 'regroup' tag must be 'by'")
    if bits[4] != "as":
        raise TemplateSyntaxError("next-to-last argument to 'regroup' tag must be 'as'")
    var_name = bits[5]
    expression = parser.compile_filter(var_name + VARIABLE_ATTRIBUTE_SEPARATOR + bits[3])
    return RegroupNode(target, expression, var_name)


@register.tag
def resetcycle(parser: Any, token: Any) -> Node:
    """{% resetcycle [name] %}: restart the last (or the named) cycle."""
    args = token.split_contents()
    if len(args) > 2:
        raise TemplateSyntaxError(f"{args[0]!r} tag accepts at most one argument.")
    if len(args) == 2:
        name = args[1]
        try:
            return ResetCycleNode(parser.__dict__["_named_cycle_nodes"][name])
        except KeyError:
            raise TemplateSyntaxError(f"Named cycle '{name}' does not exist.")
    try:
        return ResetCycleNode(parser._last_cycle_node)
    except AttributeError:
        raise TemplateSyntaxError("No cycles in template.")


@register.tag
def spaceless(parser: Any, token: Any) -> Node:
    """{% spaceless %}: remove whitespace between HTML tags."""
    nodelist = parser.parse(("endspaceless",))
    parser.delete_first_token()
    return SpacelessNode(nodelist)


@register.tag
def templatetag(parser: Any, token: Any) -> Node:
    """{% templatetag openblock %} and friends: output template syntax characters."""
    bits = token.contents.split()
    if len(bits) != 2:
        raise TemplateSyntaxError("'templatetag' statement takes one argument")
    tag = bits[1]
    if tag not in TemplateTagNode.mapping:
        raise TemplateSyntaxError(
            f"Invalid templatetag argument: '{tag}'. Must be one of: {list(TemplateTagNode.mapping)}"
        )
    return TemplateTagNode(tag)


@register.tag
def url(parser: Any, token: Any) -> Node:
    """{% url "name" arg kw=val [as var] %}."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(f"'{bits[0]}' takes at least one argument, a URL pattern name.")
    viewname = parser.compile_filter(bits[1])
    args: list = []
    kwargs: dict = {}
    asvar = None
    bits = bits[2:]
    if len(bits) >= 2 and bits[-2] == "as":
        asvar = bits[-1]
        bits = bits[:-2]
    for bit in bits:
        match = kwarg_re.match(bit)
        if not match:
            raise TemplateSyntaxError("Malformed arguments to url tag")
        name, value = match.groups()
        if name:
            kwargs[name] = parser.compile_filter(value)
        else:
            args.append(parser.compile_filter(value))
    return URLNode(viewname, args, kwargs, asvar)


@register.tag
def verbatim(parser: Any, token: Any) -> Node:
    """{% verbatim [name] %}...{% endverbatim [name] %}: output the contents untouched."""
    nodelist = parser.parse(("endverbatim",))
    parser.delete_first_token()
    return VerbatimNode("".join(getattr(node, "s", "") for node in nodelist))


@register.tag
def widthratio(parser: Any, token: Any) -> Node:
    """{% widthratio value max_value max_width [as var] %}."""
    bits = token.split_contents()
    if len(bits) == 4:
        _, this_value_expr, max_value_expr, max_width = bits
        asvar = None
    elif len(bits) == 6:
        _, this_value_expr, max_value_expr, max_width, as_, asvar = bits
        if as_ != "as":
            raise TemplateSyntaxError("Invalid syntax in widthratio tag. Expecting 'as' keyword")
    else:
        raise TemplateSyntaxError("widthratio takes at least three arguments")
    return WidthRatioNode(
        parser.compile_filter(this_value_expr),
        parser.compile_filter(max_value_expr),
        parser.compile_filter(max_width),
        asvar=asvar,
    )


@register.tag("with")
def do_with(parser: Any, token: Any) -> Node:
    """{% with a=b c=d %} or the legacy {% with b as a %}."""
    bits = token.split_contents()
    remaining = bits[1:]
    extra_context = token_kwargs(remaining, parser, support_legacy=True)
    if not extra_context:
        raise TemplateSyntaxError(f"{bits[0]!r} expected at least one variable assignment")
    if remaining:
        raise TemplateSyntaxError(f"{bits[0]!r} received an invalid token: {remaining[0]!r}")
    nodelist = parser.parse(("endwith",))
    parser.delete_first_token()
    return WithNode(None, None, nodelist, extra_context=extra_context)
