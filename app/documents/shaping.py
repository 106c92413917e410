"""The one shaping layer every printed text goes through: bidi, font per run, HarfBuzz, lines.

``layout(text, style, width)`` returns the text as lines of shaped glyph runs:

1. numbers, dates and codes are wrapped in a left-to-right isolate, then the bidi algorithm
   resolves a level per character (:mod:`app.documents.bidi_levels`);
2. every character gets a font by coverage (:mod:`app.documents.fonts`): its script's font, or
   for digits, spaces and punctuation the font of the neighbouring letters, or the next font
   that has the character;
3. runs of one level and one font are shaped by HarfBuzz (Arabic joining, marks, ligatures,
   mirrored brackets in right-to-left runs) and measured;
4. lines are broken at spaces in logical order, and each line is reordered on its own (L1, L2),
   so a right-to-left paragraph keeps its first line at the top.

Results are cached: the same label at the same size and width is shaped once per process.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb

from app.documents.bidi_levels import (
    BIDI_CONTROLS,
    FSI,
    LRI,
    PDI,
    RLI,
    levels,
    line_levels,
    protect,
    visual_order,
)
from app.documents.fonts import Face, Family, covering_face, face, script_family
from app.i18n import is_rtl

_FEATURES = {"kern": True, "liga": True}
_LANGUAGE_FAMILY = {"ar": Family.NASKH, "fa": Family.NASKH, "ckb": Family.NASKH,
                    "ps": Family.NASKH, "ur": Family.NASKH, "prs": Family.NASKH,
                    "ti": Family.ETHIOPIC, "am": Family.ETHIOPIC}


def language_family(lang: str) -> Family:
    """The family a language's own text is set in."""
    return _LANGUAGE_FAMILY.get(lang.split("_")[0], Family.SANS)


@dataclass(frozen=True)
class Style:
    """How a text is set: size in points, weight, language (HarfBuzz language, base direction)."""

    size: float = 8.0
    bold: bool = False
    lang: str = "nl"

    @property
    def rtl(self) -> bool:
        return is_rtl(self.lang)

    def sized(self, size: float) -> Style:
        return Style(size, self.bold, self.lang)


@dataclass(frozen=True)
class GlyphRun:
    """Glyphs of one font in drawing order (left to right); positions in 1/1000 em."""

    face: Face
    codes: str
    advances: tuple[float, ...]
    x_offsets: tuple[float, ...]
    y_offsets: tuple[float, ...]
    text: str

    @property
    def width_em(self) -> float:
        return sum(self.advances)


@dataclass(frozen=True)
class Line:
    """One printed line: its runs left to right, its size and direction."""

    runs: tuple[GlyphRun, ...]
    size: float
    rtl: bool
    text: str

    @property
    def width(self) -> float:
        return sum(run.width_em for run in self.runs) * self.size / 1000


@dataclass(frozen=True)
class Item:
    """A printable character of a paragraph with its level and face."""

    char: str
    level: int
    face: Face
    breakable: bool = False


@lru_cache(maxsize=8192)
def _shape(font_face: Face, text: str, rtl: bool, lang: str) -> tuple[tuple[int, int, int, int, int], ...]:
    buf = hb.Buffer()
    buf.add_codepoints([ord(c) for c in text])
    buf.direction = "rtl" if rtl else "ltr"
    buf.language = lang.split("_")[0]
    buf.guess_segment_properties()
    buf.flags = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES
    hb.shape(font_face.hb_font, buf, _FEATURES)
    return tuple((info.codepoint, info.cluster, pos.x_advance, pos.x_offset, pos.y_offset)
                 for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True))


