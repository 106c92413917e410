"""The blocks a card face is made of: cover, contact, national numbers, QR code.

A block is composed for a box width and a text scale into pieces placed relative to its top
left corner. Sizes never go below what a tired reader reads (:func:`readable`): 7 pt for
Latin and Cyrillic, 8 pt for Arabic-script and Ethiopic text, 9 pt for phone numbers; a card
whose blocks do not fit gets more panels instead (:mod:`app.documents.card`). Every printed
label is Dutch with the person's language below it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from bidi import get_base_level
from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.documents import pictograms, qr
from app.documents.bidi_levels import FSI, PDI
from app.documents.catalogue import Texts
from app.documents.fonts import script_family
from app.documents.model import CardContact, Emergency, Office
from app.documents.pdftext import END, START, draw_line, line_x
from app.documents.shaping import Family, Line, Style, language_family, layout
from app.i18n import is_rtl
from app.opening_hours import Slot, describe

LATIN_MIN = 7.0  # points: the smallest Latin or Cyrillic text on a card
SCRIPT_MIN = 8.0  # Arabic-script and Ethiopic text
NUMBER_MIN = 9.0  # phone numbers
PHONE = 10.0

OWN_COLOUR = HexColor("#1d3557")
DUTCH_COLOUR = black
RULE_COLOUR = HexColor("#777777")


def optical_scale(lang: str) -> float:
    """Naskh and Ethiopic look smaller than Latin at the same point size; the person's own
    language is set a little larger so it reads as easily as the Dutch beside it."""
    family = language_family(lang)
    return 1.2 if family is Family.NASKH else 1.1 if family is Family.ETHIOPIC else 1.0


def leading(lang: str) -> float:
    """Line height as a multiple of the size: Naskh's tall letters and deep descenders need
    more room than Latin."""
    family = language_family(lang)
    return 1.4 if family is Family.NASKH else 1.32 if family is Family.ETHIOPIC else 1.2


def readable(style: Style, text: str = "") -> Style:
    """``style`` at least at the smallest size its script reads at: Arabic-script or Ethiopic
    letters (the style's language or any letter of ``text``) 8 pt, otherwise 7 pt."""
    if style.size >= SCRIPT_MIN:  # at or above both floors: no letter need be looked at
        return style
    scripts = language_family(style.lang) is not Family.SANS or any(
        script_family(c) not in (None, Family.SANS) for c in text)
    floor = SCRIPT_MIN if scripts else LATIN_MIN
    return style if style.size >= floor else style.sized(floor)


def own_style(size: float, bold: bool, lang: str) -> Style:
    """The person's language at ``size`` corrected for its script (and never below its
    floor)."""
    return readable(Style(size * optical_scale(lang), bold, lang))


@dataclass
class Piece:
    kind: str  # "lines", "picto", "rule", "qr"
    x: float
    y: float  # distance of the piece's top below the block's top
    w: float = 0
    h: float = 0
    lines: tuple[Line, ...] = ()
    leading: float = 1.2
    align: str = START
    colour: Color = DUTCH_COLOUR
    name: str = ""
    code: qr.Code | None = None


@dataclass
class Composition:
    pieces: list[Piece] = field(default_factory=list)
    height: float = 0.0


class Column:
    """Stacks text and rules in a column from ``left`` to ``right``, top down."""

    def __init__(self, comp: Composition, left: float, right: float, top: float = 0) -> None:
        self.comp, self.left, self.right, self.y = comp, left, right, top

    @property
    def width(self) -> float:
        return self.right - self.left

    def text(self, text: str, style: Style, colour: Color = DUTCH_COLOUR,
             align: str = START) -> None:
        if not text.strip():
            return
        style = readable(style, text)
        lines = layout(text.strip(), style, self.width)
        height = len(lines) * style.size * leading(style.lang)
        self.comp.pieces.append(Piece("lines", self.left, self.y, self.width, height, lines,
                                      leading(style.lang), align, colour))
        self.y += height
        self.comp.height = max(self.comp.height, self.y)

    def pair(self, texts: Texts, key: str, size: float, bold: bool = False) -> None:
        """Dutch, then the person's language below it (right-aligned when right to left)."""
        dutch, own = texts.pair(key)
        self.text(dutch, Style(size, bold, "nl"))
        if own:
            self.text(own, own_style(size, bold, texts.lang), OWN_COLOUR)

    def beside(self, first: str, first_style: Style, second: str,
               second_style: Style) -> None:
        """``first`` (a phone number) with ``second`` (who answers it) after it on the same
        baseline where both fit on one line; otherwise ``second`` on the line above."""
        second_style = readable(second_style, second)
        head = layout(first.strip(), first_style, self.width) if first.strip() else ()
        gap = 2.5 * mm
        if len(head) == 1 and second.strip():
            room = self.width - head[0].width - gap
            tail = layout(second.strip(), second_style, room) if room > 15 * mm else ()
            if len(tail) == 1:
                line_h = first_style.size * leading(first_style.lang)
                tail_h = second_style.size * leading(second_style.lang)
                top = self.y
                self.comp.pieces.append(Piece("lines", self.left, top, self.width, line_h,
                                              head, leading(first_style.lang)))
                self.comp.pieces.append(Piece(
                    "lines", self.left + head[0].width + gap,
                    top + (line_h - tail_h) * 0.75, room, tail_h, tail,
                    leading(second_style.lang)))
                self.y = top + max(line_h, (line_h - tail_h) * 0.75 + tail_h)
                self.comp.height = max(self.comp.height, self.y)
                return
        self.text(second, second_style)
        self.text(first, first_style)

    def pair_inline(self, texts: Texts, key: str, size: float, bold: bool = False,
                    colour: Color | None = None) -> None:
        """Dutch and the person's language on one line where both fit ("Huisarts / GP";
        an Arabic-script or Ethiopic text at the other end at its own size), else
        :meth:`pair`."""
        dutch, own = texts.pair(key)
        if not own:
            self.text(dutch, Style(size, bold, "nl"), colour or DUTCH_COLOUR)
            return
        if language_family(texts.lang) is Family.SANS:
            joined = f"{dutch} / {own}"
            style = readable(Style(size, bold, texts.lang))
            if len(layout(joined, style, self.width)) == 1:
                self.text(joined, style, colour or DUTCH_COLOUR)
                return
            self._pair(texts, key, size, bold, colour)
            return
        nl_style = readable(Style(size, bold, "nl"))
        own_set = own_style(size, bold, texts.lang)
        left = layout(dutch, nl_style, self.width)
        right = layout(own, own_set, self.width)
        if not (len(left) == 1 and len(right) == 1
                and left[0].width + right[0].width + 3 * mm <= self.width):
            self._pair(texts, key, size, bold, colour)
            return
        height = max(nl_style.size * leading("nl"), own_set.size * leading(texts.lang))
        rtl = is_rtl(texts.lang)
        self.comp.pieces.append(Piece("lines", self.left, self.y + height
                                      - nl_style.size * leading("nl"), self.width,
                                      nl_style.size * leading("nl"), left, leading("nl"),
                                      START, colour or DUTCH_COLOUR))
        self.comp.pieces.append(Piece("lines", self.left, self.y, self.width, height, right,
                                      leading(texts.lang), START if rtl else END,
                                      colour or OWN_COLOUR))
        self.y += height
        self.comp.height = max(self.comp.height, self.y)

    def fill_row(self, texts: Texts, keys: tuple[tuple[str, float], ...], size: float) -> None:
        """Lines to write on side by side (``keys``: label and share of the width), each
        with its label under it in Dutch and the person's language: room for handwriting
        without a tall block."""
        self.y += size * 2.2  # room to write: about 5 mm
        top = self.y
        left = self.left
        bottom = top
        for index, (key, share) in enumerate(keys):
            right = (self.right if index == len(keys) - 1
                     else left + self.width * share - 2 * mm)
            self.comp.pieces.append(Piece("rule", left, top, right - left))
            label = Column(self.comp, left, right, top + 0.8)
            label.pair_inline(texts, key, size, colour=RULE_COLOUR)
            bottom = max(bottom, label.y)
            left = right + 2 * mm
        self.y = bottom
        self.comp.height = max(self.comp.height, self.y)

    def _pair(self, texts: Texts, key: str, size: float, bold: bool,
              colour: Color | None) -> None:
        if colour is None:
            self.pair(texts, key, size, bold)
            return
        dutch, own = texts.pair(key)
        self.text(dutch, Style(size, bold, "nl"), colour)
        if own:
            self.text(own, own_style(size, bold, texts.lang), colour)

    def gap(self, amount: float) -> None:
        self.y += amount
        self.comp.height = max(self.comp.height, self.y)

    def fill_in(self, texts: Texts, key: str, size: float) -> None:
        """A label (Dutch and the own language) and a line to write on by hand.

        Latin and Cyrillic labels share one line ("Telefoon / Phone"); an Arabic-script or
        Ethiopic label goes at the other end of the line at its own, larger size (set inside
        a Dutch line it would be too small to read), or under the Dutch when both do not fit.
        """
        dutch, own = texts.pair(key)
        small = readable(Style(size * 0.9, False, "nl"))
        if own and language_family(texts.lang) is not Family.SANS:
            own_set = own_style(size * 0.9, False, texts.lang)
            left = layout(dutch, small, self.width)
            right = layout(own, own_set, self.width)
            if (len(left) == 1 and len(right) == 1
                    and left[0].width + right[0].width + 2 * mm <= self.width):
                height = max(small.size * leading("nl"), own_set.size * leading(texts.lang))
                self.comp.pieces.append(Piece("lines", self.left, self.y + height
                                              - small.size * leading("nl"), self.width,
                                              small.size * leading("nl"), left, leading("nl"),
                                              START, RULE_COLOUR))
                self.comp.pieces.append(Piece("lines", self.left, self.y, self.width, height,
                                              right, leading(texts.lang),
                                              START if is_rtl(texts.lang) else END,
                                              RULE_COLOUR))
                self.y += height
            else:
                self.text(dutch, small, RULE_COLOUR)
                self.text(own, own_set, RULE_COLOUR)
        else:
            self.text(f"{dutch} / {own}" if own else dutch, small, RULE_COLOUR)
        self.y += size * 1.5
        self.comp.pieces.append(Piece("rule", self.left, self.y, self.width))
        self.gap(size * 0.5)


def typed_style(text: str, size: float, lang: str) -> Style:
    """A style for what a volunteer typed: its direction follows its first strong letter
    (Dutch typed on an Arabic card stays left-aligned, Arabic on a Dutch card goes right)."""
    try:
        rtl = get_base_level(text) == 1
    except (ValueError, TypeError):
        rtl = False
    if rtl:
        return Style(size, False, lang if is_rtl(lang) else "ar")
    return Style(size, False, "nl" if is_rtl(lang) else lang)


def isolated(text: str) -> str:
    """``text`` as one unit in a line of the other direction (first strong letter decides):
    "السبت 10-14" keeps its time range beside its day in a Dutch line and the other way."""
    return f"{FSI}{text}{PDI}" if text.strip() else ""


def mixed_line(parts: list[str]) -> str:
    """Parts of a detail line ("address · hours") joined with a middle dot; a part holding
    letters of a right-to-left script is isolated, so it is read as a whole in its own
    direction (its day beside its times) wherever it falls in the line."""
    kept = [p.strip() for p in parts if p.strip()]
    return " · ".join(isolated(p) if _has_rtl(p) else p for p in kept)


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def line_style(text: str, size: float, lang: str, bold: bool = False) -> Style:
    """The style of a detail line: right to left when it starts with a right-to-left part
    and the card's language is written so, otherwise left to right."""
    first = next((c for c in text if unicodedata.bidirectional(c) in ("L", "R", "AL")), "")
    if first and unicodedata.bidirectional(first) in ("R", "AL"):
        return Style(size, bold, lang if is_rtl(lang) else "ar")
    return Style(size, bold, "nl")


def hours_lines(texts: Texts, opening: list[Slot] | None, typed: str) -> tuple[str, str]:
    """The hours as printed: (Dutch, the person's language). From the data when there is
    data (day names of each language, one isolate per group of days); otherwise the typed
    text, once."""
    if opening:
        dutch = mixed_line(describe(opening, "nl"))
        if texts.lang == "nl":
            return dutch, ""
        own = " · ".join(isolated(g) for g in describe(opening, texts.lang))
        return dutch, own
    return mixed_line([typed]), ""


def _own_hours(col: Column, texts: Texts, own: str, size: float) -> None:
    if own:
        col.text(own, own_style(size, False, texts.lang), OWN_COLOUR)


def contact(texts: Texts, item: CardContact, width: float, scale: float) -> Composition:
    comp = Composition()
    icon = min(8 * mm * scale, width * 0.18)
    comp.pieces.append(Piece("picto", 0, 0, icon, icon, name=pictograms.for_role(item.role).name))
    col = Column(comp, icon + 2 * mm * scale, width)
    col.pair_inline(texts, f"role.{item.role}" if item.role in ROLES else "role.other",
                    8 * scale, bold=True)
    if item.purpose_text.strip():
        col.text(item.purpose_text, typed_style(item.purpose_text, 7 * scale, texts.lang))
    elif item.purpose_key:
        col.pair(texts, item.purpose_key, 7 * scale)
    col.gap(0.8 * scale)
    who = " · ".join(p for p in (item.name, item.organisation) if p.strip())
    if item.blank or not (who or item.phone):
        col.fill_row(texts, FILL, 7 * scale)
    else:
        col.beside(item.phone, Style(PHONE * scale, True, "nl"), mixed_line([who]),
                   line_style(who, 7.5 * scale, texts.lang))
        dutch_hours, own_hours = hours_lines(texts, item.opening, item.hours)
        details = mixed_line([item.address, dutch_hours])
        col.text(details, line_style(details, 7 * scale, texts.lang))
        _own_hours(col, texts, own_hours, 7 * scale)
    comp.height = max(comp.height, icon)
    return comp


def own_contact(texts: Texts, width: float, scale: float) -> Composition:
    """The one block left free for a contact the person or volunteer writes in by hand."""
    comp = Composition()
    icon = min(8 * mm * scale, width * 0.18)
    comp.pieces.append(Piece("picto", 0, 0, icon, icon, name=pictograms.for_role("other").name))
    col = Column(comp, icon + 2 * mm * scale, width)
    col.pair_inline(texts, "card.write_own", 8 * scale, bold=True)
    col.fill_row(texts, FILL, 7 * scale)
    comp.height = max(comp.height, icon)
    return comp


def more_note(texts: Texts, key: str, width: float, scale: float) -> Composition:
    """"More contacts on the next card" (or "continued"), with an arrow pictogram."""
    comp = Composition()
    icon = 6 * mm * scale
    comp.pieces.append(Piece("picto", 0, 0, icon, icon, name="info"))
    col = Column(comp, icon + 2 * mm * scale, width)
    col.pair(texts, key, 8 * scale, bold=True)
    comp.height = max(col.y, icon)
    return comp


FILL = (("card.name", 0.62), ("card.fill_phone", 0.38))  # one line: name (or organisation), phone
ROLES = {"office", "case_manager", "legal_aid", "gp", "gp_post", "pharmacy", "shelter",
         "municipality", "refugee_council", "social_team", "police_officer",
         "civic_integration", "domestic_violence", "other"}


def cover(texts: Texts, office: Office | None, person_name: str | None,
          record_number: str | None, blank: bool, width: float, scale: float,
          name_original: str | None = None) -> Composition:
    """The title, the office (or lines to write it on) and, when asked for, the person's
    name (in Latin letters and in their own script) and record number. The office's opening
    hours are a block of their own (:func:`office_hours`), on this face when there is room."""
    comp = Composition()
    col = Column(comp, 0, width)
    col.pair_inline(texts, "card.title", 10 * scale, bold=True)
    col.gap(1.5 * scale)
    icon = 8 * mm * scale
    comp.pieces.append(Piece("picto", 0, col.y, icon, icon, name="house"))
    inner = Column(comp, icon + 2 * mm * scale, width, col.y)
    if office is not None and (office.name.strip() or office.phone.strip()):
        inner.text(office.name, Style(8.5 * scale, True, "nl"))
        inner.text(office.phone, Style(11 * scale, True, "nl"))
        inner.text(office.address, Style(7 * scale, False, "nl"))
        web = " · ".join(p for p in (office.email, office.website) if p.strip())
        inner.text(web, Style(7 * scale, False, "nl"))
    else:
        # no office profile yet (or a blank card): the office's name and number by hand
        inner.pair_inline(texts, "role.office", 8 * scale, bold=True)
        inner.fill_row(texts, FILL, 7 * scale)
    col.y = max(inner.y, col.y + icon)
    col.gap(1.5 * scale)
    if blank:
        col.fill_row(texts, (("card.name", 0.62), ("card.number", 0.38)), 7 * scale)
    else:
        original = (name_original or "").strip()
        name = (person_name or "").strip()
        if original and original != name:
            name = mixed_line([name, original]) if name else original
        for key, value in (("card.name", name), ("card.number", record_number)):
            if value and value.strip():
                dutch, own = texts.pair(key)
                label = f"{dutch} / {own}" if own else dutch
                col.text(label, Style(7 * scale, False, "nl"), RULE_COLOUR)
                col.text(value, line_style(value, 8.5 * scale, "nl", bold=True))
    comp.height = col.y
    return comp


def office_hours(texts: Texts, office: Office | None, width: float,
                 scale: float) -> Composition | None:
    """The office's opening hours in Dutch and the person's language; None when unknown."""
    if office is None:
        return None
    dutch_hours, own_hours = hours_lines(texts, office.opening, office.opening_hours)
    if not dutch_hours:
        return None
    comp = Composition()
    small = 5.5 * mm * scale
    comp.pieces.append(Piece("picto", 0, 0, small, small, name="clock"))
    hours = Column(comp, small + 2 * mm * scale, width)
    hours.pair_inline(texts, "card.hours", 7.5 * scale, bold=True)
    hours.text(dutch_hours, line_style(dutch_hours, 7.5 * scale, texts.lang))
    _own_hours(hours, texts, own_hours, 7.5 * scale)
    comp.height = max(hours.y, small)
    return comp


def basics(texts: Texts, numbers: list[Emergency], width: float, scale: float) -> Composition:
    comp = Composition()
    col = Column(comp, 0, width)
    col.pair_inline(texts, "basics.title", 8 * scale, bold=True)
    col.gap(0.8 * scale)
    icon = 6.5 * mm * scale
    for number in numbers:
        top = col.y
        comp.pieces.append(Piece("picto", 0, top, icon, icon,
                                 name=pictograms.ROLE_PICTOGRAM.get(number.role, "phone")))
        inner = Column(comp, icon + 2 * mm * scale, width, top)
        _number_and_label(inner, texts, number, scale)
        col.y = max(inner.y, top + icon) + 0.9 * scale
    comp.height = col.y
    return comp


def _number_and_label(col: Column, texts: Texts, number: Emergency, scale: float) -> None:
    """The number in large type with the Dutch label beside it where there is room (aligned
    on the number's baseline), the person's language below both."""
    number_style = Style(PHONE * scale, True, "nl")
    lines = layout(number.number, number_style, col.width)
    beside = col.left + (lines[0].width if len(lines) == 1 else col.width) + 2.5 * mm
    if len(lines) != 1 or col.right - beside < 30 * mm:
        col.text(number.number, number_style)
        col.pair(texts, number.key, 7 * scale)
        return
    top = col.y
    col.text(number.number, number_style)
    dutch, own = texts.pair(number.key)
    label = Column(col.comp, beside, col.right, top + (number_style.size * 1.2 - 7 * scale
                                                       * 1.2) * 0.75)
    label.text(dutch, Style(7 * scale, False, "nl"))
    col.y = max(col.y, label.y)
    if own:
        col.text(own, own_style(7 * scale, False, texts.lang), OWN_COLOUR)


def qr_block(texts: Texts, code: qr.Code | None, width: float, scale: float,
             side: float, beside: bool = True) -> Composition:
    """The code (``side`` square) with the invitation to scan it: ``beside`` it at the start
    of the line (right for a right-to-left card), so the code gets the whole height, or above
    it on a narrow face. Without a code: the invitation alone (to measure it)."""
    comp = Composition()
    rtl = is_rtl(texts.lang)
    if beside:
        qr_x = 0 if rtl else width - side
        left, right = (side + 2 * mm, width) if rtl else (0, width - side - 2 * mm)
        col = Column(comp, left, right)
        col.pair(texts, "card.scan", 7.5 * scale, bold=True)
        top = 0.0
    else:
        col = Column(comp, 0, width)
        col.pair(texts, "card.scan", 7.5 * scale, bold=True)
        col.gap(1 * mm)
        qr_x, top = (width - side) / 2, col.y
    if code is not None:
        comp.pieces.append(Piece("qr", qr_x, top, side, side, code=code))
        comp.height = max(col.y, top + side)
    return comp


def draw(canvas: Canvas, comp: Composition, left: float, top: float) -> None:
    """Draw a composition with its top left corner at (left, top)."""
    for piece in comp.pieces:
        y_top = top - piece.y
        if piece.kind == "lines":
            canvas.setFillColor(piece.colour)
            y = y_top
            for line in piece.lines:
                y -= line.size * piece.leading
                baseline = y + line.size * (piece.leading - 1) / 2 + line.size * 0.24
                draw_line(canvas, line,
                          line_x(line, left + piece.x, left + piece.x + piece.w, piece.align),
                          baseline)
        elif piece.kind == "picto":
            pictograms.draw(canvas, pictograms.load(piece.name), left + piece.x,
                            y_top - piece.h, piece.w)
        elif piece.kind == "rule":
            canvas.setStrokeColor(RULE_COLOUR)
            canvas.setLineWidth(0.4)
            canvas.line(left + piece.x, y_top, left + piece.x + piece.w, y_top)
        elif piece.kind == "qr" and piece.code is not None:
            qr.draw(canvas, piece.code, left + piece.x, y_top - piece.h, piece.w)

