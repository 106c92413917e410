"""What a tired reader meets on the card, read back from the PDF: type sizes of every glyph
run, mixed-direction lines in reading order, hours in the card's language, the name in the
person's own script."""

from __future__ import annotations

import pytest

from app.documents import CARD_LANGUAGES, CardContact, render_card
from app.documents.card import plan_card
from app.documents.card_blocks import LATIN_MIN, NUMBER_MIN, SCRIPT_MIN
from app.opening_hours import parse

NATIONAL = ("112", "0900-8844", "0800-2000", "113 / 0800-0113")


def _floor(fontname: str) -> float:
    return SCRIPT_MIN if ("Naskh" in fontname or "Ethiopic" in fontname) else LATIN_MIN


@pytest.mark.parametrize("fmt", ["wallet", "a6"])
@pytest.mark.parametrize("lang", CARD_LANGUAGES)
def test_every_glyph_run_is_large_enough(docs, lang: str, fmt: str) -> None:  # noqa: ANN001
    """7 pt Latin, 8 pt Arabic script and Ethiopic, 9 pt phone numbers: with nine contacts and
    three more (a full list goes on further cards, never smaller)."""
    extra = [CardContact("other", f"Organisatie {i}", "", f"06-0000 00{i:02d}",
                         purpose_key="purpose.other") for i in range(3)]
    data = docs.nine_data(lang, format=fmt, contacts=[*docs.nine, *extra])
    pdf = render_card(data)
    phones = [data.office.phone, *(c.phone for c in data.contacts), *NATIONAL]
    with docs.open_pdf(pdf) as doc:
        assert doc.pages
        for page in doc.pages:
            for char in page.chars:
                if char["text"].strip():
                    assert char["size"] >= _floor(char["fontname"]) - 0.01, (
                        lang, fmt, char["text"], char["fontname"], char["size"])
            for line in docs.visual_lines(page):
                text = "".join(c["text"] for c in line)
                for phone in phones:
                    at = text.find(phone)
                    if at >= 0 and (phone != "112" or text.strip() == "112"):
                        sizes = {round(c["size"], 2) for c in line[at:at + len(phone)]}
                        assert min(sizes) >= NUMBER_MIN, (lang, fmt, phone, sizes)
        found = "\n".join("".join(c["text"] for c in line) for page in doc.pages
                          for line in docs.visual_lines(page))
    for phone in phones:
        assert phone in found, (lang, fmt, phone)  # nothing was dropped to make room


def test_a_full_list_gets_more_panels_before_a_further_card(docs) -> None:  # noqa: ANN001
    nl = plan_card(docs.nine_data("nl"))
    assert nl.sheet.cards == 1
    ar = plan_card(docs.nine_data("ar"))
    assert ar.sheet.panels == 5  # the strip grows to five panels first
    if ar.sheet.cards > 1:
        kinds = [b.kind for blocks in ar.faces.values() for b in blocks]
        assert kinds.count("more") == ar.sheet.cards - 1
        assert kinds.count("continued") == ar.sheet.cards - 1


def test_arabic_hours_stay_with_their_day(docs) -> None:  # noqa: ANN001
    """Typed "السبت 10-14" after a Latin address: the time range is read with its day (left of
    it, as a reader of Arabic reads on), not detached on the other side of the line."""
    typed = CardContact("other", "Buurthuis", "", "023-555 0101", "Spaarne 1", "السبت 10-14",
                        purpose_key="purpose.other")
    pdf = render_card(docs.card_data("ar", contacts=[typed]))
    with docs.open_pdf(pdf) as doc:
        lines = [t for page in doc.pages for t in docs.visual_text(page)]
    day = "السبت"[::-1]  # visual order, as extracted left to right
    holding = [t for t in lines if day in t and "Spaarne" in t]
    assert holding, lines
    assert all(f"10-14 {day}" in t for t in holding), holding
    assert not any(f"{day} 10-14" in t for t in holding)


def test_hours_print_with_the_card_languages_day_names(docs) -> None:  # noqa: ANN001
    contact = CardContact("gp", "Huisarts", "", "023-533 1234", "", "ma-vr 9-17; za 10-14",
                          purpose_key="purpose.gp", opening=parse("ma-vr 9-17; za 10-14"))
    pdf = render_card(docs.card_data("ar", contacts=[contact], person_name=None,
                                     record_number=None))
    with docs.open_pdf(pdf) as doc:
        lines = [t for page in doc.pages for t in docs.visual_text(page)]
    assert any("ma–vr 9:00–17:00 · za 10:00–14:00" in t for t in lines)  # the Dutch line
    saturday = "السبت"[::-1]
    friday = "الجمعة"[::-1]
    own = [t for t in lines if saturday in t and friday in t]
    assert own, lines
    # right to left: Monday-Friday first (rightmost), Saturday after it (left of it), each
    # group with its times on its left
    (line,) = own
    assert f"10:00–14:00 {saturday}" in line
    assert line.index(saturday) < line.index(friday)


def test_name_in_the_persons_own_script_beside_the_latin_one(docs) -> None:  # noqa: ANN001
    pdf = render_card(docs.nine_data("fa"))
    with docs.open_pdf(pdf) as doc:
        lines = docs.visual_text(doc.pages[0])
    assert any("Ahmad Yusuf" in t and "فسوي" in t for t in lines), lines


@pytest.mark.parametrize("fmt", ["wallet", "a6"])
def test_nothing_runs_out_of_its_panel(docs, fmt: str) -> None:  # noqa: ANN001
    from app.documents.card import GAP, PADDING

    for lang in CARD_LANGUAGES:
        for data in (docs.nine_data(lang, format=fmt), docs.nine_data(lang, format=fmt,
                                                                       one_sided=True)):
            plan = plan_card(data)
            for page in plan.sheet.pages:
                for side, index, rect in page.faces:
                    blocks = plan.faces.get((side, index), [])
                    used = sum(b.comp.height for b in blocks) + GAP * max(0, len(blocks) - 1)
                    assert used <= rect.h - 2 * PADDING + 0.01, (lang, fmt, side, index,
                                                                  [b.kind for b in blocks])
