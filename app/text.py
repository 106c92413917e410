"""Text typed by volunteers: cleaning names safely and folding them for search.

Cleaning removes what can only do harm in a name (bidi overrides that reorder what others see,
zero-width characters that make two equal names differ) and rejects what cannot be a name
(control characters such as NUL). Folding makes search case-, accent- and script-tolerant;
skeletons make it tolerant of the usual transliteration variants (Mohamed, Muhammad, محمد).
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

from app.errors import InvalidInput
from app.i18n import _

# Explicit bidi embeddings, overrides and isolates, and the implicit marks.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Invisible characters with no place in a name: they make two equal names differ (search
# misses "Ali\u00adyah") or a name look blank. Every format character (category Cf: the soft
# hyphen, zero-width space, word joiner and invisible operators, the BOM, interlinear
# annotation, tags) goes, and so do the Hangul fillers, which are letters that show nothing.
ZERO_WIDTH = frozenset("\u200b\u2060\ufeff\u180e")
FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
TAGS = range(0xE0000, 0xE0080)
# ZWNJ (U+200C) and ZWJ (U+200D) are kept inside a word, because Persian spelling needs ZWNJ
# (e.g. in "Mohammad‌reza") and Indic scripts both (after a virama).
ZWNJ = "\u200c"
ZWJ = "\u200d"
JOINERS = frozenset((ZWNJ, ZWJ))


def invisible(ch: str) -> bool:
    """A character that shows nothing and has no place in a name (joiners aside)."""
    return (ch in BIDI_CONTROLS or ch in ZERO_WIDTH or ch in FILLERS or ord(ch) in TAGS
            or (unicodedata.category(ch) == "Cf" and ch not in JOINERS))


def _in_word(ch: str) -> bool:
    """A letter or mark of a script that uses joiners (Arabic, Persian, Indic, …): not
    Latin, Greek or Cyrillic, where a joiner only hides a difference ("Mohammad\u200dreza")."""
    latin_like = ord(ch) < 0x0590 or 0x1D00 <= ord(ch) <= 0x1FFF
    return not latin_like and (ch.isalpha() or unicodedata.category(ch).startswith("M"))


def clean_text(value: str | None, *, field: str, max_length: int, multiline: bool = False) -> str:
    """Normalise one text field: NFC, no bidi controls or invisible characters, trimmed.

    Raises:
        InvalidInput: the text holds control characters or is longer than ``max_length``.
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", value)
    after = [""] * (len(text) + 1)  # the next character that is not stripped
    for i in range(len(text) - 1, -1, -1):
        after[i] = after[i + 1] if invisible(text[i]) else text[i]
    kept: list[str] = []
    for i, ch in enumerate(text):
        if invisible(ch):
            continue
        if ch in JOINERS:
            before, nxt = (kept[-1] if kept else ""), after[i + 1]
            if not (before and nxt and _in_word(before) and _in_word(nxt)):
                continue
        if multiline and ch in "\n\t":
            kept.append(ch)
            continue
        if unicodedata.category(ch) in {"Cc", "Cs", "Co"}:
            raise InvalidInput({field: _(
                "This field contains an invisible control character; retype it without copying."
            )})
        kept.append(ch)
    text = "".join(kept)
    if multiline:
        text = "\n".join(" ".join(line.split()) for line in text.strip().splitlines())
    else:
        text = " ".join(text.split())
    if len(text) > max_length:
        raise InvalidInput({field: _("This is too long: at most {n} characters.").format(n=max_length)})
    return text


_ARABIC_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ؤ": "و",
    "ة": "ه", "ک": "ك", "ـ": None, ZWNJ: None, ZWJ: None,
})


def fold(text: str) -> str:
    """Lower-case, accent-free form of ``text`` in its own script (for prefix search)."""
    visible = "".join(c for c in text if not invisible(c))
    decomposed = unicodedata.normalize("NFKD", visible.translate(_ARABIC_FOLD))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped).casefold()


_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Folded words of ``text``: letters and digits of any script."""
    return _TOKEN.findall(fold(text))


_DIGRAPHS = (("ph", "f"), ("ck", "k"), ("dj", "j"), ("kh", "k"), ("q", "k"), ("c", "k"), ("z", "s"))


def skeleton(word: str) -> str:
    """Transliteration-tolerant key: Latin consonants of the word, doubled ones collapsed.

    Mohamed, Muhammad, Mohammed and محمد all give "mhmd"; Abdel and "Abd al" give "bdl".
    """
    latin = re.sub(r"[^a-z]", "", anyascii(word).lower())
    for old, new in _DIGRAPHS:
        latin = latin.replace(old, new)
    if len(latin) > 1 and latin.endswith("h"):
        latin = latin[:-1]  # ta marbuta: Fatimah, فاطمة
    out: list[str] = []
    for i, ch in enumerate(latin):
        if ch in "aeiou" or (ch in "yw" and i > 0):
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def digits(text: str) -> str:
    """Only the digits of ``text`` (any script's digits as ASCII)."""
    return "".join(str(unicodedata.digit(c)) for c in text if unicodedata.digit(c, None) is not None)


def phone_digits(text: str) -> str:
    """Digits of a phone number, with Dutch country prefixes written as a leading 0."""
    d = digits(text)
    for prefix in ("0031", "31"):
        if text.strip().startswith(("+31", "0031")) and d.startswith(prefix):
            return "0" + d[len(prefix):]
    return d
