"""Decisions about a case taken by more than one person (seed 003).

- "A multidisciplinary team decides, in case of doubt (when someone does not meet the criteria
  at first), whether there are reasons to admit them all the same" (5.4.3), and "the outcome of
  the extended screening is, when the case is complex, discussed in a multidisciplinary team"
  (5.4.4): ``record_team_decision`` keeps the decision, the date, who took part and the reason
  on the person, and (for an intake) applies the outcome to the intake's triage decision.
- Refusing admission against the advice needs a second person, as ending support does
  ("the four-eyes principle", 5.5.2): either a second user confirms at once with their own
  password (``intakes.decide(..., confirmer=, confirmer_password=)``), or the refusal waits as
  a pending decision (``propose_refusal``) until another user approves it (``confirm``), logged
  in as themselves, or turns it down (``reject``). The services enforce it, whatever calls them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.access.permissions import Permission, require_user
from app.dates import parse_date
from app.errors import InvalidInput, NotAllowed, NotFound
from app.i18n import _
from app.services import audit, users
from app.store.models import Intake, Person, TeamDecision, User
from app.text import clean_text
from app.vocabulary import DecisionStatus, IntakeStatus, TeamDecisionKind, UserRole

REFUSAL = "no_admission"
MIN_REASON = 10


@dataclass
class TeamFields:
    """A multidisciplinary team's decision as typed in the window or on the command line."""

    decided_on: str | None = None
    participants: str = ""
    outcome: str = ""
    reason: str = ""
    intake_id: uuid.UUID | None = None


def is_refusal_against_advice(outcome: str, advised: str | None) -> bool:
    """Refusing admission where the advice did not: needs a second person."""
    return outcome == REFUSAL and advised != REFUSAL


def _outcomes() -> tuple[str, ...]:
    from app.questionnaire.triage import Outcome

    return tuple(o.value for o in Outcome)


def _intake(db: Session, intake_id: uuid.UUID) -> Intake:
    intake = db.get(Intake, intake_id)
    if intake is None:
        raise NotFound(_("This intake is no longer in the database."))
    return intake


def _advised(intake: Intake) -> str | None:
    advice = (intake.triage or {}).get("advice") or {}
    return advice.get("outcome")


def _write_decision(db: Session, intake: Intake, outcome: str, reason: str,
                    decided_by: uuid.UUID | None, confirmed_by: uuid.UUID | None) -> None:
    """Set the intake's triage decision (after the checks of the caller)."""
    from app import questionnaire

    if intake.status != IntakeStatus.COMPLETE or not intake.triage:
        raise NotAllowed(_("Complete the intake first; then decide on the advice."))
    advice = questionnaire.Advice.from_dict(intake.triage["advice"])
    decision = questionnaire.decide(advice, outcome, decided_by=str(decided_by),
                                    override_reason=reason or None).to_dict()
    if confirmed_by is not None:
        decision["confirmed_by"] = str(confirmed_by)
    intake.triage = {**intake.triage, "decision": decision}
    intake.updated_by = decided_by
    audit.record(db, decided_by, "update", "intake", intake.id, person_id=intake.person_id,
                 detail="decision")


def _checked(data: TeamFields, *, participants_required: bool) -> dict[str, Any]:
    problems: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, fn in (
            ("decided_on", lambda: parse_date(data.decided_on, field="decided_on")),
            ("participants", lambda: clean_text(data.participants, field="participants",
                                                max_length=2000, multiline=True)),
            ("reason", lambda: clean_text(data.reason, field="reason", max_length=4000,
                                          multiline=True))):
        try:
            values[name] = fn()
        except InvalidInput as err:
            problems.update(err.problems)
    if values.get("decided_on") and values["decided_on"] > date.today():
        problems["decided_on"] = _("A decision cannot be dated in the future.")
    if participants_required and "participants" in values and not values["participants"]:
        problems["participants"] = _("Record who took part in the decision.")
    if "reason" in values and len(values["reason"]) < MIN_REASON:
        problems["reason"] = _("Record the reason for the decision (a sentence at least).")
    if data.outcome not in _outcomes():
        problems["outcome"] = _("Choose a decision.")
    if problems:
        raise InvalidInput(problems)
    values["outcome"] = data.outcome
    return values


