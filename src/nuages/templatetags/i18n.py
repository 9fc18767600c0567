"""{% load i18n %}: translate, blocktranslate, the language tags and filters (Django's API).

These tags are plain nodes with render(context): the compiled template calls them, pushing
the names of enclosing loops on the context first, so `{{ var }}` placeholders see them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from nuages.conf import settings
from nuages.template.exceptions import TemplateSyntaxError
from nuages.template.lexer import Token, TokenType
from nuages.template.library import Library
from nuages.template.nodes import Node, NodeList
from nuages.template.runtime import (
    VariableDoesNotExist,
    missing_text,
    render_value_in_context,
    string_if_invalid,
)
from nuages.template.variables import FilterExpression, token_kwargs
from nuages.utils import translation
from nuages.utils.functional import Promise
from nuages.utils.safestring import SafeData, SafeString, mark_safe

__all__ = [
    "BlockTranslateNode",
    "GetAvailableLanguagesNode",
    "GetCurrentLanguageBidiNode",
    "GetCurrentLanguageNode",
    "GetLanguageInfoListNode",
    "GetLanguageInfoNode",
    "LanguageNode",
    "TranslateNode",
    "do_block_translate",
    "do_get_available_languages",
    "do_get_current_language",
    "do_get_current_language_bidi",
    "do_get_language_info",
    "do_get_language_info_list",
    "do_translate",
    "language",
    "language_bidi",
    "language_name",
    "language_name_local",
    "language_name_translated",
    "register",
]

register = Library()


# -- simple language tags --------------------------------------------------------------------
class GetAvailableLanguagesNode(Node):
    child_nodelists = ()

    def __init__(self, variable: str) -> None:
        self.variable = variable

    def render(self, context: Any) -> str:
        context[self.variable] = [(k, translation.gettext(v)) for k, v in settings.LANGUAGES]
        return ""


class GetLanguageInfoNode(Node):
    child_nodelists = ()

    def __init__(self, lang_code: FilterExpression, variable: str) -> None:
        self.lang_code = lang_code
        self.variable = variable

    def render(self, context: Any) -> str:
        lang_code = self.lang_code.resolve(context)
        context[self.variable] = translation.get_language_info(lang_code)
        return ""


class GetLanguageInfoListNode(Node):
    child_nodelists = ()

    def __init__(self, languages: FilterExpression, variable: str) -> None:
        self.languages = languages
        self.variable = variable

    @staticmethod
    def get_language_info(language: Any) -> dict:
        # An item is a language code, or a (code, name) pair as in settings.LANGUAGES.
        if len(language[0]) > 1:
            return translation.get_language_info(language[0])
        return translation.get_language_info(str(language))

    def render(self, context: Any) -> str:
        langs = self.languages.resolve(context)
        context[self.variable] = [self.get_language_info(lang) for lang in langs]
        return ""


class GetCurrentLanguageNode(Node):
    child_nodelists = ()

    def __init__(self, variable: str) -> None:
        self.variable = variable

    def render(self, context: Any) -> str:
        context[self.variable] = translation.get_language()
        return ""


class GetCurrentLanguageBidiNode(Node):
    child_nodelists = ()

    def __init__(self, variable: str) -> None:
        self.variable = variable

    def render(self, context: Any) -> str:
        context[self.variable] = translation.get_language_bidi()
        return ""


def _as_variable(token: Token, what: str = "variable") -> str:
    """The name after `as` in `{% tag as name %}`."""
    args = token.contents.split()
    if len(args) != 3 or args[1] != "as":
        raise TemplateSyntaxError(f"'{args[0]}' requires 'as {what}' (got {args!r})")
    return args[2]


@register.tag("get_available_languages")
def do_get_available_languages(parser: Any, token: Token) -> GetAvailableLanguagesNode:
    """{% get_available_languages as var %}: settings.LANGUAGES with translated names."""
    return GetAvailableLanguagesNode(_as_variable(token))


@register.tag("get_language_info")
def do_get_language_info(parser: Any, token: Token) -> GetLanguageInfoNode:
    """{% get_language_info for code as var %}: the code, name, name_local, bidi... of a language."""
    args = token.split_contents()
    if len(args) != 5 or args[1] != "for" or args[3] != "as":
        raise TemplateSyntaxError(f"'{args[0]}' requires 'for string as variable' (got {args!r})")
    return GetLanguageInfoNode(parser.compile_filter(args[2]), args[4])


@register.tag("get_language_info_list")
def do_get_language_info_list(parser: Any, token: Token) -> GetLanguageInfoListNode:
    """{% get_language_info_list for LANGUAGES as var %}: a list of language info dicts."""
    args = token.split_contents()
    if len(args) != 5 or args[1] != "for" or args[3] != "as":
        raise TemplateSyntaxError(f"'{args[0]}' requires 'for sequence as variable' (got {args!r})")
    return GetLanguageInfoListNode(parser.compile_filter(args[2]), args[4])


@register.tag("get_current_language")
def do_get_current_language(parser: Any, token: Token) -> GetCurrentLanguageNode:
    """{% get_current_language as var %}: the active language code."""
    return GetCurrentLanguageNode(_as_variable(token))


@register.tag("get_current_language_bidi")
def do_get_current_language_bidi(parser: Any, token: Token) -> GetCurrentLanguageBidiNode:
    """{% get_current_language_bidi as var %}: True if the active language reads right to left."""
    return GetCurrentLanguageBidiNode(_as_variable(token))


# -- filters ---------------------------------------------------------------------------------
@register.filter
def language_name(lang_code: str) -> str:
    return translation.get_language_info(lang_code)["name"]


@register.filter
def language_name_translated(lang_code: str) -> str:
    english_name = translation.get_language_info(lang_code)["name"]
    return translation.gettext(english_name)


@register.filter
def language_name_local(lang_code: str) -> str:
    return translation.get_language_info(lang_code)["name_local"]


@register.filter
def language_bidi(lang_code: str) -> bool:
    return translation.get_language_info(lang_code)["bidi"]


# -- {% language %} --------------------------------------------------------------------------
class LanguageNode(Node):
    def __init__(self, nodelist: NodeList, language: FilterExpression) -> None:
        self.nodelist = nodelist
        self.language = language

    def render(self, context: Any) -> str:
        with translation.override(self.language.resolve(context)):
            return self.nodelist.render(context)


@register.tag
def language(parser: Any, token: Token) -> LanguageNode:
    """{% language "de" %}...{% endlanguage %}: render the body with another active language."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise TemplateSyntaxError(f"'{bits[0]}' takes one argument (language)")
    language = parser.compile_filter(bits[1])
    nodelist = parser.parse(("endlanguage",))
    parser.delete_first_token()
    return LanguageNode(nodelist, language)


