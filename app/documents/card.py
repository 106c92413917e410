"""The foldable bilingual contact card: ``render_card(CardData) -> PDF bytes``.

The sheet geometry comes from :mod:`app.documents.card_layout`; each face holds blocks from
:mod:`app.documents.card_blocks`. The faces are planned so that, folded, the cover (office and
name) is on top and the national numbers (112, police, Veilig Thuis, 113) are on the other
outside face, readable without unfolding; the QR code is on the back.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.documents import card_blocks, card_layout, fonts
from app.documents.card_blocks import Composition
from app.documents.catalogue import Texts
from app.documents.fonts import new_canvas
from app.documents.model import CardContact, CardData
from app.documents.qr import Entry, vcard

PADDING = 2.8 * mm
MIN_SCALE = 0.5
BLANK_ROLES = ("case_manager", "legal_aid", "gp", "gp_post", "pharmacy", "shelter")
MARK_COLOUR = HexColor("#555555")

# What each face holds: "cover", "contact", "basics", "qr" (in order, top to bottom).
FACE_PLANS: dict[str, dict[tuple[str, int], list[str]]] = {
    "wallet": {
        ("front", 0): ["cover"], ("front", 1): ["contact", "contact"],
        ("front", 2): ["contact", "contact"], ("front", 3): ["basics"],
        ("back", 0): ["contact", "contact"], ("back", 1): ["contact", "contact"],
        ("back", 2): ["contact", "contact"], ("back", 3): ["qr"],
    },
    "a6": {
        ("front", 0): ["cover", "contact"], ("front", 1): ["contact", "contact", "contact"],
        ("back", 0): ["contact", "contact", "contact"], ("back", 1): ["basics", "qr"],
    },
}
WEIGHTS = {"cover": 1.25, "contact": 1.0, "own": 1.0, "basics": 1.6, "qr": 1.0}
CONTACT_KINDS = ("contact", "own")


@dataclass
class Placed:
    kind: str  # "cover", "contact", "own" (the one block to write on by hand), "basics", "qr"
    contact: CardContact | None = None


def _contacts(data: CardData) -> list[CardContact]:
    if data.blank and not data.contacts:
        return [CardContact(role=r, purpose_key=f"purpose.{r}", blank=True) for r in BLANK_ROLES]
    if data.blank:
        return [CardContact(role=c.role, purpose_key=c.purpose_key, purpose_text=c.purpose_text,
                            blank=True) for c in data.contacts]
    return list(data.contacts)


def _spread(blocks: int, slots: dict[tuple[str, int], int]) -> dict[tuple[str, int], int]:
    """How many contact blocks each face gets: one at a time to the face that is least full
    (so free room is shared out and no contact face is left empty while another is full)."""
    counts = dict.fromkeys(slots, 0)
    for _ in range(blocks):
        face = min(slots, key=lambda f: (counts[f] / slots[f], list(slots).index(f)))
        counts[face] += 1
    return counts


def plan_faces(data: CardData) -> dict[tuple[str, int], list[Placed]]:
    """Which block goes on which face.

    The contacts fill the contact slots in order; when there is room left, one block marked
    "write your own contact here" follows them (never a row of empty "other contact" blocks),
    and the contact blocks are spread over the faces so that the free room is shared out.
    More contacts than slots add slots to the contact faces in turn.
    """
    plan = FACE_PLANS[data.format]
    slots = {face: kinds.count("contact") for face, kinds in plan.items()
             if "contact" in kinds}
    queue = [Placed("contact", c) for c in _contacts(data)]
    if len(queue) < sum(slots.values()):
        queue.append(Placed("own"))
    counts = _spread(len(queue), slots)
    placed: dict[tuple[str, int], list[Placed]] = {}
    for face, kinds in plan.items():
        fixed = [Placed(k) for k in kinds if k != "contact"]
        if face in counts:
            # the cover stays on top of its face, contacts follow it
            head = [b for b in fixed if b.kind == "cover"]
            tail = [b for b in fixed if b.kind != "cover"]
            fixed = head + [queue.pop(0) for _ in range(counts[face])] + tail
        placed[face] = fixed
    return placed


def _qr_payload(texts: Texts, data: CardData) -> str:
    entries = []
    if data.office is not None:
        entries.append(Entry(data.office.name or texts.nl("role.office"), data.office.phone))
    for c in data.contacts:
        if not c.blank and c.phone.strip():
            key = f"role.{c.role}" if c.role in card_blocks.ROLES else "role.other"
            entries.append(Entry(texts.nl(key), c.phone))
    title = data.office.name if data.office is not None else texts.nl("card.title")
    return vcard(title, entries)


def _block(texts: Texts, data: CardData, placed: Placed, width: float, height: float,
           scale: float) -> Composition:
    if placed.kind == "cover":
        return card_blocks.cover(texts, data.office, data.person_name, data.record_number,
                                 data.blank, width, scale)
    if placed.kind == "basics":
        return card_blocks.basics(texts, data.emergency, width, scale)
    if placed.kind == "qr":
        return card_blocks.qr_block(texts, _qr_payload(texts, data), width, height, scale)
    if placed.kind == "own":
        return card_blocks.own_contact(texts, width, scale)
    assert placed.contact is not None
    return card_blocks.contact(texts, placed.contact, width, scale)


def _fitted(texts: Texts, data: CardData, placed: Placed, width: float, height: float,
            base: float) -> tuple[float, Composition]:
    """The largest scale from ``base`` down (in steps of 0.05) at which the block fits, and
    the block laid out at that scale."""
    scale = base
    while True:
        comp = _block(texts, data, placed, width, height, scale)
        if comp.height <= height or scale <= MIN_SCALE:
            return scale, comp
        scale = round(max(MIN_SCALE, scale - 0.05), 3)


def _boxes(sheet: card_layout.Sheet, faces: dict[tuple[str, int], list[Placed]]
           ) -> list[tuple[int, tuple[str, int], Placed, float, float, float, float]]:
    """Every block with its page, face, left, top, inner width and height."""
    out = []
    for number, page in enumerate(sheet.pages):
        for side, index, rect in page.faces:
            blocks = faces[(side, index)]
            total = sum(WEIGHTS[b.kind] for b in blocks)
            top = rect.top - PADDING
            available = rect.h - 2 * PADDING
            for block in blocks:
                height = available * WEIGHTS[block.kind] / total
                out.append((number, (side, index), block, rect.x + PADDING, top, rect.w - 2 * PADDING,
                            height - 1.2 * mm))
                top -= height
    return out


def _draw_marks(canvas: Canvas, page: card_layout.SheetPage) -> None:
    canvas.saveState()
    canvas.setStrokeColor(MARK_COLOUR)
    canvas.setLineWidth(0.5)
    for mark in page.marks:
        if mark.kind == "fold":
            canvas.setDash(3, 2)
        else:
            canvas.setDash()
        canvas.line(mark.x1, mark.y1, mark.x2, mark.y2)
    canvas.restoreState()


def instruction_key(sheet: card_layout.Sheet) -> str:
    """The instruction printed above the card: folding is only mentioned when the sheet has
    fold lines (the wallet strip, every one-sided sheet); a duplex A6 card is only cut out."""
    folds = any(mark.kind == "fold" for page in sheet.pages for mark in page.marks)
    return "card.fold" if folds else "card.cut"


def _draw_instructions(canvas: Canvas, texts: Texts, page: card_layout.SheetPage,
                       page_width: float, key: str) -> None:
    comp = Composition()
    col = card_blocks.Column(comp, 20 * mm, page_width - 20 * mm)
    col.pair(texts, key, 8)
    card_blocks.draw(canvas, comp, 0, page.outline.top + 8 * mm + comp.height)


def warm_up(lang: str) -> None:
    """Load the fonts and texts a card in ``lang`` needs, ahead of :func:`render_card` (the
    card command does this while the passphrase is being checked)."""
    texts = Texts(lang)
    title = texts.nl("card.title") + texts.own("card.title")
    families = {fonts.Family.SANS} | {f for c in title if (f := fonts.script_family(c))}
    for family in families:
        for bold in (False, True):
            fonts.face(family, bold)


def render_card(data: CardData) -> bytes:
    """The card as PDF bytes (A4: two pages for duplex, one page when one-sided)."""
    if data.format not in card_layout.FORMATS:
        raise ValueError(f"unknown card format {data.format!r}")
    texts = Texts(data.lang)
    sheet = card_layout.sheet(data.format, data.one_sided)
    faces = plan_faces(data)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, sheet.page_size)
    canvas.setTitle(f"{texts.nl('card.title')} ({texts.lang})")
    canvas.setCreator("Wegwijs")
    base = sheet.format.text_scale
    boxes = _boxes(sheet, faces)
    # the contact blocks of one panel at one size (the size the tightest of them needs), so
    # two contacts seen together never look different in importance
    panel_scale: dict[tuple[str, int], float] = {}
    laid_out: dict[int, tuple[float, Composition]] = {}  # contact blocks at their own scale
    for _number, face, block, _left, _top, w, h in boxes:
        if block.kind in CONTACT_KINDS:
            fitted = laid_out[id(block)] = _fitted(texts, data, block, w, h, base)
            panel_scale[face] = min(panel_scale.get(face, base), fitted[0])
    for number, page in enumerate(sheet.pages):
        _draw_marks(canvas, page)
        if number == 0:
            _draw_instructions(canvas, texts, page, sheet.page_size[0],
                               instruction_key(sheet))
        for on_page, face, block, left, top, w, h in boxes:
            if on_page != number:
                continue
            if block.kind in CONTACT_KINDS:
                scale, comp = laid_out[id(block)]
                if scale != panel_scale[face]:  # a neighbour needed a smaller size
                    comp = _block(texts, data, block, w, h, panel_scale[face])
            else:
                _scale, comp = _fitted(texts, data, block, w, h, base)
            card_blocks.draw(canvas, comp, left, top)
        canvas.showPage()
    canvas.save()
    texts.report("card")
    return buffer.getvalue()
