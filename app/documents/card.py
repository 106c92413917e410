"""The foldable bilingual contact card: ``render_card(CardData) -> PDF bytes``.

The sheet geometry comes from :mod:`app.documents.card_layout`; each face holds blocks from
:mod:`app.documents.card_blocks`, set at sizes a tired reader reads (never shrunk to fit):
when the contacts do not fit, the card gets more panels, then further cards ("more on the
next card"). The faces are planned so that, folded, the cover (office and name) is on top and
the national numbers (112, police, Veilig Thuis, 113) are on the other outside face, readable
without unfolding; the QR code is on the back.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.documents import card_blocks, card_layout, fonts, qr
from app.documents.card_blocks import Composition
from app.documents.catalogue import Texts
from app.documents.fonts import new_canvas
from app.documents.model import CardContact, CardData

PADDING = 2.2 * mm  # also the QR code's quiet zone: at least 4 modules of 0.5 mm
GAP = 1.8 * mm  # between two blocks of one face
QR_TEXT_MIN = 27 * mm  # the scan invitation beside the code needs at least this width
# A blank card (no database): the contacts of seed 001 and Stem in de Stad's own, to fill in
# by hand (the police's 0900-8844 is among the national numbers on every card)
BLANK_ROLES = ("case_manager", "municipality", "refugee_council", "social_team",
               "civic_integration", "legal_aid", "gp", "gp_post")
MARK_COLOUR = HexColor("#555555")
RULE_COLOUR = HexColor("#bbbbbb")

Face = tuple[str, int]
# The faces with fixed blocks, per format and panels per side, tried in this order until the
# contacts fit (then the last one, with further cards). Folded like an accordion, a wallet
# card of four panels shows front 0 and front 3 outside, one of five front 0 and back 4: the
# cover and the national numbers are there, readable without unfolding.
PLANS: dict[str, list[tuple[int, dict[Face, list[str]]]]] = {
    "wallet": [
        (4, {("front", 0): ["cover"], ("front", 3): ["basics"], ("back", 3): ["qr"]}),
        (5, {("front", 0): ["cover"], ("back", 3): ["qr"], ("back", 4): ["basics"]}),
    ],
    "a6": [
        (2, {("front", 0): ["cover"], ("back", 1): ["basics", "qr"]}),
        (2, {("front", 0): ["cover"], ("back", 0): ["qr"], ("back", 1): ["basics"]}),
    ],
}
CONTACT_KINDS = ("contact", "own", "hours")


@dataclass
class Placed:
    kind: str  # "cover", "contact", "own" (the block to write on by hand), "basics", "qr",
    #            "more" (more contacts on the next card), "continued" (top of a further card)
    contact: CardContact | None = None
    comp: Composition | None = None


@dataclass
class Plan:
    sheet: card_layout.Sheet
    faces: dict[Face, list[Placed]]
    overflow: int  # contacts that did not fit (0 when the plan is complete)


def _contacts(data: CardData) -> list[CardContact]:
    if data.blank and not data.contacts:
        return [CardContact(role=r, purpose_key=f"purpose.{r}", blank=True) for r in BLANK_ROLES]
    if data.blank:
        return [CardContact(role=c.role, purpose_key=c.purpose_key, purpose_text=c.purpose_text,
                            blank=True) for c in data.contacts]
    return list(data.contacts)


def _role_label(texts: Texts, role: str) -> str:
    return texts.own(f"role.{role}" if role in card_blocks.ROLES else "role.other")


NATIONAL_LABELS = {"emergency": "label.emergency", "police": "label.police",
                   "domestic": "role.domestic_violence", "suicide": "label.suicide"}


def _short_label(label: str, words: int | None) -> str:
    """A label for a phone's contact list: without what is in brackets; at most ``words``
    words (when a long list must fit a code that still scans)."""
    plain = re.sub(r"\s*\([^)]*\)", "", label).strip() or label
    return " ".join(plain.split()[:words]) if words else plain


def qr_payloads(texts: Texts, data: CardData) -> list[str]:
    """The vCard of every number on the card, labelled in the card's language: as it is,
    then with shorter labels (for a code that must fit a small panel). Empty for a blank card
    or one without a number to save: there is nothing to scan."""
    if data.blank:
        return []
    entries: list[tuple[str, str]] = []
    if data.office is not None and data.office.phone.strip():
        entries.append((data.office.name or texts.own("role.office"), data.office.phone))
    for c in data.contacts:
        if not c.blank and c.phone.strip():
            entries.append((_role_label(texts, c.role), c.phone))
    if not any(qr.dialable(phone) for _label, phone in entries):
        return []
    for number in data.emergency:
        entries.append((texts.own(NATIONAL_LABELS.get(number.role, number.key)),
                        number.number))
    title = (data.office.name.strip() if data.office is not None else "") or texts.own(
        "card.title")
    variants = [entries, [(_short_label(label, None), p) for label, p in entries],
                [(_short_label(label, 2), p) for label, p in entries]]
    out: list[str] = []
    for variant in variants:
        payload = qr.vcard(title, [qr.Entry(label, phone) for label, phone in variant])
        if payload not in out:
            out.append(payload)
    return out


def qr_payload(texts: Texts, data: CardData) -> str:
    """The fullest vCard (see :func:`qr_payloads`); "" when there is nothing to save."""
    payloads = qr_payloads(texts, data)
    return payloads[0] if payloads else ""


class _Composer:
    """Blocks of one card composed for one face width (cached by what they hold)."""

    def __init__(self, texts: Texts, data: CardData, width: float, scale: float) -> None:
        self.texts, self.data, self.width, self.scale = texts, data, width, scale
        self._contacts: dict[int, Composition] = {}

    def block(self, placed: Placed) -> Composition:
        t, d, w, s = self.texts, self.data, self.width, self.scale
        if placed.comp is not None:
            return placed.comp
        if placed.kind == "cover":
            placed.comp = card_blocks.cover(t, d.office, d.person_name, d.record_number,
                                            d.blank, w, s, d.person_name_original)
        elif placed.kind == "hours":
            placed.comp = card_blocks.office_hours(t, d.office, w, s) or Composition()
        elif placed.kind == "basics":
            placed.comp = card_blocks.basics(t, d.emergency, w, s)
        elif placed.kind == "own":
            placed.comp = card_blocks.own_contact(t, w, s)
        elif placed.kind == "more":
            placed.comp = card_blocks.more_note(t, "card.more", w, s)
        elif placed.kind == "continued":
            placed.comp = card_blocks.more_note(t, "card.continued", w, s)
        else:
            assert placed.contact is not None
            key = id(placed.contact)
            if key not in self._contacts:
                self._contacts[key] = card_blocks.contact(t, placed.contact, w, s)
            placed.comp = self._contacts[key]
        return placed.comp

    def qr(self, payloads: list[str], room: float) -> Composition | None:
        """The code of the first of ``payloads`` that fits, with its invitation, in ``room``
        points of height (beside the code, or above it where the face is too narrow); None
        when none fits with modules of at least 0.5 mm."""
        for payload in payloads:
            comp = self._qr(payload, room)
            if comp is not None:
                return comp
        return None

    def _qr(self, payload: str, room: float) -> Composition | None:
        side = min(room, self.width - QR_TEXT_MIN)
        code = qr.encode(payload, side) if side > 0 else None
        if code is not None:
            return card_blocks.qr_block(self.texts, code, self.width, self.scale,
                                        max(side, code.side()), beside=True)
        above = card_blocks.qr_block(self.texts, None, self.width, self.scale, 0, beside=False)
        side = min(room - above.height - 1 * mm, self.width)
        code = qr.encode(payload, side) if side > 0 else None
        if code is None:
            return None
        return card_blocks.qr_block(self.texts, code, self.width, self.scale, side,
                                    beside=False)


def _height(blocks: list[Composition]) -> float:
    return sum(b.height for b in blocks) + GAP * max(0, len(blocks) - 1)


def _flow(items: list[Placed], faces: list[tuple[Face, float]], composer: _Composer,
          balanced: bool) -> tuple[dict[Face, list[Placed]], int]:
    """Items in order over the faces (each with the height left on it); ``balanced`` shares
    them out evenly where the room allows. Returns what each face got and how many items
    did not fit."""
    out: dict[Face, list[Placed]] = {face: [] for face, _ in faces}
    i = 0
    for k, (face, room) in enumerate(faces):
        left_faces = len(faces) - k
        target = -(-(len(items) - i) // left_faces) if balanced else len(items)
        used: list[Composition] = []
        while i < len(items) and len(out[face]) < target:
            comp = composer.block(items[i])
            if _height([*used, comp]) > room + 0.01:
                break
            used.append(comp)
            out[face].append(items[i])
            i += 1
    return out, len(items) - i


def _plan_card(texts: Texts, data: CardData, panels: int, fixed: dict[Face, list[str]],
               payloads: list[str]) -> Plan | None:
    """One candidate: the fixed blocks where ``fixed`` says, the contacts over the other
    faces, further cards for what does not fit. None when the QR code has no room."""
    fmt = card_layout.FORMATS[data.format]
    probe = card_layout.sheet(data.format, data.one_sided, panels)
    rect = probe.face("front", 0)
    width, height = rect.w - 2 * PADDING, rect.h - 2 * PADDING
    composer = _Composer(texts, data, width, fmt.text_scale)
    faces: dict[Face, list[Placed]] = {}
    rooms: list[tuple[Face, float]] = []
    order = [("front", i) for i in range(panels)] + [("back", i) for i in range(panels)]
    for face in order:
        placed: list[Placed] = []
        for kind in fixed.get(face, []):
            if kind == "qr":
                room = height - _height([composer.block(p) for p in placed]) - (
                    GAP if placed else 0)
                comp = composer.qr(payloads, room)
                if comp is None and payloads:
                    return None
                if comp is not None:
                    placed.append(Placed("qr", comp=comp))
            elif kind == "basics" or kind == "cover":
                placed.append(Placed(kind))
        faces[face] = placed
        # without a code (nothing to save) its face holds contacts
        kinds = [k for k in fixed.get(face, []) if k != "qr" or payloads]
        if not kinds or kinds == ["cover"]:
            used = _height([composer.block(p) for p in placed])
            rooms.append((face, height - used - (GAP if placed else 0)))
    contacts = [Placed("contact", c) for c in _contacts(data)]
    if not data.blank and card_blocks.office_hours(texts, data.office, width,
                                                   fmt.text_scale) is not None:
        contacts.insert(0, Placed("hours"))
    best: tuple[dict[Face, list[Placed]], int] | None = None
    for items in ([*contacts, Placed("own")], contacts):
        for balanced in (True, False):
            got, left = _flow(items, rooms, composer, balanced)
            if left == 0:
                best = (got, 0)
                break
        if best is not None:
            break
    cards = 1
    overflow = 0
    if best is None:
        # a further card: the last face of this one says so
        note = composer.block(Placed("more"))
        rooms[-1] = (rooms[-1][0], rooms[-1][1] - note.height - GAP)
        got, left = _flow(contacts, rooms, composer, False)
        overflow = left
        got[rooms[-1][0]].append(Placed("more"))
        rest = contacts[len(contacts) - left:]
        while rest:
            more_order = [(side, cards * panels + i) for side, i in order]
            head = composer.block(Placed("continued"))
            more_rooms = [(f, height - (head.height + GAP if n == 0 else 0))
                          for n, f in enumerate(more_order)]
            part, left = _flow(rest, more_rooms, composer, False)
            if left == len(rest):
                raise ValueError("a contact block is taller than a card's face")
            if left:  # yet another card
                last = more_rooms[-1][0]
                part, left = _flow(rest, more_rooms[:-1] + [(last, more_rooms[-1][1]
                                                             - note.height - GAP)],
                                   composer, False)
                part[last].append(Placed("more"))
            part[more_order[0]].insert(0, Placed("continued"))
            got.update(part)
            rest = rest[len(rest) - left:] if left else []
            cards += 1
        best = (got, overflow)
    for face, items in best[0].items():
        head = [p for p in faces.get(face, []) if p.kind == "cover"]
        tail = [p for p in faces.get(face, []) if p.kind != "cover"]
        faces[face] = head + items + tail
    for card in range(1, cards):
        for side, i in order:
            faces.setdefault((side, card * panels + i), [])
    sheet = card_layout.sheet(data.format, data.one_sided, panels, cards)
    for face_placed in faces.values():
        for p in face_placed:
            composer.block(p) if p.kind != "qr" else None
    return Plan(sheet, faces, best[1])


def plan_card(data: CardData, texts: Texts | None = None) -> Plan:
    """Which block goes on which face, at readable sizes: the first of the format's plans
    that holds every contact on one card, else the last one that holds the QR code, with
    further cards for the contacts that did not fit (the last face of a card says "more on
    the next card")."""
    texts = texts or Texts(data.lang)
    payloads = qr_payloads(texts, data)
    fallback: Plan | None = None
    for panels, fixed in PLANS[data.format]:
        plan = _plan_card(texts, data, panels, fixed, payloads)
        if plan is None:
            continue
        if plan.sheet.cards == 1:
            return plan
        if fallback is None or plan.sheet.cards <= fallback.sheet.cards:
            fallback = plan  # the later plan: more panels on the first card
    if fallback is None:
        raise ValueError("the QR code does not fit this card format")
    return fallback


def plan_faces(data: CardData) -> dict[Face, list[Placed]]:
    """Which block goes on which face (see :func:`plan_card`)."""
    return plan_card(data).faces


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
                       page_size: tuple[float, float], key: str) -> None:
    """Above the card where there is room; beside it (left) where the strip is long; in the
    top margin otherwise."""
    page_w, page_h = page_size
    outline = page.outline
    comp = Composition()
    col = card_blocks.Column(comp, 0, page_w - 40 * mm)
    col.pair(texts, key, 8)
    above = page_h - outline.top - 10 * mm  # cut marks reach 7 mm above the card
    if comp.height + 8 * mm <= above:
        shifted = Composition()
        card_blocks.Column(shifted, 20 * mm, page_w - 20 * mm).pair(texts, key, 8)
        card_blocks.draw(canvas, shifted, 0, outline.top + 8 * mm + shifted.height)
        return
    if outline.x >= 45 * mm:
        side = Composition()
        card_blocks.Column(side, 0, outline.x - 20 * mm).pair(texts, key, 8)
        card_blocks.draw(canvas, side, 10 * mm, outline.top)
        return
    top = Composition()
    card_blocks.Column(top, outline.x + 9 * mm, outline.right - 9 * mm).pair(texts, key, 7)
    card_blocks.draw(canvas, top, 0, min(page_h - 5 * mm, outline.top + top.height + 1 * mm))


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
    """The card as PDF bytes (A4: two pages a card for duplex, one when one-sided)."""
    if data.format not in card_layout.FORMATS:
        raise ValueError(f"unknown card format {data.format!r}")
    texts = Texts(data.lang)
    plan = plan_card(data, texts)
    sheet = plan.sheet
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, sheet.page_size)
    canvas.setTitle(f"{texts.nl('card.title')} ({texts.lang})")
    canvas.setCreator("Wegwijs")
    pages = list(sheet.pages)
    while len(pages) > 1 and not any(plan.faces.get((side, index)) for side, index, _r
                                     in pages[-1].faces):
        pages.pop()  # the empty back of a last, half-filled further card
    for page in pages:
        _draw_marks(canvas, page)
        if page.faces[0][0] == "front":  # the first page of a card (or of two A6 cards)
            _draw_instructions(canvas, texts, page, sheet.page_size, instruction_key(sheet))
        for side, index, rect in page.faces:
            top = rect.top - PADDING
            for placed in plan.faces.get((side, index), []):
                assert placed.comp is not None
                card_blocks.draw(canvas, placed.comp, rect.x + PADDING, top)
                top -= placed.comp.height + GAP
        canvas.showPage()
    canvas.save()
    texts.report("card")
    return buffer.getvalue()
