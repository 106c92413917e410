"""What the rendered cards looked like and what was fixed: free room, instructions, sizes."""

from __future__ import annotations

import pytest

from app.documents import CardContact, CardData, Office, render_card
from app.documents.card import PLANS, instruction_key, plan_card, plan_faces
from app.documents.card_blocks import typed_style
from app.documents.card_layout import sheet


def _text(docs, pdf: bytes) -> str:  # noqa: ANN001
    with docs.open_pdf(pdf) as doc:
        return "\n".join(t for page in doc.pages for t in docs.visual_text(page))


@pytest.mark.parametrize("fmt", sorted(PLANS))
def test_free_room_gets_one_write_your_own_block_not_a_row_of_empty_ones(docs, fmt: str) -> None:  # noqa: ANN001
    data = docs.card_data("nl", format=fmt, contacts=docs.contacts[:3])
    plan = plan_card(data)
    faces = plan.faces
    kinds = [b.kind for blocks in faces.values() for b in blocks]
    assert kinds.count("own") == 1
    contacts = [b.contact for blocks in faces.values() for b in blocks if b.kind == "contact"]
    assert contacts == docs.contacts[:3]  # in order, and no blank "other" filler
    # the free room is shared out: no contact panel empty while another holds two
    fixed = dict(PLANS[fmt])[plan.sheet.panels]
    counts = [sum(b.kind in ("contact", "own") for b in blocks)
              for face, blocks in faces.items() if face not in fixed]
    if fmt == "wallet":
        assert min(counts) >= 0 and max(counts) - min(counts) <= 1
    text = _text(docs, render_card(data))
    assert text.count("Schrijf hier zelf een contact op") == 1
    assert "Ander contact" not in text


def test_full_card_has_no_write_your_own_block(docs) -> None:  # noqa: ANN001
    many = [CardContact("other", f"Organisatie {i}", "", f"06-0000 00{i:02d}",
                        purpose_key="purpose.other") for i in range(30)]
    faces = plan_faces(docs.card_data("nl", contacts=many))
    placed = [b for blocks in faces.values() for b in blocks]
    assert not any(b.kind == "own" for b in placed)
    assert [b.contact for b in placed if b.kind == "contact"] == many  # all, in order
    # what does not fit goes on a further card, announced on the first one
    assert [b.kind for b in placed].count("more") >= 1
    assert [b.kind for b in placed].count("continued") >= 1


@pytest.mark.parametrize("fmt,one_sided,key", [("wallet", False, "card.fold"),
                                               ("wallet", True, "card.fold"),
                                               ("a6", False, "card.cut"),
                                               ("a6", True, "card.fold")])
def test_instruction_mentions_folding_only_where_there_are_fold_lines(
        docs, fmt: str, one_sided: bool, key: str) -> None:  # noqa: ANN001
    assert instruction_key(sheet(fmt, one_sided)) == key
    text = _text(docs, render_card(docs.card_data("nl", format=fmt, one_sided=one_sided)))
    assert ("stippellijnen" in text) == (key == "card.fold")
    assert "Knip bij de hoekjes" in text


def test_office_without_profile_prints_lines_to_write_on(docs) -> None:  # noqa: ANN001
    data = docs.card_data("ar", office=Office("", "", "", ""))
    pdf = render_card(data)
    text = _text(docs, pdf)
    assert "Kantoor" in text and "Telefoon" in text
    blank = CardData(lang="nl", office=None, contacts=[], blank=True)
    assert "Kantoor" in _text(docs, render_card(blank))


def test_typed_purpose_keeps_its_own_direction() -> None:
    assert typed_style("Voedselpakket op vrijdag", 6, "ar").rtl is False
    assert typed_style("طرود غذائية يوم الجمعة", 6, "ar").rtl is True
    assert typed_style("طرود غذائية", 6, "nl").rtl is True
    assert typed_style("Food parcels", 6, "en").lang == "en"


def test_contacts_on_one_panel_share_one_size(docs) -> None:  # noqa: ANN001
    """Two contacts seen together are set at the same size (their phone numbers match)."""
    pdf = render_card(docs.card_data("ar"))
    with docs.open_pdf(pdf) as doc:
        page = doc.pages[1]  # back: pharmacy (blank, lines) and the shelter share a panel
        sizes = {round(c["size"], 1) for c in page.chars if c["text"] in "0123456789"
                 and c["fontname"].endswith("Bold")}
    phone_sizes = {s for s in sizes if s > 7}
    assert len(phone_sizes) <= 2  # phones of one panel alike (the two panels may differ)