def record_team_decision(db: Session, by: uuid.UUID | None, person_id: uuid.UUID,
                         data: TeamFields) -> TeamDecision:
    """Record the multidisciplinary team's decision on a person. With an intake, the outcome
    becomes the intake's decision (the reason goes with it when it departs from the advice). A
    refusal against the advice waits for a second user (``confirm``)."""
    require_user(db, by, Permission.CASEWORK)
    if db.get(Person, person_id) is None:
        raise NotFound(_("This person is no longer in the database."))
    values = _checked(data, participants_required=True)
    intake = None
    if data.intake_id is not None:
        intake = _intake(db, data.intake_id)
        if intake.person_id != person_id:
            raise InvalidInput({"intake_id": _("This intake belongs to someone else.")})
        if intake.status != IntakeStatus.COMPLETE or not intake.triage:
            raise InvalidInput({"intake_id": _("Complete the intake first; then decide on the "
                                               "advice.")})
    pending = intake is not None and is_refusal_against_advice(values["outcome"],
                                                               _advised(intake))
    row = TeamDecision(person_id=person_id, kind=TeamDecisionKind.TEAM,
                       decided_on=values["decided_on"] or date.today(),
                       participants=values["participants"], outcome=values["outcome"],
                       reason=values["reason"], intake_id=intake.id if intake else None,
                       status=DecisionStatus.PENDING if pending else DecisionStatus.CONFIRMED,
                       proposed_by=by, settled_by=None if pending else by,
                       settled_at=None if pending else datetime.now(UTC),
                       created_by=by, updated_by=by)
    db.add(row)
    db.flush()
    audit.record(db, by, "create", "team_decision", row.id, person_id=person_id,
                 detail="pending" if pending else "")
    if intake is not None and not pending:
        _write_decision(db, intake, values["outcome"], values["reason"], by, None)
    db.flush()
    return row


def propose_refusal(db: Session, by: uuid.UUID | None, intake_id: uuid.UUID, reason: str,
                    participants: str = "", decided_on: str | None = None) -> TeamDecision:
    """Ask a second person to confirm refusing admission against the advice: nothing is
    decided on the intake until another user confirms."""
    require_user(db, by)
    intake = _intake(db, intake_id)
    if intake.status != IntakeStatus.COMPLETE or not intake.triage:
        raise NotAllowed(_("Complete the intake first; then decide on the advice."))
    values = _checked(TeamFields(decided_on, participants, REFUSAL, reason),
                      participants_required=False)
    if not is_refusal_against_advice(REFUSAL, _advised(intake)):
        raise NotAllowed(_("The advice is already not to admit; decide on the intake itself."))
    row = TeamDecision(person_id=intake.person_id, kind=TeamDecisionKind.REFUSE_ADMISSION,
                       decided_on=values["decided_on"] or date.today(),
                       participants=values["participants"], outcome=REFUSAL,
                       reason=values["reason"], intake_id=intake.id,
                       status=DecisionStatus.PENDING, proposed_by=by, created_by=by,
                       updated_by=by)
    db.add(row)
    db.flush()
    audit.record(db, by, "create", "team_decision", row.id, person_id=intake.person_id,
                 detail="pending")
    return row


def refusal_with_password(db: Session, by: uuid.UUID | None, intake: Intake, outcome: str,
                          advised: str | None, reason: str | None, confirmer: str | None,
                          confirmer_password: str | None) -> uuid.UUID | None:
    """The four-eyes check of ``intakes.decide``: None when the decision needs no second
    person; else the id of the second user who confirmed with their own password (and the
    refusal is kept as a confirmed decision on the person).

    Raises:
        NotAllowed: a refusal against the advice without a second user, or the same user.
        WrongPassphrase: the second user's password does not match.
    """
    require_user(db, by)
    if not is_refusal_against_advice(outcome, advised):
        return None
    if not confirmer:
        raise NotAllowed(_("Refusing admission against the advice needs a second person "
                           "(four eyes): let a case manager or coordinator confirm with their "
                           "own password, or ask for their approval."))
    second = users.confirm_second_user(db, by, confirmer, confirmer_password or "")
    row = TeamDecision(person_id=intake.person_id, kind=TeamDecisionKind.REFUSE_ADMISSION,
                       decided_on=date.today(), participants="", outcome=REFUSAL,
                       reason=reason or "", intake_id=intake.id,
                       status=DecisionStatus.CONFIRMED, proposed_by=by, settled_by=second.id,
                       settled_at=datetime.now(UTC), created_by=by, updated_by=by)
    db.add(row)
    db.flush()
    audit.record(db, by, "create", "team_decision", row.id, person_id=intake.person_id)
    audit.record(db, second.id, "confirm", "team_decision", row.id,
                 person_id=intake.person_id)
    return second.id


