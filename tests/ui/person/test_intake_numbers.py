"""The intake form numbers its questions as the blank paper questionnaire does, so answers
written on paper are typed in at the right question."""

from __future__ import annotations

import pytest

from app import questionnaire
from app.printing.blank_questionnaire import form_data
from ui.person.intake_form import IntakeForm

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("qid", ["short_intake", "extended_screening"])
def test_screen_numbers_match_the_paper(qtbot, qid: str) -> None:  # noqa: ANN001
    q = questionnaire.latest(qid)
    form = IntakeForm(q, "ti")
    qtbot.addWidget(form)
    paper = [p for s in form_data(qid, "nl").sections for p in s.questions]
    asked = [question for section in q.sections for question in section.questions]
    assert len(paper) == len(asked) == len(form.blocks)
    for on_paper, question in zip(paper, asked, strict=True):
        assert on_paper.text.dutch == questionnaire.question_texts(question, "nl").dutch
        assert form.blocks[question.id].number.text() == f"{on_paper.number}."
