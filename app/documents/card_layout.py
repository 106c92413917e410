"""Where the card's faces, fold lines and cut marks go on the printed sheet.

Formats (both printed on A4 portrait, so any office printer takes them):

- ``wallet``: a strip of four credit-card-sized panels (85 x 54 mm) stacked vertically, folded
  like an accordion to 85 x 54 mm, which fits a wallet's card slot; a long contact list makes
  it five panels (270 mm, the most A4 holds), then adds a second card.
- ``a6``: one A6 card (148 x 105 mm, landscape), its two columns a face each.

Duplex (two pages, the printer flips on the long edge): the back page is the front page
mirrored left to right, so the back of front face *i* lands exactly behind it
(``x_back = page_width - x_front - width``, same ``y``).
One-sided fallback (one page): the back faces are printed next to (wallet: right of, fold on
the long middle line) or below (a6: fold on the horizontal middle line) the front faces; fold
the sheet along the marked line with the print outside and then fold the card as usual.

A card whose contacts do not fit at readable sizes continues on further cards of the same
format (``cards``), each on its own page(s); face indices run on across the cards
(card ``c``'s face ``i`` is index ``c * panels + i``).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

MARK_GAP = 2 * mm
MARK_LENGTH = 5 * mm


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    def mirrored(self, page_width: float) -> Rect:
        """Where this rectangle is on the back of a sheet flipped on its long (left) edge."""
        return Rect(page_width - self.x - self.w, self.y, self.w, self.h)


@dataclass(frozen=True)
class CardFormat:
    name: str
    page: tuple[float, float]
    face: tuple[float, float]
    faces_per_side: int
    stacked: bool  # faces on top of each other (wallet) or side by side (a6)
    text_scale: float
    description: str


FORMATS: dict[str, CardFormat] = {
    "wallet": CardFormat("wallet", A4, (85 * mm, 54 * mm), 4, True, 1.0,
                         "A4, a strip of 4 panels of 85 x 54 mm folded like an accordion"),
    "a6": CardFormat("a6", A4, (74 * mm, 105 * mm), 2, False, 1.0,
                     "A4, one A6 card (148 x 105 mm) with two columns per side"),
}


@dataclass(frozen=True)
class Mark:
    kind: str  # "cut" or "fold"
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class SheetPage:
    """One printed page: the faces on it (``front`` or ``back`` with their index) and marks."""

    faces: tuple[tuple[str, int, Rect], ...]
    marks: tuple[Mark, ...]
    outline: Rect


@dataclass(frozen=True)
class Sheet:
    format: CardFormat
    one_sided: bool
    pages: tuple[SheetPage, ...]
    panels: int = 0  # faces per side of one card
    cards: int = 1

    @property
    def page_size(self) -> tuple[float, float]:
        return self.format.page

    def face(self, side: str, index: int) -> Rect:
        for page in self.pages:
            for s, i, rect in page.faces:
                if s == side and i == index:
                    return rect
        raise KeyError((side, index))


MAX_PANELS = {"wallet": 5, "a6": 2}


def _front_rects(fmt: CardFormat, origin_x: float, top: float, n: int) -> list[Rect]:
    w, h = fmt.face
    if fmt.stacked:
        return [Rect(origin_x, top - (i + 1) * h, w, h) for i in range(n)]
    return [Rect(origin_x + i * w, top - h, w, h) for i in range(n)]


def _card_size(fmt: CardFormat, n: int) -> tuple[float, float]:
    w, h = fmt.face
    return (w, h * n) if fmt.stacked else (w * n, h)


def _cut_marks(outline: Rect) -> list[Mark]:
    marks = []
    for x, dx in ((outline.x, -1), (outline.right, 1)):
        for y, dy in ((outline.y, -1), (outline.top, 1)):
            marks.append(Mark("cut", x + dx * MARK_GAP, y, x + dx * (MARK_GAP + MARK_LENGTH), y))
            marks.append(Mark("cut", x, y + dy * MARK_GAP, x, y + dy * (MARK_GAP + MARK_LENGTH)))
    return marks


def _fold_marks(outline: Rect, rects: list[Rect], stacked: bool) -> list[Mark]:
    """Dashed fold lines across the card between panels (wallet only: the a6 card does not
    fold between its columns)."""
    if not stacked:
        return []
    return [Mark("fold", outline.x, r.y, outline.right, r.y) for r in rects[:-1]]


def sheet(format_name: str, one_sided: bool = False, panels: int | None = None,
          cards: int = 1) -> Sheet:
    """The geometry of a card in ``format_name`` printed duplex or one-sided, with ``panels``
    faces per side (the format's own number by default) and ``cards`` cards."""
    fmt = FORMATS[format_name]
    n = panels or fmt.faces_per_side
    if not 1 <= n <= MAX_PANELS[format_name]:
        raise ValueError(f"a {format_name} card has 1 to {MAX_PANELS[format_name]} panels")
    pages: list[SheetPage] = []
    # two A6 cards share a duplex sheet, one above the other
    per_sheet = 2 if (format_name == "a6" and not one_sided) else 1
    for card in range(cards):
        slot = card % per_sheet
        for number, page in enumerate(_card_pages(fmt, one_sided, n, slot)):
            faces = tuple((side, card * n + i, rect) for side, i, rect in page.faces)
            if slot:
                at = len(pages) - (2 - number)
                old = pages[at]
                pages[at] = SheetPage(old.faces + faces, old.marks + page.marks, old.outline)
            else:
                pages.append(SheetPage(faces, page.marks, page.outline))
    return Sheet(fmt, one_sided, tuple(pages), n, cards)


A6_SECOND_CARD = 105 * mm + 22 * mm  # how far below the first A6 card the second one sits


def _card_pages(fmt: CardFormat, one_sided: bool, n: int,
                slot: int = 0) -> tuple[SheetPage, ...]:
    page_w, page_h = fmt.page
    card_w, card_h = _card_size(fmt, n)
    if not one_sided:
        x0 = (page_w - card_w) / 2
        top = (page_h - (page_h - card_h) / 2 if fmt.stacked
               else page_h - 25 * mm - slot * A6_SECOND_CARD)
        front = _front_rects(fmt, x0, top, n)
        back = [r.mirrored(page_w) for r in front]
        outline = Rect(x0, top - card_h, card_w, card_h)
        back_outline = outline.mirrored(page_w)
        marks = _cut_marks(outline) + _fold_marks(outline, front, fmt.stacked)
        back_marks = _cut_marks(back_outline) + _fold_marks(back_outline, back, fmt.stacked)
        return (
            SheetPage(tuple(("front", i, r) for i, r in enumerate(front)), tuple(marks), outline),
            SheetPage(tuple(("back", i, r) for i, r in enumerate(back)), tuple(back_marks),
                      back_outline),
        )
    if fmt.stacked:
        # front strip left, back strip right of it; fold on the line between them
        x0 = (page_w - 2 * card_w) / 2
        top = page_h - (page_h - card_h) / 2
        front = _front_rects(fmt, x0, top, n)
        back = _front_rects(fmt, x0 + card_w, top, n)
        outline = Rect(x0, top - card_h, 2 * card_w, card_h)
        middle = Mark("fold", x0 + card_w, outline.y, x0 + card_w, outline.top)
        folds = [Mark("fold", outline.x, r.y, outline.right, r.y) for r in front[:-1]]
    else:
        # front on top, back below it; fold on the horizontal line between them
        x0 = (page_w - card_w) / 2
        top = page_h - (page_h - 2 * card_h) / 2
        front = _front_rects(fmt, x0, top, n)
        back = _front_rects(fmt, x0, top - card_h, n)
        outline = Rect(x0, top - 2 * card_h, card_w, 2 * card_h)
        middle = Mark("fold", outline.x, top - card_h, outline.right, top - card_h)
        folds = []
    faces = tuple([("front", i, r) for i, r in enumerate(front)]
                  + [("back", i, r) for i, r in enumerate(back)])
    return (SheetPage(faces, tuple(_cut_marks(outline) + [middle] + folds), outline),)
