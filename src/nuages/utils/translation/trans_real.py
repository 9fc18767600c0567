"""The real translation backend: gettext catalogs, the active language, language negotiation.

Catalogs (``<dir>/<locale>/LC_MESSAGES/django.mo``, the domain Django projects already use) are
looked up, highest precedence first, in LOCALE_PATHS, then each installed app's ``locale/``
directory in INSTALLED_APPS order, then nuages' own ``conf/locale``. A language whose catalogs
miss a message falls back to the LANGUAGE_CODE language, then to the message itself.

The active language is a context variable: threads and asyncio tasks are isolated. This module
reads ``nuages.conf.settings`` and the app registry, as Django's design has it.
"""

from __future__ import annotations

import functools
import gettext as gettext_module
import os
import re
import threading
from contextvars import ContextVar
from decimal import Decimal
from pathlib import Path
from typing import Any

from nuages.apps import apps
from nuages.conf import settings
from nuages.conf.locale import LANG_INFO
from nuages.core.exceptions import AppRegistryNotReady
from nuages.core.signals import setting_changed
from nuages.utils.safestring import SafeData, mark_safe
from nuages.utils.translation._codes import round_away_from_one, to_language, to_locale

__all__ = [
    "ACCEPT_LANGUAGE_HEADER_MAX_LENGTH",
    "CONTEXT_SEPARATOR",
    "LANGUAGE_CODE_MAX_LENGTH",
    "NuagesTranslation",
    "activate",
    "all_locale_paths",
    "catalog",
    "check_for_language",
    "deactivate",
    "deactivate_all",
    "get_language",
    "get_language_bidi",
    "get_language_from_path",
    "get_language_from_request",
    "get_languages",
    "get_supported_language_variant",
    "gettext",
    "gettext_noop",
    "ngettext",
    "npgettext",
    "parse_accept_lang_header",
    "pgettext",
    "translation",
]

CONTEXT_SEPARATOR = "\x04"
LANGUAGE_CODE_MAX_LENGTH = 500
ACCEPT_LANGUAGE_HEADER_MAX_LENGTH = 500

# en, en-us, sr-latn, ca-es-valencia, de@euro ...; case-insensitive.
language_code_re = re.compile(r"^[a-z]{1,8}(?:-[a-z0-9]{1,8})*(?:@[a-z0-9]{1,20})?$", re.IGNORECASE)
# The first path segment when it looks like a language code: /en-us/..., /sr-latn/...
language_code_prefix_re = re.compile(r"^/(\w+(?:[@-]\w+){0,2})(?:/|$)")
# One entry of an Accept-Language header: a range and an optional quality.
_accept_entry_re = re.compile(
    r"^\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)"
    r"(?:\s*;\s*q=(0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?))?\s*$"
)

_NUAGES_LOCALE_DIR = str(Path(__file__).resolve().parent.parent.parent / "conf" / "locale")


def _english_plural(n: int) -> int:
    return int(n != 1)


class _Catalog:
    """Messages sharing one plural rule, merged from every file that uses that rule."""

    __slots__ = ("messages", "plural", "plural_forms")

    def __init__(self, plural_forms: str, plural: Any) -> None:
        self.plural_forms = plural_forms
        self.plural = plural
        self.messages: dict[Any, str] = {}


def _plural_count(n: Any) -> int:
    # Python's gettext wants an int; a fractional count is plural unless it is exactly one.
    if isinstance(n, int):
        return n
    if isinstance(n, float | Decimal):
        return round_away_from_one(n)
    return int(n)


