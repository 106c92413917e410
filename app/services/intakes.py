"""Intakes: a questionnaire asked of a person, saved as a draft as it goes, then completed.

Each intake keeps the id and version of the questionnaire it was answered with, so old
intakes stay readable after the questionnaire changes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.access.permissions import require_user
from app.errors import InvalidInput, NotAllowed, NotFound
from app.i18n import _
from app.services import audit, consents
from app.services.last_contact import touch
from app.services.plans import _check_version
from app.store.models import Intake, Person
from app.store.types import utcnow
from app.vocabulary import IntakeStatus

Validator = Callable[[dict[str, Any]], dict[str, str]]


def start_intake(db: Session, by: uuid.UUID | None, person_id: uuid.UUID,
                 questionnaire_id: str, questionnaire_version: int) -> Intake:
    require_user(db, by)
    if db.get(Person, person_id) is None:
        raise NotFound(_("This person is no longer in the database."))
    intake = Intake(person_id=person_id, questionnaire_id=questionnaire_id,
                    questionnaire_version=questionnaire_version, answers={},
                    conducted_by=by, created_by=by, updated_by=by)
    db.add(intake)
    db.flush()
    audit.record(db, by, "create", "intake", intake.id, person_id=person_id)
    touch(db, person_id)
    return intake


def get_intake(db: Session, by: uuid.UUID | None, intake_id: uuid.UUID) -> Intake:
    require_user(db, by)
    return _intake(db, intake_id)


def _intake(db: Session, intake_id: uuid.UUID) -> Intake:
    """``get_intake`` for a service that has checked its user already."""
    intake = db.get(Intake, intake_id)
    if intake is None:
        raise NotFound(_("This intake is no longer in the database."))
    return intake


def save_draft(db: Session, by: uuid.UUID | None, intake_id: uuid.UUID, version: int,
               answers: dict[str, Any], current_question: str | None = None) -> Intake:
    """Keep what was answered so far; the intake resumes at ``current_question``."""
    require_user(db, by)
    intake = _intake(db, intake_id)
    _check_version(intake, version)
    if intake.status == IntakeStatus.COMPLETE:
        raise NotAllowed(_("This intake is complete; start a new one to change answers."))
    intake.answers = dict(answers)
    intake.current_question = current_question
    intake.updated_by = by
    db.flush()
    touch(db, intake.person_id)
    consents.from_intake(db, by, intake)  # the answers about consent make the records
    return intake


def complete_intake(db: Session, by: uuid.UUID | None, intake_id: uuid.UUID, version: int,
                    answers: dict[str, Any], validate: Validator,
                    triage: dict[str, Any] | None = None) -> Intake:
    """Complete the intake if ``validate`` finds no problem (all problems raised at once)."""
    require_user(db, by)
    intake = _intake(db, intake_id)
    _check_version(intake, version)
    problems = validate(answers)
    if problems:
        raise InvalidInput(problems)
    intake.answers = dict(answers)
    intake.status = IntakeStatus.COMPLETE
    intake.completed_at = utcnow()
    intake.current_question = None
    intake.triage = triage
    intake.updated_by = by
    audit.record(db, by, "complete", "intake", intake.id, person_id=intake.person_id)
    db.flush()
    touch(db, intake.person_id)
    consents.from_intake(db, by, intake)  # the answers about consent make the records
    return intake


def set_triage(db: Session, by: uuid.UUID | None, intake_id: uuid.UUID,
               triage: dict[str, Any]) -> Intake:
    require_user(db, by)
    intake = _intake(db, intake_id)
    intake.triage = triage
    intake.updated_by = by
    audit.record(db, by, "update", "intake", intake.id, person_id=intake.person_id,
                 detail="triage")
    return intake


def intakes_of(db: Session, by: uuid.UUID | None, person_id: uuid.UUID) -> list[Intake]:
    """The person's intakes, oldest first."""
    require_user(db, by)
    return _intakes_of(db, person_id)


def _intakes_of(db: Session, person_id: uuid.UUID) -> list[Intake]:
    return list(db.scalars(select(Intake).where(Intake.person_id == person_id)
                           .order_by(Intake.started_at)))


@dataclass(frozen=True)
class OpenIntake:
    intake_id: uuid.UUID
    person_id: uuid.UUID
    record_code: str
    person_name: str
    questionnaire_id: str
    started_at: datetime


def unfinished(db: Session, by: uuid.UUID | None, limit: int = 200) -> list[OpenIntake]:
    """Draft intakes, oldest first (for the Today screen)."""
    require_user(db, by)
    stmt = (select(Intake.id, Intake.person_id, Person.record_number, Person.given_names,
                   Person.family_name, Person.name_original, Person.nickname,
                   Intake.questionnaire_id, Intake.started_at)
            .join(Person, Person.id == Intake.person_id)
            .where(Intake.status == IntakeStatus.DRAFT).order_by(Intake.started_at).limit(limit))
    out = []
    for iid, pid, number, given, family, original, nick, qid, started in db.execute(stmt):
        name = " ".join(p for p in (given, family) if p) or original or nick
        out.append(OpenIntake(iid, pid, f"W-{number:05d}", name, qid, started))
    return out


# --- Asking a questionnaire: drafts as you go, completion, triage advice and decision -----

# Residence statuses of the person record that mean the same as an answer to the intake's
# "status" question. "undocumented" is the record's default (it may never have been asked) and
# "residence_permit" does not say in which country: both are asked again.
_STATUS_ANSWERS = {"asylum_procedure": "asylum_procedure", "dublin_claim": "dublin_claim"}


