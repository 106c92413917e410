"""Translations: one gettext domain for the interface, others for printed texts.

Import translators explicitly (``from app.i18n import _, N_``); ``_`` is never put into builtins.
Module-level strings are marked with ``N_`` and translated when shown.

Catalogues live in ``translations/<domain>/<lang>.po``; they are compiled in memory on first
use, so a fresh checkout needs no build step.
"""

from __future__ import annotations

import gettext
import io
import threading
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app import TRANSLATIONS

INTERFACE = "wegwijs"
SOURCE_LANGUAGE = "en"
DEFAULT_INTERFACE_LANGUAGE = "nl"

_lock = threading.Lock()
_interface_language = DEFAULT_INTERFACE_LANGUAGE


def catalogue_path(domain: str, lang: str) -> Path:
    """Where the ``.po`` file of one domain and language lives."""
    return TRANSLATIONS / domain / f"{lang}.po"


def available_languages(domain: str) -> list[str]:
    """Languages that have a catalogue in ``domain``, sorted by code."""
    folder = TRANSLATIONS / domain
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.po"))


@cache
def translations(domain: str, lang: str) -> gettext.NullTranslations:
    """Compiled translations of one domain in one language (no-op if there is no catalogue)."""
    path = catalogue_path(domain, lang)
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_interface_language(lang: str) -> None:
    """Choose the language of the interface for the whole process."""
    global _interface_language
    with _lock:
        _interface_language = lang


def interface_language() -> str:
    return _interface_language


def _(message: str) -> str:
    """Translate an interface string into the current interface language."""
    return translations(INTERFACE, _interface_language).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(INTERFACE, _interface_language).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def is_rtl(lang: str) -> bool:
    """True when ``lang`` is written right to left."""
    return lang.split("_")[0] in {"ar", "fa", "prs", "ps", "ckb", "ur", "he", "yi", "ku_Arab"}