def shape_run(font_face: Face, text: str, rtl: bool, lang: str) -> GlyphRun:
    """Shape one run of a single level and font; glyphs come back left to right."""
    glyphs = _shape(font_face, text, rtl, lang)
    starts = sorted({g[1] for g in glyphs})
    cluster_end = {start: (starts[i + 1] if i + 1 < len(starts) else len(text))
                   for i, start in enumerate(starts)}
    scale = 1000 / font_face.upem
    seen: set[int] = set()
    codes, advances, x_offsets, y_offsets = [], [], [], []
    for gid, cluster, x_advance, x_offset, y_offset in glyphs:
        cluster_text = "" if cluster in seen else text[cluster:cluster_end[cluster]]
        seen.add(cluster)
        advance = x_advance * scale
        codes.append(font_face.rl.code_for(gid, cluster_text,
                                           font_face.hb_font.get_glyph_h_advance(gid) * scale))
        advances.append(advance)
        x_offsets.append(x_offset * scale)
        y_offsets.append(y_offset * scale)
    return GlyphRun(font_face, "".join(codes), tuple(advances), tuple(x_offsets),
                    tuple(y_offsets), text)


def _faces(chars: str, lvls: tuple[int, ...], style: Style) -> list[Face]:
    """A face for every character: its script's, else its neighbours', by coverage."""
    families: list[Family | None] = [script_family(c) for c in chars]
    n = len(chars)
    resolved: list[Family] = []
    for i, family in enumerate(families):
        if family is None:
            if unicodedata.category(chars[i]).startswith("M") and resolved:
                family = resolved[-1]
            else:
                family = _neighbour_family(families, lvls, i, n)
        resolved.append(family)
    result = []
    for char, family in zip(chars, resolved, strict=True):
        chosen = covering_face(char, family, style.bold)
        result.append(chosen if chosen is not None else face(Family.SANS, style.bold))
    return result


def _neighbour_family(families: list[Family | None], lvls: tuple[int, ...], i: int,
                      n: int) -> Family:
    level = lvls[i]
    for j in range(i - 1, -1, -1):
        if lvls[j] != level:
            break
        if families[j] is not None:
            return families[j]  # type: ignore[return-value]
    for j in range(i + 1, n):
        if lvls[j] != level:
            break
        if families[j] is not None:
            return families[j]  # type: ignore[return-value]
    return Family.SANS


@lru_cache(maxsize=4096)
def _items(paragraph: str, style: Style) -> tuple[Item, ...]:
    protected = protect(paragraph)
    lvls = levels(protected, style.rtl)
    kept: list[tuple[str, int, bool]] = []
    depth = 0
    for char, level in zip(protected, lvls, strict=True):
        if char in (LRI, RLI, FSI):
            depth += 1
        elif char == PDI:
            depth = max(0, depth - 1)
        if char not in BIDI_CONTROLS:
            kept.append((char, level, char == " " and depth == 0))
    chars = "".join(c for c, _, _ in kept)
    faces = _faces(chars, tuple(lv for _, lv, _ in kept), style)
    return tuple(Item(c, lv, f, b) for (c, lv, b), f in zip(kept, faces, strict=True))


def _runs(items: tuple[Item, ...] | list[Item],
          lvls: list[int]) -> list[tuple[int, int]]:
    """Logical runs [start, end) of one level and one face."""
    runs = []
    start = 0
    for i in range(1, len(items) + 1):
        if (i == len(items) or lvls[i] != lvls[start]
                or items[i].face is not items[start].face):
            runs.append((start, i))
            start = i
    return runs


def _advances(items: tuple[Item, ...], style: Style) -> list[float]:
    """Advance of each character in points at ``style.size`` (a cluster's on its first char)."""
    lvls = [it.level for it in items]
    widths = [0.0] * len(items)
    for start, end in _runs(items, lvls):
        text = "".join(it.char for it in items[start:end])
        font_face = items[start].face
        scale = 1000 / font_face.upem
        for _gid, cluster, x_advance, _xo, _yo in _shape(font_face, text, lvls[start] % 2 == 1,
                                                         style.lang):
            widths[start + cluster] += x_advance * scale * style.size / 1000
    return widths


