"""Countries and languages: one module for the whole product, checked against Babel's data.

Two vocabularies use the same codes. A person's record holds ISO 3166-1 / ISO 639 codes with
``XX`` for stateless (``STATELESS``); a questionnaire answer holds the same codes or one of the
words ``stateless`` and ``unknown`` (``ANSWER_STATELESS``, ``ANSWER_UNKNOWN``), and its checks
accept only real ISO countries (``is_iso_country``) and languages Babel names
(``is_iso_language``).
"""

from __future__ import annotations

import re
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


# Questionnaire answers (and anything that wants only real ISO countries)

ANSWER_UNKNOWN = "unknown"
ANSWER_STATELESS = "stateless"
# Babel territories with two letters that are not ISO 3166-1 countries (or are reserved codes).
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "DG", "EA",
                            "IC", "TA", "CQ"})
FALLBACK_LANGUAGE = "en"


@cache
def babel_locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code Babel knows (Kosovo's XK included)."""
    territories = Locale("en").territories
    return frozenset(k for k in territories if re.fullmatch("[A-Z]{2}", k)) - _NOT_COUNTRIES


@cache
def language_codes() -> frozenset[str]:
    """Every two- or three-letter ISO 639 code Babel has a name for."""
    return frozenset(k for k in Locale("en").languages if re.fullmatch("[a-z]{2,3}", k))


def is_iso_country(code: str) -> bool:
    return code in country_codes()


def is_iso_language(code: str) -> bool:
    return code in language_codes()


def babel_country_name(code: str, lang: str) -> str:
    """The name of country ``code`` in language ``lang`` (English if Babel has none)."""
    for candidate in (lang, FALLBACK_LANGUAGE):
        loc = babel_locale(candidate)
        if loc is not None and code in loc.territories:
            return loc.territories[code]
    return code


def babel_language_name(code: str, lang: str) -> str:
    """The name of language ``code`` in language ``lang`` (English if Babel has none)."""
    for candidate in (lang, FALLBACK_LANGUAGE):
        loc = babel_locale(candidate)
        if loc is not None and code in loc.languages:
            return loc.languages[code]
    return code


def countries_sorted(lang: str) -> list[tuple[str, str]]:
    """(code, name) of every country, sorted by name in ``lang``, for a picker."""
    return sorted(((c, babel_country_name(c, lang)) for c in country_codes()),
                  key=lambda pair: pair[1].casefold())
