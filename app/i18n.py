"""Translations: one gettext domain for the interface, others for printed texts.

Import translators explicitly (``from app.i18n import _, N_``); ``_`` is never put into builtins.
Module-level strings are marked with ``N_`` and translated when shown.

Catalogues live in ``translations/<domain>/<lang>.po``; they are compiled on first use, so a
fresh checkout needs no build step (a bundle ships them compiled, see ``shipped_mo_path``). The compiled ``.mo`` is kept in the user's cache folder under
the hash of the ``.po`` file's bytes, so later starts read it without importing Babel (a changed
catalogue has another hash and is compiled again; an unwritable cache only costs time).
"""

from __future__ import annotations

import gettext
import hashlib
import io
import os
import threading
from functools import cache
from pathlib import Path

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
    try:
        source = path.read_bytes()
    except FileNotFoundError:
        return gettext.NullTranslations()
    cached = _compiled_path(domain, lang, source)
    for compiled_file in (shipped_mo_path(path, source), cached):
        try:
            with compiled_file.open("rb") as fh:
                return gettext.GNUTranslations(fh)
        except Exception:  # noqa: BLE001, S112 - missing or damaged: the next, or compile it
            continue
    compiled = compile_catalogue(source, domain, lang)
    _keep(cached, compiled)
    return gettext.GNUTranslations(io.BytesIO(compiled))


def compile_catalogue(source: bytes, domain: str, lang: str) -> bytes:
    """The ``.mo`` bytes of a ``.po`` file's bytes (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(source), locale=lang, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def shipped_mo_path(po_path: Path, source: bytes) -> Path:
    """Where a bundle keeps the catalogue compiled at build time: beside the ``.po`` file,
    under the hash of its bytes, so a changed ``.po`` never meets a stale ``.mo``."""
    lang = po_path.stem
    return po_path.with_name(f"{lang}.{hashlib.sha256(source).hexdigest()[:24]}.mo")


def _compiled_path(domain: str, lang: str, source: bytes) -> Path:
    from app.locations import cache_dir

    digest = hashlib.sha256(source).hexdigest()[:24]
    return cache_dir() / "translations" / domain / f"{lang}.{digest}.mo"


def _keep(path: Path, compiled: bytes) -> None:
    """Write the compiled catalogue for the next start, replacing older compilations."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{path.name.split('.')[0]}.*.mo"):
            old.unlink(missing_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(compiled)
        os.replace(partial, path)
    except OSError:
        pass  # a read-only or full disk: compiled again next time


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


# Languages Babel's CLDR data has no (or only a confusing) name for: "prs" is unknown to it,
# "kmr" comes out as "Koerdisch (Latijns, Turkije)", "ckb" as "Soranî" in Dutch. Keyed by code,
# then by the language the name is written in; the code's own key is its autonym.
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "prs": {"nl": "Dari", "en": "Dari", "ar": "الدارية", "prs": "دری"},
    "ckb": {"nl": "Sorani-Koerdisch", "en": "Sorani Kurdish", "ar": "الكردية السورانية",
            "ckb": "کوردیی ناوەندی"},
    "kmr": {"nl": "Kurmanci-Koerdisch", "en": "Kurmanji Kurdish", "ar": "الكردية الكرمانجية",
            "kmr": "Kurmancî"},
    "ku": {"ku": "Kurdî"},
    "ti": {"nl": "Tigrinya", "en": "Tigrinya", "ar": "التغرينية", "ti": "ትግርኛ"},
}


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


@cache
def language_name(code: str, in_lang: str) -> str:
    """The name of language ``code`` written in ``in_lang`` ("Arabisch" for ar in nl).

    Our own table first, then Babel's CLDR names, then the English name; the code itself only
    for a code nobody knows.
    """
    from babel import Locale, UnknownLocaleError

    base = in_lang.replace("-", "_").split("_")[0]
    for where in (base, SOURCE_LANGUAGE):
        name = LANGUAGE_NAMES.get(code, {}).get(where)
        if name:
            return _first_upper(name)
        try:
            name = Locale.parse(where).languages.get(code)
        except (UnknownLocaleError, ValueError, TypeError):
            name = None
        if name:
            return _first_upper(name)
    return code


@cache
def autonym(code: str) -> str:
    """The language's name in itself ("العربية" for ar), or "" when unknown."""
    from babel import Locale, UnknownLocaleError

    name = LANGUAGE_NAMES.get(code, {}).get(code)
    if not name:
        try:
            name = Locale.parse(code).languages.get(code)
        except (UnknownLocaleError, ValueError, TypeError):
            name = None
    return _first_upper(name) if name else ""


def language_label(code: str, in_lang: str | None = None) -> str:
    """How a language is shown where one is chosen: its name in the interface language, with
    its own name when that differs ("Arabisch (العربية)" in Dutch, "العربية" in Arabic)."""
    name = language_name(code, in_lang or _interface_language)
    own = autonym(code)
    if not own or own.casefold() == name.casefold():
        return name
    return f"{name} ({own})"
