"""Asking a questionnaire: which questions show, what is wrong, how far along, where to resume.

Answers are a plain dict ``{question_id: stored value}`` (see ``answers`` for the values).
Everything here is a pure function of a ``Questionnaire`` and answers; nothing is stored.

Hidden questions: while a draft is open, answers to questions that a later change hid are
kept (so switching an answer back restores them) but ignored: they do not count, are not
validated and no condition reads them. ``complete`` drops them from the answers it returns.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.errors import InvalidInput
from app.i18n import _
from app.questionnaire.answers import AnswerError, normalise_answer
from app.questionnaire.conditions import evaluate, is_answered
from app.questionnaire.model import Question, Questionnaire, Section


@dataclass(frozen=True)
class Step:
    """One question as met when walking the questionnaire with some answers."""

    question: Question
    visible: bool
    value: Any = None
    problem: str | None = None

    @property
    def answered(self) -> bool:
        return self.problem is None and is_answered(self.value)


def walk(questionnaire: Questionnaire, answers: Mapping[str, Any], *,
         today: date | None = None) -> Iterator[Step]:
    """Every question in order with its visibility, its normalised answer and any problem.

    Conditions read only answers of earlier visible questions that could be read.
    """
    seen: dict[str, Any] = {}
    lists = questionnaire.country_lists
    for section in questionnaire.sections:
        section_shown = section.show_if is None or evaluate(section.show_if, seen, lists)
        for question in section.questions:
            shown = section_shown and (question.show_if is None
                                       or evaluate(question.show_if, seen, lists))
            if not shown:
                yield Step(question, False)
                continue
            try:
                value = normalise_answer(question, answers.get(question.id), today=today)
            except AnswerError as err:
                yield Step(question, True, None, str(err))
                continue
            if value is not None:
                seen[question.id] = value
            yield Step(question, True, value)


def visible_questions(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> list[Question]:
    """The questions to show now, in order."""
    return [s.question for s in walk(questionnaire, answers) if s.visible]


def visible_sections(questionnaire: Questionnaire,
                     answers: Mapping[str, Any]) -> list[tuple[Section, list[Question]]]:
    """Sections with at least one question to show, each with those questions."""
    shown = {q.id for q in visible_questions(questionnaire, answers)}
    result = []
    for section in questionnaire.sections:
        questions = [q for q in section.questions if q.id in shown]
        if questions:
            result.append((section, questions))
    return result


def is_visible(questionnaire: Questionnaire, question_id: str, answers: Mapping[str, Any]) -> bool:
    return any(q.id == question_id for q in visible_questions(questionnaire, answers))


def read_form(questionnaire: Questionnaire, raw: Mapping[str, Any], *,
              today: date | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """Normalise what a form holds, for saving a draft.

    Returns the readable answers (hidden ones included, unknown ids left out, empty ones left
    out) and ``{question_id: message}`` for each answer that cannot be read. Missing required
    answers are not a problem in a draft.
    """
    answers: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for question in questionnaire.questions():
        if question.id not in raw:
            continue
        try:
            value = normalise_answer(question, raw[question.id], today=today)
        except AnswerError as err:
            problems[question.id] = str(err)
            continue
        if value is not None:
            answers[question.id] = value
    return answers, problems


def validate(questionnaire: Questionnaire, answers: Mapping[str, Any], *,
             today: date | None = None, draft: bool = False) -> dict[str, str]:
    """Every problem at once, ``{question_id: message}``; empty when all is well.

    Only visible questions are checked. A draft may leave required questions open.
    Never raises on any answers: the result is what ``InvalidInput(problems)`` takes.
    """
    problems: dict[str, str] = {}
    for step in walk(questionnaire, answers, today=today):
        if not step.visible:
            continue
        if step.problem is not None:
            problems[step.question.id] = step.problem
        elif not draft and step.question.required and not is_answered(step.value):
            problems[step.question.id] = _("Answer this question (unknown is an answer too).")
    return problems


def clean_answers(questionnaire: Questionnaire, answers: Mapping[str, Any], *,
                  today: date | None = None) -> dict[str, Any]:
    """Only the readable answers of visible questions, normalised: what a complete intake keeps."""
    return {s.question.id: s.value for s in walk(questionnaire, answers, today=today)
            if s.visible and s.answered}


def complete(questionnaire: Questionnaire, answers: Mapping[str, Any], *,
             today: date | None = None) -> dict[str, Any]:
    """The answers to store with a completed intake (hidden and unknown ids dropped).

    Raises:
        InvalidInput: ``problems`` maps each question id that needs attention to its message.
    """
    problems = validate(questionnaire, answers, today=today)
    if problems:
        raise InvalidInput(problems)
    return clean_answers(questionnaire, answers, today=today)


@dataclass(frozen=True)
class Progress:
    """How far an intake is; counts only visible questions."""

    visible: int
    answered: int
    required: int
    required_answered: int
    problems: int

    @property
    def is_complete(self) -> bool:
        return self.required_answered == self.required and self.problems == 0

    @property
    def fraction(self) -> float:
        """Share of the visible questions answered (0.0 to 1.0), for a progress bar."""
        return self.answered / self.visible if self.visible else 1.0


def progress(questionnaire: Questionnaire, answers: Mapping[str, Any], *,
             today: date | None = None) -> Progress:
    steps = [s for s in walk(questionnaire, answers, today=today) if s.visible]
    required = [s for s in steps if s.question.required]
    return Progress(
        visible=len(steps), answered=sum(s.answered for s in steps), required=len(required),
        required_answered=sum(s.answered for s in required),
        problems=sum(s.problem is not None for s in steps))


def next_unanswered(questionnaire: Questionnaire, answers: Mapping[str, Any], *,
                    today: date | None = None) -> Question | None:
    """Where to resume a draft: the question to ask next, or None when nothing is left.

    That is the first visible question without a (readable) answer after the last answered
    one; optional questions skipped earlier stay skipped. If everything after it is answered,
    it is the first required question still open (or unreadable) anywhere.
    """
    steps = [s for s in walk(questionnaire, answers, today=today) if s.visible]
    last = max((i for i, s in enumerate(steps) if s.answered), default=-1)
    for step in steps[last + 1:]:
        if not step.answered:
            return step.question
    for step in steps:
        if step.problem is not None or (step.question.required and not step.answered):
            return step.question
    return None
