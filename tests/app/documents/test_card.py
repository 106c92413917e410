"""The contact card read back from its PDF: order of numbers and words, fonts, geometry."""

from __future__ import annotations

import dataclasses
import io
import logging

import pytest
from pypdf import PdfReader

from app.documents import CARD_LANGUAGES, FORMATS, CardContact, CardData, render_card
from app.documents.card_layout import sheet
from app.documents.catalogue import Texts
from app.i18n import available_languages

NUMBERS = ("0900-8844", "0800-2000")


def _lines(docs, pdf: bytes) -> list[str]:  # noqa: ANN001
    with docs.open_pdf(pdf) as doc:
        return [text for page in doc.pages for text in docs.visual_text(page)]


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_numbers_left_to_right_and_words_right_to_left(docs, lang: str) -> None:  # noqa: ANN001
    pdf = render_card(docs.card_data(lang))
    texts = Texts(lang)
    with docs.open_pdf(pdf) as doc:
        lines = [line for page in doc.pages for line in docs.visual_lines(page)]
    visual = ["".join(c["text"] for c in line) for line in lines]
    for number in NUMBERS:
        holding = [line for line, text in zip(lines, visual, strict=True) if number in text]
        assert holding, f"{number} not found in visual order on the {lang} card"
        for line in holding:
            text = "".join(c["text"] for c in line)
            start = text.index(number)
            xs = [c["x0"] for c in line[start:start + len(number)]]
            assert xs == sorted(xs) and len(set(xs)) == len(xs)
    # a word of the person's language: its letters stand right to left
    own = texts.own("basics.police").split()[0].strip("،,")
    assert any(own[::-1] in text for text in visual), own
    for line, text in zip(lines, visual, strict=True):
        if own[::-1] in text:
            start = text.index(own[::-1])
            chars = line[start:start + len(own)]
            logical = list(reversed(chars))
            assert "".join(c["text"] for c in logical) == own
            xs = [c["x0"] for c in logical]
            assert xs == sorted(xs, reverse=True)


def test_arabic_number_inside_sentence_keeps_dialling_order(docs) -> None:  # noqa: ANN001
    lines = _lines(docs, render_card(docs.card_data("ar")))
    assert any("113 / 0800-0113" in line for line in lines)
    assert not any("8844-0900" in line or "2000-0800" in line for line in lines)


def test_tigrinya_phrase_is_extracted(docs) -> None:  # noqa: ANN001
    pdf = render_card(docs.card_data("ti"))
    lines = _lines(docs, pdf)
    phrase = Texts("ti").own("role.gp")
    assert phrase == "ሓኪም ስድራቤት"
    assert any(phrase in line for line in lines)
    assert any("Huisarts" in line for line in lines)


@pytest.mark.parametrize("fmt,one_sided", [("wallet", False), ("wallet", True), ("a6", False),
                                           ("a6", True)])
def test_fonts_embedded_and_subset(docs, fmt: str, one_sided: bool) -> None:  # noqa: ANN001
    pdf = render_card(docs.card_data("ar", format=fmt, one_sided=one_sided))
    reader = PdfReader(io.BytesIO(pdf))
    seen = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            seen[str(font["/BaseFont"]).lstrip("/")] = "/FontFile2" in descriptor
    assert seen and all(seen.values())
    assert all("+" in name and len(name.split("+")[0]) == 6 for name in seen)
    families = {name.split("+")[1] for name in seen}
    assert any("Naskh" in f for f in families) and any(f.startswith("NotoSans-") for f in families)


@pytest.mark.parametrize("fmt,one_sided,pages", [("wallet", False, 2), ("wallet", True, 1),
                                                 ("a6", False, 2), ("a6", True, 1)])
def test_page_size_and_marks_where_the_layout_says(docs, fmt: str, one_sided: bool,  # noqa: ANN001
                                                   pages: int) -> None:
    pdf = render_card(docs.card_data("nl", format=fmt, one_sided=one_sided))
    layout = sheet(fmt, one_sided)
    with docs.open_pdf(pdf) as doc:
        assert len(doc.pages) == pages
        for page, planned in zip(doc.pages, layout.pages, strict=True):
            assert (round(page.width), round(page.height)) == (595, 842)
            drawn = {(round(ln["x0"], 1), round(ln["top"], 1), round(ln["x1"], 1),
                      round(ln["bottom"], 1)) for ln in page.lines}
            for mark in planned.marks:
                x0, x1 = sorted((mark.x1, mark.x2))
                top, bottom = sorted((page.height - mark.y1, page.height - mark.y2))
                assert (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)) in drawn, mark
    kinds = {m.kind for p in layout.pages for m in p.marks}
    assert "cut" in kinds
    assert ("fold" in kinds) == (fmt == "wallet" or one_sided)


