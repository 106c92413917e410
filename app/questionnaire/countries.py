"""Countries (ISO 3166-1 alpha-2) and languages (ISO 639) with names from Babel's locale data.

Special answers that are not codes: ``unknown`` for both, and ``stateless`` for a nationality.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale, UnknownLocaleError

UNKNOWN = "unknown"
STATELESS = "stateless"
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


def is_country(code: str) -> bool:
    return code in country_codes()


def is_language(code: str) -> bool:
    return code in language_codes()


def country_name(code: str, lang: str) -> str:
    """The name of country ``code`` in language ``lang`` (English if Babel has none)."""
    for candidate in (lang, FALLBACK_LANGUAGE):
        loc = babel_locale(candidate)
        if loc is not None and code in loc.territories:
            return loc.territories[code]
    return code


def language_name(code: str, lang: str) -> str:
    """The name of language ``code`` in language ``lang`` (English if Babel has none)."""
    for candidate in (lang, FALLBACK_LANGUAGE):
        loc = babel_locale(candidate)
        if loc is not None and code in loc.languages:
            return loc.languages[code]
    return code


def countries_sorted(lang: str) -> list[tuple[str, str]]:
    """(code, name) of every country, sorted by name in ``lang``, for a picker."""
    return sorted(((c, country_name(c, lang)) for c in country_codes()),
                  key=lambda pair: pair[1].casefold())