class NuagesTranslation:
    """All the messages of one language in one domain, merged in precedence order."""

    domain = "django"

    def __init__(self, language: str, domain: str | None = None, localedirs: list | None = None):
        self._language = language
        self._to_language = to_language(language)
        self._locale = to_locale(language)
        if domain is not None:
            self.domain = domain
        self._catalogs: list[_Catalog] = []
        self._info: dict[str, str] = {}
        self._charset: str | None = None
        self._fallback: Any = None
        self.plural: Any = _english_plural
        self._localedirs = localedirs
        self._load(_catalog_dirs(localedirs))
        self._add_default_fallback()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} lang:{self._language}>"

    def _load(self, localedirs: list[str]) -> None:
        specific: list[str] = []
        generic: list[str] = []
        for localedir in localedirs:
            found = gettext_module.find(self.domain, localedir, [self._locale], all=True)
            if found:
                specific.append(found[0])
                generic.extend(found[1:])
        # A regional catalog anywhere beats a generic one ('pt_BR' before 'pt').
        for path in specific + generic:
            self._merge_file(path)

    def _merge_file(self, path: str) -> None:
        with open(path, "rb") as fp:
            parsed = gettext_module.GNUTranslations(fp)
        plural_forms = parsed.info().get("plural-forms", "")
        if not self._info:
            # Headers and the default plural rule come from the highest-precedence file.
            self._info = dict(parsed.info())
            self._charset = parsed.charset()
            self.plural = parsed.plural
        target = next((c for c in self._catalogs if c.plural_forms == plural_forms), None)
        if target is None:
            target = _Catalog(plural_forms, parsed.plural)
            self._catalogs.append(target)
        messages = target.messages
        for key, value in parsed._catalog.items():
            if key != "" and key not in messages:
                messages[key] = value

    def _add_default_fallback(self) -> None:
        default = settings.LANGUAGE_CODE
        # English source strings need no fallback; the default language is its own end.
        if self._language == default or self._language.startswith("en"):
            return
        if self.domain == "django":
            self.add_fallback(translation(default))
        else:
            self.add_fallback(NuagesTranslation(default, self.domain, self._localedirs))

    def add_fallback(self, fallback: Any) -> None:
        """Consult ``fallback`` for messages this translation lacks (chained at the end)."""
        if self._fallback is not None:
            self._fallback.add_fallback(fallback)
        elif fallback is not self:
            self._fallback = fallback

    def merge(self, other: NuagesTranslation) -> None:
        """Add ``other``'s messages below this translation's own (JavaScript catalogs)."""
        for cat in other._catalogs:
            target = next((c for c in self._catalogs if c.plural_forms == cat.plural_forms), None)
            if target is None:
                target = _Catalog(cat.plural_forms, cat.plural)
                self._catalogs.append(target)
            for key, value in cat.messages.items():
                target.messages.setdefault(key, value)
        if not self._info:
            self._info = dict(other._info)
            self.plural = other.plural

    def gettext(self, message: str) -> str:
        for cat in self._catalogs:
            found = cat.messages.get(message)
            if found is not None:
                return found
        if self._fallback is not None:
            return self._fallback.gettext(message)
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: Any) -> str:
        count = _plural_count(n)
        for cat in self._catalogs:
            found = cat.messages.get((msgid1, cat.plural(count)))
            if found is not None:
                return found
        if self._fallback is not None:
            return self._fallback.ngettext(msgid1, msgid2, n)
        return msgid1 if count == 1 else msgid2

    def pgettext(self, context: str, message: str) -> str:
        found = self.gettext(f"{context}{CONTEXT_SEPARATOR}{message}")
        return message if CONTEXT_SEPARATOR in found else found

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: Any) -> str:
        found = self.ngettext(
            f"{context}{CONTEXT_SEPARATOR}{msgid1}", f"{context}{CONTEXT_SEPARATOR}{msgid2}", n
        )
        return self.ngettext(msgid1, msgid2, n) if CONTEXT_SEPARATOR in found else found

    @property
    def _catalog(self) -> dict:
        """Every message this translation answers itself, highest precedence winning."""
        merged: dict = {}
        for cat in reversed(self._catalogs):
            merged.update(cat.messages)
        return merged

    def info(self) -> dict[str, str]:
        return self._info

    def charset(self) -> str | None:
        return self._charset

    def language(self) -> str:
        """The language code as given ('pt_BR' stays 'pt_BR')."""
        return self._language

    def to_language(self) -> str | None:
        """The normalised language code ('pt-br')."""
        return self._to_language


# Ported code names the class after Django.
DjangoTranslation = NuagesTranslation


