"""The blocks a card face is made of: cover, contact, national numbers, QR code.

A block is composed for a box width and a text scale into pieces placed relative to its top
left corner; the card shrinks the scale until the pieces fit the block's height, so long
translations wrap or shrink and never run out of their panel. Every printed label is Dutch
with the person's language below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bidi import get_base_level
from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.documents import pictograms, qr
from app.documents.catalogue import Texts
from app.documents.model import CardContact, Emergency, Office
from app.documents.pdftext import END, START, draw_line, line_x
from app.documents.shaping import Family, Line, Style, language_family, layout
from app.i18n import is_rtl

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
    return 1.5 if family is Family.NASKH else 1.32 if family is Family.ETHIOPIC else 1.2


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
    payload: str = ""


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
            self.text(own, Style(size * optical_scale(texts.lang), bold, texts.lang), OWN_COLOUR)

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
        small = Style(size * 0.9, False, "nl")
        if own and language_family(texts.lang) is not Family.SANS:
            own_style = Style(size * 0.9 * optical_scale(texts.lang), False, texts.lang)
            left = layout(dutch, small, self.width)
            right = layout(own, own_style, self.width)
            if (len(left) == 1 and len(right) == 1
                    and left[0].width + right[0].width + 2 * mm <= self.width):
                height = max(small.size * leading("nl"), own_style.size * leading(texts.lang))
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
                self.text(own, own_style, RULE_COLOUR)
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


def _details(contact: CardContact | Office) -> tuple[str, str, str, str]:
    if isinstance(contact, Office):
        return contact.name, contact.phone, contact.address, contact.opening_hours
    who = " · ".join(p for p in (contact.name, contact.organisation) if p.strip())
    return who, contact.phone, contact.address, contact.hours


def contact(texts: Texts, item: CardContact, width: float, scale: float) -> Composition:
    comp = Composition()
    icon = min(9 * mm * scale, width * 0.2)
    comp.pieces.append(Piece("picto", 0, 0, icon, icon, name=pictograms.for_role(item.role).name))
    col = Column(comp, icon + 2 * mm * scale, width)
    col.pair(texts, f"role.{item.role}" if item.role in ROLES else "role.other", 6.8 * scale,
             bold=True)
    if item.purpose_text.strip():
        col.text(item.purpose_text, typed_style(item.purpose_text, 5.6 * scale, texts.lang))
    elif item.purpose_key:
        col.pair(texts, item.purpose_key, 5.6 * scale)
    col.gap(1.2 * scale)
    who, phone, address, hours = _details(item)
    if item.blank or not (who or phone):
        col.fill_in(texts, "card.fill_name", 6 * scale)
        col.fill_in(texts, "card.fill_phone", 6 * scale)
    else:
        col.text(who, Style(6.2 * scale, False, "nl"))
        col.text(phone, Style(9 * scale, True, "nl"))
        col.text(" · ".join(p for p in (address, hours) if p.strip()), Style(5.6 * scale, False,
                                                                            "nl"))
    comp.height = max(comp.height, icon)
    return comp


def own_contact(texts: Texts, width: float, scale: float) -> Composition:
    """The one block left free for a contact the person or volunteer writes in by hand."""
    comp = Composition()
    icon = min(9 * mm * scale, width * 0.2)
    comp.pieces.append(Piece("picto", 0, 0, icon, icon, name=pictograms.for_role("other").name))
    col = Column(comp, icon + 2 * mm * scale, width)
    col.pair(texts, "card.write_own", 6.8 * scale, bold=True)
    col.gap(1.2 * scale)
    col.fill_in(texts, "card.fill_name", 6 * scale)
    col.fill_in(texts, "card.fill_phone", 6 * scale)
    comp.height = max(comp.height, icon)
    return comp


ROLES = {"office", "case_manager", "legal_aid", "gp", "gp_post", "pharmacy", "shelter",
          "municipality", "refugee_council", "social_team", "police_officer", "other"}


def cover(texts: Texts, office: Office | None, person_name: str | None,
          record_number: str | None, blank: bool, width: float, scale: float) -> Composition:
    comp = Composition()
    col = Column(comp, 0, width)
    col.pair(texts, "card.title", 10 * scale, bold=True)
    col.gap(2 * scale)
    if office is not None and (office.name.strip() or office.phone.strip()):
        icon = 9 * mm * scale
        comp.pieces.append(Piece("picto", 0, col.y, icon, icon, name="house"))
        inner = Column(comp, icon + 2 * mm * scale, width, col.y)
        inner.text(office.name, Style(7 * scale, True, "nl"))
        inner.pair(texts, "role.office", 5.6 * scale)
        inner.text(office.phone, Style(9.5 * scale, True, "nl"))
        inner.text(office.address, Style(6 * scale, False, "nl"))
        web = " · ".join(p for p in (office.email, office.website) if p.strip())
        inner.text(web, Style(5.6 * scale, False, "nl"))
        col.y = max(inner.y, col.y + icon) + 1.5 * scale
        if office.opening_hours.strip():
            small = 5 * mm * scale
            comp.pieces.append(Piece("picto", 0, col.y, small, small, name="clock"))
            hours = Column(comp, small + 2 * mm * scale, width, col.y)
            hours.pair(texts, "card.hours", 5.6 * scale, bold=True)
            hours.text(office.opening_hours, Style(6 * scale, False, "nl"))
            col.y = max(hours.y, col.y + small)
    else:
        # no office profile yet (or a blank card): the office's name and number by hand
        icon = 9 * mm * scale
        comp.pieces.append(Piece("picto", 0, col.y, icon, icon, name="house"))
        inner = Column(comp, icon + 2 * mm * scale, width, col.y)
        inner.pair(texts, "role.office", 6.8 * scale, bold=True)
        inner.fill_in(texts, "card.fill_name", 6 * scale)
        inner.fill_in(texts, "card.fill_phone", 6 * scale)
        col.y = max(inner.y, col.y + icon)
    col.gap(2 * scale)
    if blank:
        col.fill_in(texts, "card.name", 6 * scale)
        col.fill_in(texts, "card.number", 6 * scale)
    else:
        for key, value in (("card.name", person_name), ("card.number", record_number)):
            if value and value.strip():
                dutch, own = texts.pair(key)
                label = f"{dutch} / {own}" if own else dutch
                col.text(label, Style(5.4 * scale, False, "nl"), RULE_COLOUR)
                col.text(value, Style(7 * scale, True, "nl"))
    comp.height = col.y
    return comp


def basics(texts: Texts, numbers: list[Emergency], width: float, scale: float) -> Composition:
    comp = Composition()
    col = Column(comp, 0, width)
    col.pair(texts, "basics.title", 7 * scale, bold=True)
    col.gap(1.5 * scale)
    icon = 7.5 * mm * scale
    for number in numbers:
        top = col.y
        comp.pieces.append(Piece("picto", 0, top, icon, icon,
                                 name=pictograms.ROLE_PICTOGRAM.get(number.role, "phone")))
        inner = Column(comp, icon + 2 * mm * scale, width, top)
        inner.text(number.number, Style(9 * scale, True, "nl"))
        inner.pair(texts, number.key, 5.4 * scale)
        col.y = max(inner.y, top + icon) + 1.5 * scale
    comp.height = col.y
    return comp


def qr_block(texts: Texts, payload: str, width: float, height: float,
             scale: float) -> Composition:
    comp = Composition()
    col = Column(comp, 0, width)
    col.pair(texts, "card.scan", 6 * scale, bold=True)
    col.gap(1 * mm)
    side = max(min(width, height - col.y), 0)
    comp.pieces.append(Piece("qr", (width - side) / 2, col.y, side, side, payload=payload))
    comp.height = col.y + side
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
        elif piece.kind == "qr" and piece.w > 0:
            qr.draw(canvas, piece.payload, left + piece.x, y_top - piece.h, piece.w)