# -- {% translate %} -------------------------------------------------------------------------
def _translate_value(value: Any, message_context: str | None) -> str:
    """gettext (or pgettext) of value, with % doubled as the catalog's msgids have it."""
    is_safe = isinstance(value, SafeData)
    msgid = value.replace("%", "%%")
    msgid = mark_safe(msgid) if is_safe else msgid
    if message_context:
        return translation.pgettext(message_context, msgid)
    return translation.gettext(msgid)


class TranslateNode(Node):
    child_nodelists = ()

    def __init__(
        self,
        filter_expression: FilterExpression,
        noop: bool,
        asvar: str | None = None,
        message_context: FilterExpression | None = None,
    ) -> None:
        self.noop = noop
        self.asvar = asvar
        self.message_context = message_context
        self.filter_expression = filter_expression

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}: {self.filter_expression.token!r}>"

    def _resolve(self, context: Any) -> Any:
        fe = self.filter_expression
        missing = False
        if fe.is_var:
            try:
                value = fe.var.resolve(context)
            except VariableDoesNotExist:
                # As in {{ }}: string_if_invalid, shown without filters unless it is empty.
                value = missing_text(context, fe.var.var)
                if value:
                    return value
                missing = True
        else:
            value = fe.var
        if isinstance(value, Promise):
            value = str(value)
        if not (self.noop or missing) and isinstance(value, str):
            message_context = None
            if self.message_context is not None:
                message_context = self.message_context.resolve(context)
            value = _translate_value(value, message_context)
        # The filters, applied the way FilterExpression.resolve applies them.
        for func, args in fe.filters:
            arg_vals = [arg.resolve(context) if lookup else mark_safe(arg) for lookup, arg in args]
            if getattr(func, "needs_autoescape", False):
                new_value = func(value, *arg_vals, autoescape=context.autoescape)
            else:
                new_value = func(value, *arg_vals)
            if getattr(func, "is_safe", False) and isinstance(value, SafeData):
                value = mark_safe(new_value)
            else:
                value = new_value
        return value

    def render(self, context: Any) -> str:
        value = render_value_in_context(self._resolve(context), context)
        # Percent signs were doubled for the catalog look-up: restore them.
        is_safe = isinstance(value, SafeData)
        value = value.replace("%%", "%")
        value = mark_safe(value) if is_safe else value
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


