"""The parts of a questionnaire, as read from its data file: plain frozen dataclasses.

Texts (``text``, ``help``, choice ``label``) are English gettext msgids of the domain
"questionnaire"; they are translated where they are shown (see ``texts``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

Condition = Mapping[str, Any]
"""A show-condition as written in the file; see ``conditions`` for the language."""


class QuestionType(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    DATE = "date"
    YES_NO_UNKNOWN = "yes_no_unknown"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    COUNTRY = "country"
    LANGUAGE_WITH_READING = "language_with_reading"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    """One question. Only the fields that belong to its ``type`` carry meaning."""

    id: str
    type: QuestionType
    text: str
    section_id: str
    required: bool = False
    help: str | None = None
    show_if: Condition | None = None
    choices: tuple[Choice, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    not_in_future: bool = False
    allow_unknown: bool = True
    max_length: int | None = None

    def choice_values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    questions: tuple[Question, ...]
    help: str | None = None
    show_if: Condition | None = None


@dataclass(frozen=True)
class Questionnaire:
    """One version of one questionnaire."""

    id: str
    version: int
    title: str
    sections: tuple[Section, ...]
    source: str = field(default="", compare=False)
    country_lists: Mapping[str, Set[str]] = field(default_factory=dict, compare=False, repr=False)

    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions

    def question(self, question_id: str) -> Question:
        """The question with ``question_id``; ``KeyError`` if there is none."""
        for q in self.questions():
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)


YES, NO, UNKNOWN = "yes", "no", "unknown"
YES_NO_UNKNOWN_VALUES = (YES, NO, UNKNOWN)
READING_LEVELS = ("none", "basic", "good")
CHOICE_TYPES = frozenset({QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE})


def fixed_values(question: Question) -> tuple[str, ...] | None:
    """The values a single-valued answer can take, or None when it is open (text, number...)."""
    if question.type in CHOICE_TYPES:
        return question.choice_values()
    if question.type is QuestionType.YES_NO_UNKNOWN:
        return YES_NO_UNKNOWN_VALUES
    return None