def test_duplex_back_is_the_front_mirrored_on_the_long_edge() -> None:
    for fmt in FORMATS:
        layout = sheet(fmt, one_sided=False)
        width = layout.page_size[0]
        front, back = layout.pages
        for (_, i, f), (_, j, b) in zip(front.faces, back.faces, strict=True):
            assert i == j
            assert b.x == pytest.approx(width - f.x - f.w) and b.y == f.y
    wallet = sheet("wallet")
    assert wallet.face("front", 0).w == pytest.approx(85 * 72 / 25.4)
    assert wallet.face("front", 0).h == pytest.approx(54 * 72 / 25.4)


def test_one_sided_puts_every_face_on_one_page() -> None:
    layout = sheet("wallet", one_sided=True)
    (page,) = layout.pages
    assert len(page.faces) == 8
    folds = [m for m in page.marks if m.kind == "fold" and m.x1 == m.x2]
    assert len(folds) == 1  # the long middle fold between front and back strips
    for i in range(4):
        assert layout.face("front", i).y == layout.face("back", i).y
        assert layout.face("back", i).x == pytest.approx(layout.face("front", i).right)


def test_blank_card_prints_lines_and_no_person(docs) -> None:  # noqa: ANN001
    pdf = render_card(CardData(lang="ar", office=None, contacts=[], blank=True))
    with docs.open_pdf(pdf) as doc:
        assert len(doc.pages) == 2
        text = "\n".join(t for page in doc.pages for t in docs.visual_text(page))
        rules = sum(len(page.lines) for page in doc.pages)
    assert "Huisarts" in text and "Klantmanager gemeente" in text and "112" in text
    assert "Telefoon" in text and "Naam" in text
    assert rules > 20  # lines to write on, besides the marks


def test_card_has_no_place_for_status() -> None:
    fields = {f.name for f in dataclasses.fields(CardData)} | {
        f.name for f in dataclasses.fields(CardContact)}
    for forbidden in ("nationality", "status", "v_number", "residence_status", "country"):
        assert forbidden not in fields


def test_name_and_number_only_when_given(docs) -> None:  # noqa: ANN001
    with_name = "\n".join(_lines(docs, render_card(docs.card_data("nl"))))
    without = "\n".join(_lines(docs, render_card(docs.card_data("nl", person_name=None,
                                                                  record_number=None))))
    assert "Ahmad Yusuf" in with_name and "W-0042" in with_name
    assert "Ahmad Yusuf" not in without and "W-0042" not in without


def test_missing_translation_falls_back_to_dutch_and_is_reported(docs, monkeypatch,  # noqa: ANN001
                                                                 caplog) -> None:
    from app.documents import catalogue

    real = catalogue.translations

    def without_gp(domain: str, lang: str):  # noqa: ANN202
        found = real(domain, lang)
        if lang != "ar":
            return found

        class Partial:
            def gettext(self, key: str) -> str:
                return key if key == "purpose.gp" else found.gettext(key)

        return Partial()

    monkeypatch.setattr(catalogue, "translations", without_gp)
    texts = Texts("ar")
    assert texts.own("purpose.gp") == "Als je ziek bent of pijn hebt (eerst bellen)"
    assert texts.missing == ["purpose.gp"]
    with caplog.at_level(logging.WARNING, logger="app.documents.catalogue"):
        pdf = render_card(docs.card_data("ar"))
    assert "purpose.gp" in caplog.text and "Ahmad" not in caplog.text
    lines = _lines(docs, pdf)
    # printed once in Dutch (not twice, not as an empty line), every other text still Arabic
    assert sum("Als je ziek bent of pijn hebt (eerst bellen)" in line for line in lines) == 1
    assert any("ةيلديصلا" in line for line in lines)  # "pharmacy", in visual order


def test_every_language_renders(docs) -> None:  # noqa: ANN001
    assert sorted(available_languages("documents")) == sorted(CARD_LANGUAGES)
    for lang in CARD_LANGUAGES:
        pdf = render_card(docs.card_data(lang))
        assert pdf.startswith(b"%PDF")
        assert "\ufffd" not in "".join(_lines(docs, pdf))


def test_review_states_list_every_language() -> None:
    from app.documents import review_states

    states = review_states()
    assert [s[0] for s in states] == CARD_LANGUAGES
    for code, name, reviewed, done in states:
        assert name and isinstance(reviewed, bool)
        assert done == 1.0, code  # every catalogue is complete (but none is native-reviewed)