def _decision(db: Session, decision_id: uuid.UUID) -> TeamDecision:
    row = db.get(TeamDecision, decision_id)
    if row is None:
        raise NotFound(_("This decision is no longer in the database."))
    return row


def _second(db: Session, by: uuid.UUID | None, row: TeamDecision) -> User:
    require_user(db, by)
    if row.status != DecisionStatus.PENDING:
        raise NotAllowed(_("This decision was already settled."))
    if by == row.proposed_by:
        raise NotAllowed(_("A second person must confirm this: log in as another user."))
    user = db.get(User, by)
    assert user is not None  # require_user checked
    if user.role == UserRole.VOLUNTEER:
        raise NotAllowed(_("Only a case manager or coordinator can confirm this."))
    return user


def confirm(db: Session, by: uuid.UUID | None, decision_id: uuid.UUID) -> TeamDecision:
    """The second person approves a pending decision (not the one who proposed it); its
    outcome becomes the intake's decision."""
    require_user(db, by)  # before anything is looked up
    row = _decision(db, decision_id)
    second = _second(db, by, row)
    if row.intake_id is not None:
        _write_decision(db, _intake(db, row.intake_id), row.outcome, row.reason,
                        row.proposed_by, second.id)
    row.status = DecisionStatus.CONFIRMED
    row.settled_by = second.id
    row.settled_at = datetime.now(UTC)
    row.updated_by = second.id
    audit.record(db, second.id, "confirm", "team_decision", row.id, person_id=row.person_id)
    db.flush()
    return row


def reject(db: Session, by: uuid.UUID | None, decision_id: uuid.UUID) -> TeamDecision:
    """The second person turns a pending decision down; the intake stays undecided."""
    require_user(db, by)  # before anything is looked up
    row = _decision(db, decision_id)
    second = _second(db, by, row)
    row.status = DecisionStatus.REJECTED
    row.settled_by = second.id
    row.settled_at = datetime.now(UTC)
    row.updated_by = second.id
    audit.record(db, second.id, "update", "team_decision", row.id, person_id=row.person_id,
                 detail="rejected")
    db.flush()
    return row


def decisions_of(db: Session, by: uuid.UUID | None, person_id: uuid.UUID) -> list[TeamDecision]:
    """A person's team decisions, newest first (their reasons may be medical: case managers
    and coordinators only)."""
    require_user(db, by, Permission.SEE_SENSITIVE)
    return list(db.scalars(select(TeamDecision).where(TeamDecision.person_id == person_id)
                           .order_by(TeamDecision.decided_on.desc(),
                                     TeamDecision.created_at.desc())))


@dataclass(frozen=True)
class Pending:
    decision_id: uuid.UUID
    person_id: uuid.UUID
    record_code: str
    person_name: str
    kind: str
    proposed_by: str
    decided_on: date


def pending(db: Session, by: uuid.UUID | None) -> list[Pending]:
    """Decisions waiting for a second person, oldest first."""
    require_user(db, by)
    names = {u.id: u.display_name for u in db.scalars(select(User))}
    rows = db.execute(select(TeamDecision, Person).join(Person,
                                                        Person.id == TeamDecision.person_id)
                      .where(TeamDecision.status == DecisionStatus.PENDING)
                      .order_by(TeamDecision.created_at))
    return [Pending(d.id, p.id, p.record_code, p.display_name, d.kind.value,
                    names.get(d.proposed_by, ""), d.decided_on) for d, p in rows]
