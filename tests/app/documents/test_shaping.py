"""The shaping layer: bidi levels and order, font choice by coverage, no empty boxes."""

from __future__ import annotations

import pytest
from bidi import get_display

from app.documents.bidi_levels import BIDI_CONTROLS, levels, line_levels, protect, visual_order
from app.documents.catalogue import DOMAIN
from app.documents.fonts import Family, face
from app.documents.shaping import Style, faces_used, layout, uncovered
from app.i18n import available_languages, catalogue_path

SAMPLES = [
    ("اتصل 0900-8844 الآن", True),
    ("بل (112) او 113 / 0800-0113.", True),
    ("تماس با Jan de Vries در 12-03-2025", True),
    ("Bel 0900-8844 (geen spoed)", False),
    ("Naam / الاسم: W-0042", False),
]


@pytest.mark.parametrize("text,rtl", SAMPLES)
def test_line_order_agrees_with_python_bidi(text: str, rtl: bool) -> None:
    protected = protect(text)
    order = visual_order(line_levels(protected, levels(protected, rtl), rtl))
    ours = "".join(protected[i] for i in order if protected[i] not in BIDI_CONTROLS)
    theirs = get_display(protected, base_dir="R" if rtl else "L")
    # python-bidi also mirrors brackets; HarfBuzz does that for us when it shapes
    mirror = str.maketrans("()", ")(")
    theirs = "".join(c for c in theirs if c not in BIDI_CONTROLS)
    assert ours == theirs or ours == theirs.translate(mirror)


def test_numbers_are_isolated_left_to_right() -> None:
    assert protect("اتصل 0900-8844 الآن") == "اتصل \u20660900-8844\u2069 الآن"
    assert protect("(bel 112)") == "(bel \u2066112\u2069)"
    assert "\u2066113 / 0800-0113\u2069" in protect("أو 113 / 0800-0113")
    assert "\u206612-03-2025\u2069" in protect("در 12-03-2025")


def test_rtl_paragraph_wraps_with_first_line_on_top() -> None:
    text = "هذا نص طويل جدا لكي نرى كيف يلتف السطر على عدة أسطر في الفقرة مع رقم 0900-8844 في الوسط"
    lines = layout(text, Style(10, False, "ar"), 120)
    assert len(lines) >= 3
    assert all(line.rtl for line in lines)
    assert all(line.width <= 120.01 for line in lines)
    first_words = text.split()[:2]
    assert lines[0].text.startswith(" ".join(first_words))
    assert "0900-8844" in "".join(line.text for line in lines)  # never split inside a number


def test_font_choice_by_coverage() -> None:
    naskh, sans, ethiopic = face(Family.NASKH), face(Family.SANS), face(Family.ETHIOPIC)
    assert not naskh.covers("-") and not naskh.covers("(") and not naskh.covers("a")
    assert not ethiopic.covers("0")
    used = faces_used("اتصل (0900-8844) الآن", Style(8, False, "ar"))
    assert used["ا"] == naskh.name
    assert used["-"] == sans.name and used["("] == sans.name
    used = faces_used("ፖሊስ 0900-8844", Style(8, False, "ti"))
    assert used["ፖ"] == ethiopic.name and used["0"] == sans.name


@pytest.mark.parametrize("family", list(Family))
@pytest.mark.parametrize("bold", [False, True])
def test_coverage_is_the_fonts_own_cmap(family: Family, bold: bool) -> None:
    """Coverage comes from ReportLab's parse of the cmap; it is the cmap fontTools reads."""
    from fontTools.ttLib import TTFont

    loaded = face(family, bold)
    font = TTFont(str(loaded.path), lazy=True)
    try:
        assert loaded.coverage == frozenset(font.getBestCmap())
        assert loaded.upem == font["head"].unitsPerEm
    finally:
        font.close()


def _catalogue_texts(lang: str) -> list[str]:
    from babel.messages.pofile import read_po

    with catalogue_path(DOMAIN, lang).open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    return [str(m.string) for m in catalog if m.id and m.string]


@pytest.mark.parametrize("lang", available_languages(DOMAIN))
@pytest.mark.parametrize("bold", [False, True])
def test_every_catalogue_character_is_covered(lang: str, bold: bool) -> None:
    texts = _catalogue_texts(lang)
    assert texts
    for text in texts:
        assert uncovered(text, Style(8, bold, lang)) == [], text
        # Dutch beside it is set in Dutch style; numbers and names inside it too
        assert uncovered(text + " 0900-8844 (W-0042)", Style(8, bold, lang)) == [], text