@register.tag("translate")
@register.tag("trans")
def do_translate(parser: Any, token: Token) -> TranslateNode:
    """{% translate "text" [noop] [context "ctx"] [as var] %}: a translated string."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(f"'{bits[0]}' takes at least one argument")
    message_string = parser.compile_filter(bits[1])
    remaining = bits[2:]
    noop = False
    asvar = None
    message_context = None
    seen: set[str] = set()
    while remaining:
        option = remaining.pop(0)
        if option in seen:
            raise TemplateSyntaxError(f"The '{option}' option was specified more than once.")
        if option == "noop":
            noop = True
        elif option == "context":
            if not remaining:
                raise TemplateSyntaxError(
                    f"No argument provided to the '{bits[0]}' tag for the context option."
                )
            value = remaining.pop(0)
            if value in ("as", "noop"):
                raise TemplateSyntaxError(
                    f"Invalid argument '{value}' provided to the '{bits[0]}' tag for the "
                    "context option"
                )
            message_context = parser.compile_filter(value)
        elif option == "as":
            if not remaining:
                raise TemplateSyntaxError(
                    f"No argument provided to the '{bits[0]}' tag for the as option."
                )
            asvar = remaining.pop(0)
        else:
            raise TemplateSyntaxError(
                f"Unknown argument for '{bits[0]}' tag: '{option}'. The only options available "
                "are 'noop', 'context' \"xxx\", and 'as VAR'."
            )
        seen.add(option)
    return TranslateNode(message_string, noop, asvar, message_context)


# -- {% blocktranslate %} --------------------------------------------------------------------
class BlockTranslateNode(Node):
    child_nodelists = ()

    def __init__(
        self,
        extra_context: dict[str, FilterExpression],
        singular: list[Token],
        plural: list[Token],
        countervar: str | None = None,
        counter: FilterExpression | None = None,
        message_context: FilterExpression | None = None,
        trimmed: bool = False,
        asvar: str | None = None,
        tag_name: str = "blocktranslate",
    ) -> None:
        self.extra_context = extra_context
        self.singular = singular
        self.plural = plural
        self.countervar = countervar
        self.counter = counter
        self.message_context = message_context
        self.trimmed = trimmed
        self.asvar = asvar
        self.tag_name = tag_name

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}: extra_context={self.extra_context!r}>"

    def render_token_list(self, tokens: list[Token]) -> tuple[str, list[str]]:
        """The msgid of tokens (`{{ x }}` becomes `%(x)s`) and the placeholder names."""
        result = []
        names = []
        for token in tokens:
            if token.token_type is TokenType.TEXT:
                result.append(token.contents.replace("%", "%%"))
            elif token.token_type is TokenType.VAR:
                result.append(f"%({token.contents})s")
                names.append(token.contents)
        msg = "".join(result)
        if self.trimmed:
            msg = translation.trim_whitespace(msg)
        return msg, names

    def render(self, context: Any, nested: bool = False) -> str:
        message_context = None
        if self.message_context is not None:
            message_context = self.message_context.resolve(context)
        context.update({name: val.resolve(context) for name, val in self.extra_context.items()})
        try:
            singular, names = self.render_token_list(self.singular)
            if self.plural and self.countervar and self.counter:
                count = self.counter.resolve(context)
                if not isinstance(count, (Decimal, float, int)):
                    raise TemplateSyntaxError(
                        f"'{self.countervar}' argument to '{self.tag_name}' tag must be a number."
                    )
                context[self.countervar] = count
                plural, plural_names = self.render_token_list(self.plural)
                if message_context:
                    result = translation.npgettext(message_context, singular, plural, count)
                else:
                    result = translation.ngettext(singular, plural, count)
                names.extend(plural_names)
            else:
                if message_context:
                    result = translation.pgettext(message_context, singular)
                else:
                    result = translation.gettext(singular)
            invalid = string_if_invalid(context)
            data = {}
            for name in names:
                if name in context:
                    value = context[name]
                elif "%s" in invalid:
                    value = invalid % name
                else:
                    value = invalid
                data[name] = render_value_in_context(value, context)
        finally:
            context.pop()
        try:
            result %= data
        except (KeyError, ValueError):
            if nested:
                raise TemplateSyntaxError(
                    f"'{self.tag_name}' is unable to format string returned by gettext: "
                    f"{result!r} using {data!r}"
                )
            # A broken translation: fall back to the untranslated message.
            with translation.override(None):
                result = self.render(context, nested=True)
        if self.asvar:
            context[self.asvar] = SafeString(result)
            return ""
        return result


def _block_options(parser: Any, bits: list[str]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    remaining = bits[1:]
    while remaining:
        option = remaining.pop(0)
        if option in options:
            raise TemplateSyntaxError(f"The '{option}' option was specified more than once.")
        if option == "with":
            value: Any = token_kwargs(remaining, parser, support_legacy=True)
            if not value:
                raise TemplateSyntaxError(
                    f"\"with\" in '{bits[0]}' tag needs at least one keyword argument."
                )
        elif option == "count":
            value = token_kwargs(remaining, parser, support_legacy=True)
            if len(value) != 1:
                raise TemplateSyntaxError(
                    f"\"count\" in '{bits[0]}' tag expected exactly one keyword argument."
                )
        elif option == "context":
            if not remaining:
                raise TemplateSyntaxError(
                    f"\"context\" in '{bits[0]}' tag expected exactly one argument."
                )
            value = parser.compile_filter(remaining.pop(0))
        elif option == "trimmed":
            value = True
        elif option == "asvar":
            if not remaining:
                raise TemplateSyntaxError(
                    f"No argument provided to the '{bits[0]}' tag for the asvar option."
                )
            value = remaining.pop(0)
        else:
            raise TemplateSyntaxError(f"Unknown argument for '{bits[0]}' tag: '{option}'.")
        options[option] = value
    return options


def _collect(parser: Any, tag_name: str, start: Token) -> tuple[list[Token], Token]:
    """Text and `{{ }}` tokens up to the next block tag, and that tag."""
    collected = []
    while parser.tokens:
        token = parser.next_token()
        if token.token_type in (TokenType.VAR, TokenType.TEXT):
            collected.append(token)
        else:
            return collected, token
    raise TemplateSyntaxError(
        f"Unclosed tag on line {start.lineno}: '{tag_name}'. Looking for one of: end{tag_name}."
    )


@register.tag("blocktranslate")
@register.tag("blocktrans")
def do_block_translate(parser: Any, token: Token) -> BlockTranslateNode:
    """{% blocktranslate [with a=b] [count n=x] [context "c"] [trimmed] [asvar v] %}."""
    bits = token.split_contents()
    options = _block_options(parser, bits)
    countervar, counter = None, None
    if "count" in options:
        countervar, counter = next(iter(options["count"].items()))
    singular, closing = _collect(parser, bits[0], token)
    plural: list[Token] = []
    if countervar and counter:
        if closing.contents.strip() != "plural":
            raise TemplateSyntaxError(f"'{bits[0]}' doesn't allow other block tags inside it")
        plural, closing = _collect(parser, bits[0], token)
    end_tag_name = f"end{bits[0]}"
    if closing.contents.strip() != end_tag_name:
        raise TemplateSyntaxError(
            f"'{bits[0]}' doesn't allow other block tags (seen {closing.contents!r}) inside it"
        )
    return BlockTranslateNode(
        options.get("with", {}),
        singular,
        plural,
        countervar,
        counter,
        options.get("context"),
        trimmed=options.get("trimmed", False),
        asvar=options.get("asvar"),
        tag_name=bits[0],
    )
