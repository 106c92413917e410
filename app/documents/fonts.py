"""The fonts printed documents use, loaded once per process, and the choice of font per character.

Three Noto families ship in ``resources/fonts`` (OFL, see ``OFL.txt`` there): Noto Sans for
Latin, Cyrillic, digits and punctuation; Noto Naskh Arabic for the Arabic script (Arabic,
Persian, Sorani, Pashto); Noto Sans Ethiopic for Tigrinya and Amharic.

A font is chosen by **glyph coverage**, read from the font's own cmap as ReportLab parsed it
when loading the font (each file is parsed once, each face only when a text needs it): Noto
Naskh Arabic has no Latin letters, hyphen or parentheses, and Noto Sans Ethiopic has no digits,
so a character the preferred font lacks goes to the next font that has it.

Each face is registered with ReportLab as a :class:`GlyphFont`, a ``TTFont`` that can print any
glyph HarfBuzz produced (contextual Arabic forms, ligatures) and still writes a ``ToUnicode``
map back to the characters the glyph stands for, so the PDF text stays selectable and
searchable. ReportLab embeds each used font as a subset (``FontFile2``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import BinaryIO

import uharfbuzz as hb
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont
from reportlab.pdfgen.canvas import Canvas

from app import RESOURCES

FONT_DIR = RESOURCES / "fonts"

# Compressed streams stay binary: ReportLab would also wrap them in ASCII85 text, a quarter
# larger and slower to write, for 7-bit channels no PDF travels through any more.
rl_config.useA85 = 0

_PRIVATE_FIRST = 0xE000
_PRIVATE_LAST = 0xF8FF


class Family(StrEnum):
    SANS = "sans"
    NASKH = "naskh"
    ETHIOPIC = "ethiopic"


_FILES: dict[tuple[Family, bool], str] = {
    (Family.SANS, False): "NotoSans-Regular.ttf",
    (Family.SANS, True): "NotoSans-Bold.ttf",
    (Family.NASKH, False): "NotoNaskhArabic-Regular.ttf",
    (Family.NASKH, True): "NotoNaskhArabic-Bold.ttf",
    (Family.ETHIOPIC, False): "NotoSansEthiopic-Regular.ttf",
    (Family.ETHIOPIC, True): "NotoSansEthiopic-Bold.ttf",
}

# Fallback order once the preferred font lacks a character.
FALLBACK: tuple[Family, ...] = (Family.SANS, Family.NASKH, Family.ETHIOPIC)


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


class GlyphFont(TTFont):
    """A ReportLab TrueType font that prints glyph ids and maps them back to their text.

    ReportLab addresses glyphs through character codes. A glyph that is the font's own glyph for
    a single character keeps that character as its code; any other glyph (a contextual form, a
    ligature, a mark) gets a private-use code whose ``ToUnicode`` entry is the text of its
    HarfBuzz cluster, so copying the text from the PDF gives the original letters.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename, shapable=False)
        self._lock = threading.Lock()
        self._codes: dict[tuple[int, str], int] = {}
        self._text_of: dict[int, str] = {}
        self._next_private = _PRIVATE_FIRST
        self._advance_1000: dict[int, float] = {}

    def code_for(self, gid: int, text: str, advance_1000: float) -> str:
        """The character code to print glyph ``gid`` standing for ``text``."""
        key = (gid, text)
        code = self._codes.get(key)
        if code is not None:
            return chr(code)
        with self._lock:
            code = self._codes.get(key)
            if code is None:
                char_to_glyph = self.face.charToGlyph
                if len(text) == 1 and char_to_glyph.get(ord(text)) == gid:
                    code = ord(text)
                else:
                    code = self._next_private
                    while code in char_to_glyph:
                        code += 1
                    if code > _PRIVATE_LAST:
                        raise RuntimeError("font has run out of private codes")
                    self._next_private = code + 1
                    char_to_glyph[code] = gid
                    self.face.charWidths[code] = advance_1000
                    self._text_of[code] = text or "\u200b"
                self._codes[key] = code
        return chr(code)

    def _to_unicode(self, font_name: str, subset: list[int]) -> str:
        entries = [f"<{i:02X}> <{_utf16_hex(self._text_of.get(code, chr(code)))}>"
                   for i, code in enumerate(subset)]
        return "\n".join([
            "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo", f"<< /Registry ({font_name})", f"/Ordering ({font_name})",
            "/Supplement 0", ">> def", f"/CMapName /{font_name} def", "/CMapType 2 def",
            "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
            f"{len(entries)} beginbfchar", *entries, "endbfchar", "endcmap",
            "CMapName currentdict /CMap defineresource pop", "end", "end"])

    def addObjects(self, doc) -> None:  # noqa: ANN001, N802 - ReportLab's hook
        """ReportLab's own ``addObjects`` with a ToUnicode map that knows shaped glyphs."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_font_name = (b"".join((SUBSETN(n), b"+", self.face.name,
                                        self.face.subfontNameX))).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_font_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
            cmap_stream = pdfdoc.PDFStream()
            cmap_stream.content = self._to_unicode(base_font_name, subset)
            if doc.compression:
                cmap_stream.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap_stream, "toUnicodeCMap:" + base_font_name)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_font_name, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]


@dataclass(eq=False)
class Face:
    """One font file: its ReportLab font, its HarfBuzz font and the characters it covers."""

    family: Family
    bold: bool
    path: Path
    rl: GlyphFont
    hb_font: hb.Font
    upem: int
    coverage: frozenset[int] = field(repr=False)

    @property
    def name(self) -> str:
        return self.rl.fontName

    def covers(self, char: str) -> bool:
        return ord(char) in self.coverage


_load_lock = threading.Lock()


@cache
def _face(family: Family, bold: bool) -> Face:
    path = FONT_DIR / _FILES[(family, bold)]
    name = f"Wegwijs-{family.value}-{'bold' if bold else 'regular'}"
    with _load_lock:
        rl = GlyphFont(name, str(path))
        pdfmetrics.registerFont(rl)
        # every character the cmap maps to a real glyph; glyph 0 (.notdef, also the 0xFFFF
        # end marker of a format 4 table) covers nothing
        coverage = frozenset(char for char, gid in rl.face.charToGlyph.items() if gid)
        blob = hb.Blob.from_file_path(str(path))
        hb_face = hb.Face(blob)
        hb_font = hb.Font(hb_face)
    return Face(family, bold, path, rl, hb_font, hb_face.upem, coverage)


def face(family: Family, bold: bool = False) -> Face:
    """The loaded face of ``family`` (loaded on first use, then cached for the process)."""
    return _face(family, bold)


def load_all() -> None:
    """Load every face now (the benchmark and a long-running app warm up this way)."""
    for family, bold in _FILES:
        _face(family, bold)


ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF),
                 (0xFE70, 0xFEFF))
ETHIOPIC_RANGES = ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F))


def script_family(char: str) -> Family | None:
    """The family a character's own script asks for, or None for common characters
    (digits, punctuation, spaces, marks) that follow their neighbours."""
    code = ord(char)
    for first, last in ARABIC_RANGES:
        if first <= code <= last:
            return Family.NASKH
    for first, last in ETHIOPIC_RANGES:
        if first <= code <= last:
            return Family.ETHIOPIC
    if char.isalpha():
        return Family.SANS
    return None


def covering_face(char: str, preferred: Family, bold: bool = False) -> Face | None:
    """The preferred face if it has ``char``, else the first fallback face that has it."""
    first = face(preferred, bold)
    if first.covers(char):
        return first
    for family in FALLBACK:
        candidate = face(family, bold)
        if candidate.covers(char):
            return candidate
    return None


def new_canvas(buffer: BinaryIO, pagesize: tuple[float, float]) -> Canvas:
    """A compressed canvas whose initial font is ours (so no unembedded Helvetica is listed)."""
    return Canvas(buffer, pagesize=pagesize, pageCompression=1,
                  initialFontName=face(Family.SANS).name, initialFontSize=8)
