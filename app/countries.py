"""Country and language codes, checked against Babel's locale data."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

STATELESS = "XX"
# The languages a person's documents can be in, as the person form offers them: those of
# Haarlem's newcomers first; the list is a choice, the service checks the code.
DOCUMENT_LANGUAGES = ("nl", "en", "ar", "ti", "fa", "prs", "tr", "so", "am", "ku", "ps", "ur",
                      "fr", "ru", "uk", "es", "pt", "sq", "de")


@cache
def _territories() -> frozenset[str]:
    return frozenset(code for code in Locale("en").territories if len(code) == 2 and code.isalpha())


def is_country(code: str) -> bool:
    return code == STATELESS or code in _territories()


def country_name(code: str, lang: str = "nl") -> str:
    if not code:
        return ""
    if code == STATELESS:
        return {"nl": "staatloos", "en": "stateless"}.get(lang, "stateless")
    try:
        return Locale.parse(lang).territories.get(code, code)
    except (UnknownLocaleError, ValueError):
        return Locale("en").territories.get(code, code)


@cache
def _offered_languages() -> frozenset[str]:
    """Every language code the app offers somewhere, Babel's locale data knowing it or not
    ("prs", Dari, is unknown to Babel; "kmr" has no name in it)."""
    from app.documents.catalogue import ALIASES, CARD_LANGUAGES
    from app.i18n import LANGUAGE_NAMES

    return frozenset((*DOCUMENT_LANGUAGES, *CARD_LANGUAGES, *ALIASES, *LANGUAGE_NAMES))


def is_language(code: str) -> bool:
    if code in _offered_languages():
        return True
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def language_name(code: str, lang: str = "nl") -> str:
    try:
        return Locale.parse(code).get_display_name(lang) or code
    except (UnknownLocaleError, ValueError):
        return code