class _Untranslated:
    """What deactivate_all() activates: messages pass through, no language is active."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: Any) -> str:
        return msgid1 if _plural_count(n) == 1 else msgid2

    def pgettext(self, context: str, message: str) -> str:
        return message

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: Any) -> str:
        return self.ngettext(msgid1, msgid2, n)

    def to_language(self) -> None:
        return None


_UNTRANSLATED = _Untranslated()

_translations: dict[str, NuagesTranslation] = {}
_translations_lock = threading.RLock()  # building one may build the default one
_default: NuagesTranslation | None = None
# Bumped when LANGUAGE_CODE/LANGUAGES/LOCALE_PATHS change: older activations stop counting.
_generation = 0
_active: ContextVar[tuple[int, Any] | None] = ContextVar("nuages_active_language", default=None)


def _catalog_dirs(localedirs: list | None = None) -> list[str]:
    """Directories searched for catalogs, highest precedence first.

    Explicit ``localedirs`` (a JavaScript catalog's packages) replace the apps' and nuages' own.
    """
    dirs = [str(p) for p in settings.LOCALE_PATHS]
    if localedirs is not None:
        return dirs + [str(p) for p in localedirs]
    if not apps.apps_ready:
        raise AppRegistryNotReady(
            "The translation infrastructure cannot be initialized before the apps registry is "
            "ready. Check that you don't make non-lazy gettext calls at import time."
        )
    for app_config in apps.get_app_configs():
        app_dir = os.path.join(app_config.path, "locale")
        if os.path.isdir(app_dir):
            dirs.append(app_dir)
    dirs.append(_NUAGES_LOCALE_DIR)
    return dirs


def translation(language: str) -> NuagesTranslation:
    """The (cached) translation object of ``language``."""
    found = _translations.get(language)
    if found is None:
        with _translations_lock:
            found = _translations.get(language)
            if found is None:
                found = _translations[language] = NuagesTranslation(language)
    return found


def _current() -> Any:
    state = _active.get()
    if state is not None and state[0] == _generation:
        return state[1]
    global _default
    if _default is None:
        _default = translation(settings.LANGUAGE_CODE)
    return _default


def activate(language: str) -> None:
    """Make ``language`` the active language of this thread or task."""
    if not language:
        return
    _active.set((_generation, translation(language)))


def deactivate() -> None:
    """Return to LANGUAGE_CODE in this thread or task."""
    _active.set(None)


def deactivate_all() -> None:
    """Disable translation in this thread or task: messages pass through untranslated."""
    _active.set((_generation, _UNTRANSLATED))


def get_language() -> str | None:
    """The active language code; None after deactivate_all()."""
    state = _active.get()
    if state is not None and state[0] == _generation:
        return state[1].to_language()
    return settings.LANGUAGE_CODE


def get_language_bidi() -> bool:
    """True if the active language is written right to left."""
    lang = get_language()
    if lang is None:
        return False
    return lang.split("-")[0] in settings.LANGUAGES_BIDI


def catalog() -> Any:
    """The translation object in use (the active one, else the default language's)."""
    return _current()


def gettext(message: str) -> str:
    """Translate ``message`` into the active language."""
    # Catalogs store Unix line ends; an empty id would return the catalog header.
    message_nl = message.replace("\r\n", "\n").replace("\r", "\n")
    result = _current().gettext(message_nl) if message_nl else type(message)("")
    return mark_safe(result) if isinstance(message, SafeData) else result


def gettext_noop(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


def ngettext(singular: str, plural: str, number: Any) -> str:
    """Translate, choosing the plural form for ``number``."""
    return _current().ngettext(singular, plural, number)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` within ``context`` (untranslated if the pair is unknown)."""
    result = gettext(f"{context}{CONTEXT_SEPARATOR}{message}")
    if CONTEXT_SEPARATOR in result:
        result = type(message)(message)
    return mark_safe(result) if isinstance(message, SafeData) else result


def npgettext(context: str, singular: str, plural: str, number: Any) -> str:
    """ngettext within ``context``."""
    result = ngettext(
        f"{context}{CONTEXT_SEPARATOR}{singular}", f"{context}{CONTEXT_SEPARATOR}{plural}", number
    )
    if CONTEXT_SEPARATOR in result:
        result = ngettext(singular, plural, number)
    return result


@functools.cache
def all_locale_paths() -> list[str]:
    """Every directory that may hold catalogs: nuages', LOCALE_PATHS, the apps'."""
    paths = [_NUAGES_LOCALE_DIR, *(str(p) for p in settings.LOCALE_PATHS)]
    if apps.apps_ready:
        for app_config in apps.get_app_configs():
            app_dir = os.path.join(app_config.path, "locale")
            if os.path.isdir(app_dir):
                paths.append(app_dir)
    return paths


def _builtin_language(lang_code: str) -> bool:
    # nuages describes every language of LANG_INFO (formats, names): that is its "global" set,
    # whether or not its own messages have a compiled catalog yet.
    code = lang_code.lower().replace("_", "-")
    while code:
        if "name" in LANG_INFO.get(code, ()):
            return True
        code = code.rpartition("-")[0]
    return False


@functools.lru_cache(maxsize=1000)
def check_for_language(lang_code: str | None) -> bool:
    """True if ``lang_code`` is a valid code that nuages or a catalog directory provides."""
    if lang_code is None or not language_code_re.search(lang_code):
        return False
    if _builtin_language(lang_code):
        return True
    locale = to_locale(lang_code)
    return any(
        gettext_module.find("django", path, [locale]) is not None for path in all_locale_paths()
    )


@functools.cache
def get_languages() -> dict[str, str]:
    """settings.LANGUAGES as a dict."""
    return dict(settings.LANGUAGES)


@functools.lru_cache(maxsize=1000)
def get_supported_language_variant(lang_code: str | None, strict: bool = False) -> str:
    """The best code of settings.LANGUAGES for ``lang_code`` ('de-at' -> 'de'), or LookupError.

    Unless ``strict``, a regional variant of the same language also answers ('es' -> 'es-ar').
    """
    if not lang_code:
        raise LookupError(lang_code)
    if len(lang_code) > LANGUAGE_CODE_MAX_LENGTH:
        cut = lang_code.rfind("-", 0, LANGUAGE_CODE_MAX_LENGTH)
        if strict or cut <= 0:
            raise LookupError(lang_code)
        lang_code = lang_code[:cut]
    candidates = [lang_code, *LANG_INFO.get(lang_code, {}).get("fallback", ())]
    # Then ever shorter prefixes: 'zh-hant-tw' -> 'zh-hant' -> 'zh'.
    prefix = lang_code
    while "-" in prefix:
        prefix = prefix.rpartition("-")[0]
        candidates.append(prefix)
    supported = get_languages()
    for code in candidates:
        if code.lower() in supported and check_for_language(code):
            return code
    if not strict:
        generic = candidates[-1]
        for code in supported:
            if code.startswith(f"{generic}-"):
                return code
    raise LookupError(lang_code)


def get_language_from_path(path: str, strict: bool = False) -> str | None:
    """The supported language named by the first segment of ``path``, if any."""
    match = language_code_prefix_re.match(path)
    if not match:
        return None
    try:
        return get_supported_language_variant(match[1], strict=strict)
    except LookupError:
        return None


def get_language_from_request(request: Any, check_path: bool = False) -> str:
    """The language a request asks for: URL prefix, cookie, Accept-Language, then LANGUAGE_CODE."""
    if check_path:
        lang_code = get_language_from_path(request.path_info)
        if lang_code is not None:
            return lang_code
    lang_code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if lang_code is not None and lang_code in get_languages() and check_for_language(lang_code):
        return lang_code
    try:
        return get_supported_language_variant(lang_code)
    except LookupError:
        pass
    for accept_lang, _quality in parse_accept_lang_header(
        request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    ):
        if accept_lang == "*":
            break
        if not language_code_re.search(accept_lang):
            continue
        try:
            return get_supported_language_variant(accept_lang)
        except LookupError:
            continue
    try:
        return get_supported_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


@functools.lru_cache(maxsize=1000)
def parse_accept_lang_header(lang_string: str) -> tuple[tuple[str, float], ...]:
    """Accept-Language as ((language, quality), ...), best first; () if malformed."""
    if len(lang_string) > ACCEPT_LANGUAGE_HEADER_MAX_LENGTH:
        # Drop the entry cut in half rather than read a huge header.
        cut = lang_string.rfind(",", 0, ACCEPT_LANGUAGE_HEADER_MAX_LENGTH)
        if cut <= 0:
            return ()
        lang_string = lang_string[:cut]
    entries = []
    pieces = lang_string.split(",")
    for position, piece in enumerate(pieces):
        if not piece.strip() and position == len(pieces) - 1 and position:
            continue  # a trailing comma
        match = _accept_entry_re.match(piece)
        if match is None:
            return ()
        entries.append((match[1].lower(), float(match[2]) if match[2] else 1.0))
    entries.sort(key=lambda entry: entry[1], reverse=True)
    return tuple(entries)


def _reset_caches() -> None:
    """Forget loaded catalogs and cached look-ups; activations made before stop counting."""
    global _default, _generation
    _default = None
    _generation += 1
    _translations.clear()
    all_locale_paths.cache_clear()
    check_for_language.cache_clear()
    get_supported_language_variant.cache_clear()
    get_languages.cache_clear()
    parse_accept_lang_header.cache_clear()


def _on_setting_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"}:
        _reset_caches()


setting_changed.connect(_on_setting_changed, dispatch_uid="nuages.utils.translation.trans_real")
