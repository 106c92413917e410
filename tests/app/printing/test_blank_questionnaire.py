"""The blank paper questionnaire read back from its PDF: every question numbered as on the
screen, Dutch beside the person's language, boxes to tick, lines to write on."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from app import questionnaire
from app.documents.catalogue import CARD_LANGUAGES
from app.errors import InvalidInput
from app.printing.blank_questionnaire import blank_questionnaire, form_data


def _open(pdf: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(pdf))


@pytest.mark.parametrize("qid", ["short_intake", "extended_screening"])
def test_every_question_numbered_with_boxes_and_lines(qid: str) -> None:
    q = questionnaire.latest(qid)
    count = sum(len(s.questions) for s in q.sections)
    choices = sum(len(questionnaire.choice_texts(x, "nl")) for s in q.sections
                  for x in s.questions if x.type.value in ("single_choice", "multiple_choice",
                                                           "yes_no_unknown"))
    with _open(blank_questionnaire(qid, "nl")) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
        boxes = [r for p in pdf.pages for r in p.rects
                 if abs(r["width"] - r["height"]) < 0.5 and 10 < r["width"] < 14]
        lines = [ln for p in pdf.pages for ln in p.lines if ln["width"] > 100]
    for number in range(1, count + 1):
        assert f"\n{number}." in text or text.startswith(f"{number}."), number
    assert len(boxes) >= choices  # one box per answer to tick (the language rows add more)
    assert len(lines) >= 5  # name, record number, date, volunteer, interpreter, answers
    first = q.sections[0].questions[0]
    assert questionnaire.question_texts(first, "nl").dutch in text


def test_tigrinya_beside_dutch_and_no_english() -> None:
    data = form_data("short_intake", "ti")
    first = data.sections[0].questions[0]
    assert first.text.dutch == "Wat heeft u nodig?" and first.text.own
    with _open(blank_questionnaire("short_intake", "ti")) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert first.text.own in text and "What do you need?" not in text
    assert "Kruis één vakje aan." in text  # the form's own instructions, in both languages


def test_arabic_boxes_on_both_sides() -> None:
    with _open(blank_questionnaire("short_intake", "ar")) as pdf:
        page = pdf.pages[1] if len(pdf.pages) > 1 else pdf.pages[0]
        boxes = [r for p in pdf.pages for r in p.rects
                 if abs(r["width"] - r["height"]) < 0.5 and 10 < r["width"] < 14]
        width = page.width
    assert any(b["x0"] < width / 2 for b in boxes) and any(b["x0"] > width / 2 for b in boxes)


def test_conditional_questions_say_when_they_apply() -> None:
    data = form_data("short_intake", "nl")
    numbered = {q.number: q for s in data.sections for q in s.questions}
    needs_other = next(q for q in numbered.values() if q.only_if)
    assert needs_other.only_if.dutch.startswith("Alleen als het antwoord op vraag 1 is:")


def test_bad_choices_are_refused() -> None:
    with pytest.raises(InvalidInput):
        form_data("nothing", "nl")
    with pytest.raises(InvalidInput):
        form_data("short_intake", "xx")


@pytest.mark.parametrize("lang", [lang for lang in CARD_LANGUAGES if lang != "nl"])
def test_every_card_language_has_every_question(lang: str) -> None:
    for qid in ("short_intake", "extended_screening"):
        data = form_data(qid, lang)
        missing = [q.number for s in data.sections for q in s.questions if not q.text.own]
        assert not missing, (lang, qid, missing)
    with _open(blank_questionnaire("short_intake", lang)) as pdf:
        assert len(pdf.pages) >= 2
