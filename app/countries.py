"""Country and language codes, checked against Babel's locale data."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

STATELESS = "XX"


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


def is_language(code: str) -> bool:
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
