"""The plain data documents are drawn from (no ORM objects, no database).

The card's data holds no nationality, residence status or V-number: a lost card must not
expose someone's status, so there is no field to put it in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.opening_hours import Slot


@dataclass(frozen=True)
class Emergency:
    """A national number printed on every card; ``key`` is its catalogue message."""

    key: str
    number: str
    role: str


EMERGENCY_NUMBERS: tuple[Emergency, ...] = (
    Emergency("basics.emergency", "112", "emergency"),
    Emergency("basics.police", "0900-8844", "police"),
    Emergency("basics.domestic", "0800-2000", "domestic"),
    Emergency("basics.suicide", "113 / 0800-0113", "suicide"),
)


@dataclass
class Office:
    name: str
    address: str
    phone: str
    opening_hours: str
    email: str = ""
    website: str = ""
    opening: list[Slot] | None = None  # the hours as data; None: print ``opening_hours``


@dataclass
class CardContact:
    """One contact on the card. ``role`` is a :class:`app.vocabulary.ContactRole` value;
    ``purpose_key`` names a catalogue text ("purpose.gp"), ``purpose_text`` is the volunteer's
    own (printed as written). ``blank`` prints lines to fill in by hand."""

    role: str
    organisation: str = ""
    name: str = ""
    phone: str = ""
    address: str = ""
    hours: str = ""
    purpose_key: str | None = None
    purpose_text: str = ""
    blank: bool = False
    opening: list[Slot] | None = None  # the hours as data; None: print ``hours`` as typed


@dataclass
class CardData:
    lang: str
    office: Office | None
    contacts: list[CardContact]
    person_name: str | None = None
    record_number: str | None = None
    person_name_original: str | None = None  # the name in the person's own script
    format: str = "wallet"
    one_sided: bool = False
    blank: bool = False
    emergency: list[Emergency] = field(default_factory=lambda: list(EMERGENCY_NUMBERS))


@dataclass
class PlanAction:
    description: str
    owner: str  # app.vocabulary.Owner value
    owner_name: str = ""
    due_date: date | None = None
    status: str = "open"  # app.vocabulary.WorkStatus value
    description_translated: str = ""  # in the plan's translation language, by an interpreter


@dataclass
class PlanFollowUp:
    """An appointment or reminder that serves a goal (app.services.follow_ups)."""

    description: str
    due_on: date | None
    owner: str = ""  # the user who follows it up
    done_on: date | None = None


@dataclass
class PlanGoal:
    domain: str  # app.vocabulary.GoalDomain value
    description: str
    status: str = "open"
    due_date: date | None = None
    actions: list[PlanAction] = field(default_factory=list)
    description_translated: str = ""
    follow_ups: list[PlanFollowUp] = field(default_factory=list)


@dataclass
class PlanEvaluation:
    date: date | None
    judgement: str = ""  # app.vocabulary.Judgement value, or "" when not recorded
    decision: str = ""  # app.vocabulary.Decision value, or ""
    notes: str = ""


@dataclass
class PlanData:
    lang: str
    person_name: str
    person_name_original: str = ""
    record_number: str = ""
    case_manager: str = ""
    perspective: str = ""  # app.vocabulary.Perspective value
    start_date: date | None = None
    target_date: date | None = None
    goals: list[PlanGoal] = field(default_factory=list)
    evaluation_dates: list[date] = field(default_factory=list)
    evaluations: list[PlanEvaluation] = field(default_factory=list)
    place: str = ""
    printed_on: date | None = None
    # The language the goals' and actions' translations are in (printed only when the plan
    # is printed in that language) and the interpreter who typed them.
    translation_language: str = ""
    interpreter_name: str = ""


@dataclass
class Both:
    """A printed text in Dutch and in the person's language (``own`` None: the same words,
    or a Dutch document)."""

    dutch: str
    own: str | None = None


@dataclass
class AccessRow:
    """One fact in the subject access letter: a label in both languages and the value, as
    typed (``value``) or in words of both languages (``words``)."""

    label: Both
    value: str = ""
    words: Both | None = None


@dataclass
class AccessSection:
    title: Both
    paragraphs: list[Both] = field(default_factory=list)
    rows: list[AccessRow] = field(default_factory=list)


@dataclass
class AccessLetter:
    """Subject access a person can read: no codes, no internal ids, dates as on paper."""

    lang: str
    person_name: str
    record_number: str
    made_on: date
    office_name: str
    title: Both
    intro: list[Both]
    sections: list[AccessSection]


@dataclass
class FormQuestion:
    """One question of a blank questionnaire on paper: numbered as on the screen, texts in
    Dutch and the person's language, and what to answer with: ``kind`` is "choose_one",
    "choose_more", "line", "lines", "date", "number" or "languages"."""

    number: int
    text: Both
    kind: str
    help: Both | None = None
    choices: list[Both] = field(default_factory=list)
    only_if: Both | None = None  # when the question applies (another question's answer)


@dataclass
class FormSection:
    title: Both
    questions: list[FormQuestion] = field(default_factory=list)
    help: Both | None = None
    only_if: Both | None = None


@dataclass
class FormData:
    """A blank intake questionnaire to fill in on paper, typed in later."""

    lang: str
    title: Both
    questionnaire_id: str
    version: int
    sections: list[FormSection]
    reading_levels: list[Both] = field(default_factory=list)  # for "languages" questions