def _break_points(items: tuple[Item, ...], widths: list[float], width: float) -> list[tuple[int, int]]:
    """Greedy line breaking at spaces (logical order); too long words break between letters."""
    lines: list[tuple[int, int]] = []
    n = len(items)
    start = 0
    while start < n:
        while start < n and items[start].breakable:
            start += 1
        if start >= n:
            break
        used = 0.0
        last_space = -1
        i = start
        while i < n:
            if items[i].breakable:
                last_space = i
            elif used + widths[i] > width + 0.01 and i > start:
                break
            used += widths[i]
            i += 1
        if i >= n:
            lines.append((start, n))
            break
        if last_space > start:
            lines.append((start, last_space))
            start = last_space + 1
        else:
            # No space: break the word where it no longer fits (keep clusters whole).
            cut = i
            while cut > start + 1 and widths[cut] == 0:
                cut -= 1
            lines.append((start, cut))
            start = cut
    return lines


def _line(items: tuple[Item, ...], start: int, end: int, style: Style) -> Line:
    part = items[start:end]
    while part and part[-1].breakable:
        part = part[:-1]
    text = "".join(it.char for it in part)
    lvls = line_levels(text, [it.level for it in part], style.rtl)
    runs = _runs(part, lvls)
    run_levels = [lvls[s] for s, _ in runs]
    shaped = []
    for index in visual_order(run_levels):
        s, e = runs[index]
        shaped.append(shape_run(part[s].face, text[s:e], run_levels[index] % 2 == 1, style.lang))
    return Line(tuple(shaped), style.size, style.rtl, text)


def broke_words(text: str, style: Style, width: float) -> bool:
    """True if ``text`` at ``style`` only fits ``width`` by breaking inside a word."""
    for paragraph in text.split("\n"):
        items = _items(paragraph, style)
        widths = _advances(items, style)
        word = 0.0
        for it, w in zip(items, widths, strict=True):
            word = 0.0 if it.breakable else word + w
            if word > width + 0.01:
                return True
    return False


@lru_cache(maxsize=8192)
def layout(text: str, style: Style, width: float) -> tuple[Line, ...]:
    """``text`` set in ``style`` as lines no wider than ``width`` points (newlines kept)."""
    lines: list[Line] = []
    for paragraph in text.split("\n"):
        items = _items(paragraph, style)
        if not items:
            lines.append(Line((), style.size, style.rtl, ""))
            continue
        widths = _advances(items, style)
        for start, end in _break_points(items, widths, width):
            lines.append(_line(items, start, end, style))
    return tuple(lines)


def fit(text: str, style: Style, width: float, max_lines: int,
        min_size: float) -> tuple[Line, ...]:
    """The largest size from ``style.size`` down to ``min_size`` (half-point steps) at which
    ``text`` fits ``width`` in at most ``max_lines`` lines without breaking words; at
    ``min_size`` it is wrapped (words broken if need be) in as many lines as it takes."""
    size = style.size
    while size > min_size:
        candidate = style.sized(size)
        lines = layout(text, candidate, width)
        if len(lines) <= max_lines and not broke_words(text, candidate, width):
            return lines
        size = round(size - 0.5, 2)
    return layout(text, style.sized(min_size), width)


def uncovered(text: str, style: Style) -> list[str]:
    """Characters of ``text`` that the font chosen for them lacks, or that HarfBuzz shapes to
    the missing glyph (.notdef): what would print as an empty box."""
    missing: list[str] = []
    for paragraph in text.split("\n"):
        items = _items(paragraph, style)
        for item in items:
            if not item.face.covers(item.char) and item.char not in missing:
                missing.append(item.char)
        lvls = [it.level for it in items]
        for start, end in _runs(items, lvls):
            run = "".join(it.char for it in items[start:end])
            for gid, cluster, *_ in _shape(items[start].face, run, lvls[start] % 2 == 1,
                                           style.lang):
                if gid == 0 and run[cluster] not in missing:
                    missing.append(run[cluster])
    return missing


def faces_used(text: str, style: Style) -> dict[str, str]:
    """Which font each character of ``text`` is set in (character -> font name)."""
    return {item.char: item.face.name for paragraph in text.split("\n")
            for item in _items(paragraph, style)}
