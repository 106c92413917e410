"""Printed texts: the ``documents`` gettext catalogue, Dutch beside the person's language.

Message ids are stable keys ("purpose.gp", "basics.police"); ``translations/documents/en.po``
holds the English wording, ``nl.po`` the Dutch, which must be complete. A text missing in the
person's language falls back to Dutch and its message id is recorded in ``Texts.missing``
(ids only, never personal data) and logged once per document.

Each ``.po`` file says in its header whether a native speaker has reviewed it
(``X-Native-Review: yes|no``); :func:`review_states` reports that per language.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache

from app.i18n import catalogue_path, translations

DOMAIN = "documents"
DUTCH = "nl"
CARD_LANGUAGES: list[str] = ["nl", "en", "ar", "fa", "ti", "am", "tr", "fr", "so", "kmr", "ckb",
                             "ps", "ru", "uk", "es"]
# Codes the rest of the app may use for a language the catalogue has under another code.
ALIASES = {"prs": "fa", "ku": "kmr", "kmr_Latn": "kmr", "ckb_Arab": "ckb"}
_NAMES = {"kmr": "Koerdisch (Kurmanci)", "ckb": "Koerdisch (Sorani)", "fa": "Perzisch (Farsi, Dari)"}
_REVIEW = re.compile(r'^"X-Native-Review:\s*(\w+)', re.M)

log = logging.getLogger(__name__)


def canonical(lang: str) -> str:
    """The catalogue code for ``lang`` (aliases resolved)."""
    return ALIASES.get(lang, lang)


@dataclass
class Texts:
    """Lookups in one language with Dutch as the fallback; remembers what fell back."""

    lang: str
    missing: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lang = canonical(self.lang)

    def nl(self, key: str) -> str:
        text = translations(DOMAIN, DUTCH).gettext(key)
        if text == key:
            raise KeyError(f"the Dutch document catalogue lacks {key!r}")
        return text

    def own(self, key: str) -> str:
        """The text in the person's language, or Dutch (recorded in ``missing``)."""
        if self.lang == DUTCH:
            return self.nl(key)
        text = translations(DOMAIN, self.lang).gettext(key)
        if text == key or not text.strip():
            if key not in self.missing:
                self.missing.append(key)
            return self.nl(key)
        return text

    def pair(self, key: str) -> tuple[str, str | None]:
        """Dutch and the person's text; the second is None when the language is Dutch or
        the two would print the same words twice."""
        dutch = self.nl(key)
        if self.lang == DUTCH:
            return dutch, None
        own = self.own(key)
        return dutch, (None if own == dutch else own)

    def report(self, document: str) -> None:
        if self.missing:
            log.warning("%s in %s: %d text(s) fell back to Dutch: %s", document, self.lang,
                        len(self.missing), ", ".join(self.missing))


@cache
def message_ids() -> tuple[str, ...]:
    """Every message id of the documents catalogue (from the Dutch file, which is complete)."""
    from babel.messages.pofile import read_po  # Babel only here, not for printing a card

    with catalogue_path(DOMAIN, DUTCH).open("rb") as fh:
        catalog = read_po(fh, locale=DUTCH, domain=DOMAIN)
    return tuple(str(m.id) for m in catalog if m.id)


def language_name(lang: str) -> str:
    from babel import Locale

    if lang in _NAMES:
        return _NAMES[lang]
    try:
        return Locale.parse(lang).get_display_name(DUTCH) or lang
    except (ValueError, LookupError):
        return lang


def review_states() -> list[tuple[str, str, bool, float]]:
    """(code, language name, reviewed by a native speaker, fraction translated) per language."""
    from babel.messages.pofile import read_po

    ids = message_ids()
    states = []
    for lang in CARD_LANGUAGES:
        path = catalogue_path(DOMAIN, lang)
        if not path.is_file():
            states.append((lang, language_name(lang), False, 0.0))
            continue
        header = path.read_text(encoding="utf-8")
        match = _REVIEW.search(header)
        reviewed = bool(match and match.group(1).lower() in ("yes", "ja", "true"))
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=DOMAIN)
        done = sum(1 for key in ids if (m := catalog.get(key)) is not None and m.string
                   and not m.fuzzy)
        states.append((lang, language_name(lang), reviewed, done / len(ids) if ids else 0.0))
    return states