def registered_answers(person: Person) -> dict[str, Any]:
    """What registration already recorded, as answers to intake questions (by question id).

    The intake starts from these; the volunteer checks them and may change them. Questions a
    questionnaire does not have are left out when the answers are read.
    """
    raw: dict[str, Any] = {}
    if person.nationality:
        raw["nationality"] = person.nationality
    status = _STATUS_ANSWERS.get(str(person.status.value) if person.status else "")
    if status:
        raw["status"] = status
    if person.v_number:
        raw["has_v_number"] = "yes"
        raw["v_number"] = person.v_number
    languages = sorted(person.languages, key=lambda pl: pl.position)
    if languages:
        raw["languages"] = [{"language": pl.language, "reading": str(pl.reading.value)}
                            for pl in languages]
    return raw


def begin(db: Session, by: uuid.UUID | None, person_id: uuid.UUID,
          questionnaire_id: str) -> Intake:
    """Start the newest version of a questionnaire for a person, with what registration
    already recorded (nationality, languages, V-number...) filled in."""
    require_user(db, by)
    from app import questionnaire

    q = questionnaire.latest(questionnaire_id)
    intake = start_intake(db, by, person_id, q.id, q.version)
    answers, _problems = questionnaire.read_form(q, registered_answers(intake.person))
    if answers:
        intake.answers = answers
    # The form opens with the cursor here: the first question, or the first one registration
    # did not answer.
    from app.questionnaire.engine import walk

    nxt = next((step.question for step in walk(q, answers)
                if step.visible and not step.answered), None)
    intake.current_question = nxt.id if nxt else None
    db.flush()
    return intake


def questionnaire_of(intake: Intake):  # noqa: ANN201 - a Questionnaire
    """The exact questionnaire version the intake was answered with."""
    from app import questionnaire

    return questionnaire.load(intake.questionnaire_id, intake.questionnaire_version)


def save_progress(db: Session, by: uuid.UUID | None, intake_id: uuid.UUID, version: int,
                  raw: dict[str, Any]) -> tuple[Intake, dict[str, str]]:
    """Keep what was typed so far (as a draft) and say where to resume.

    Returns the intake and the problems of the answers that could not be read; those answers
    are left out of the draft, everything else is kept.
    """
    require_user(db, by)
    from app import questionnaire

    intake = _intake(db, intake_id)
    q = questionnaire_of(intake)
    answers, problems = questionnaire.read_form(q, {**intake.answers, **raw})
    nxt = questionnaire.next_unanswered(q, answers)
    save_draft(db, by, intake_id, version, answers, nxt.id if nxt else None)
    return intake, problems


def finish(db: Session, by: uuid.UUID | None, intake_id: uuid.UUID, version: int,
           raw: dict[str, Any], *, today: date | None = None) -> Intake:
    """Complete the intake (every problem at once) and attach the triage advice."""
    require_user(db, by)
    from app import questionnaire

    intake = _intake(db, intake_id)
    q = questionnaire_of(intake)
    answers, problems = questionnaire.read_form(q, {**intake.answers, **raw})
    if problems:
        raise InvalidInput(problems)
    final = questionnaire.complete(q, answers)
    intake = complete_intake(db, by, intake_id, version, final, lambda _a: {})
    intake.triage = {"advice": _advice(db, intake.person_id, today=today).to_dict(),
                     "decision": None}
    db.flush()
    return intake


def advise_person(db: Session, by: uuid.UUID | None, person_id: uuid.UUID, *,
                  today: date | None = None):  # noqa: ANN201 - an Advice
    """Triage advice from the person's latest completed short intake and screening."""
    require_user(db, by)
    return _advice(db, person_id, today=today)


def _advice(db: Session, person_id: uuid.UUID, *, today: date | None = None):  # noqa: ANN202
    """``advise_person`` for a service that has checked its user already."""
    from app import questionnaire

    person = db.get(Person, person_id)
    if person is None:
        raise NotFound(_("This person is no longer in the database."))
    latest: dict[str, Intake] = {}
    for intake in _intakes_of(db, person_id):
        if intake.status == IntakeStatus.COMPLETE:
            latest[intake.questionnaire_id] = intake
    answers = questionnaire.merge_answers(*(i.answers for i in latest.values()))
    return questionnaire.advise(
        answers, birth_date=person.birth_date, sex=person.sex.value,
        screening_complete="extended_screening" in latest, today=today)


def decide(db: Session, by: uuid.UUID | None, intake_id: uuid.UUID, outcome: str,
           override_reason: str | None = None, *, confirmer: str | None = None,
           confirmer_password: str | None = None) -> Intake:
    """Record the volunteer's decision; departing from the advice needs a reason, and refusing
    admission against the advice a second user's own password (four eyes; without it, ask
    for approval with ``team_decisions.propose_refusal``)."""
    require_user(db, by)
    from app import questionnaire

    intake = _intake(db, intake_id)
    if intake.status != IntakeStatus.COMPLETE or not intake.triage:
        raise NotAllowed(_("Complete the intake first; then decide on the advice."))
    advice = questionnaire.Advice.from_dict(intake.triage["advice"])
    decision = questionnaire.decide(advice, outcome, decided_by=str(by or "command-line"),
                                    override_reason=override_reason)
    from app.services import team_decisions

    second = team_decisions.refusal_with_password(
        db, by, intake, str(decision.outcome), str(advice.outcome), decision.override_reason,
        confirmer, confirmer_password)
    intake.triage = {**intake.triage, "decision": decision.to_dict()
                     | ({"confirmed_by": str(second)} if second else {})}
    intake.updated_by = by
    audit.record(db, by, "update", "intake", intake.id, person_id=intake.person_id,
                 detail="decision")
    db.flush()
    return intake
