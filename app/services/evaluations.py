"""Evaluations of a perspective plan: at least every six months, against fixed criteria."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.access.permissions import require_user
from app.dates import parse_date
from app.errors import InvalidInput
from app.i18n import _
from app.services import audit
from app.services.last_contact import touch
from app.services.plans import _check_open, _plan, refresh_due_date
from app.store.models import Evaluation, Person, PerspectivePlan, User
from app.text import clean_text
from app.vocabulary import EVALUATION_CRITERIA, Decision, Judgement, PlanStatus

CRITERIA = tuple(key for key, _label in EVALUATION_CRITERIA)


@dataclass
class EvaluationFields:
    held_on: str | None = None
    judgement: str | None = None
    criteria: dict[str, bool] = field(default_factory=dict)
    notes: str = ""
    decision: str | None = None
    next_evaluation_on: str | None = None


def record_evaluation(db: Session, by: uuid.UUID | None, plan_id: uuid.UUID,
                      data: EvaluationFields) -> Evaluation:
    """Record an evaluation held today (or on ``held_on``) and move the next due date."""
    require_user(db, by)
    plan = _plan(db, plan_id)
    _check_open(plan)
    problems: dict[str, str] = {}
    held_on = next_on = None
    try:
        held_on = parse_date(data.held_on, field="held_on") or date.today()
    except InvalidInput as err:
        problems.update(err.problems)
    try:
        next_on = parse_date(data.next_evaluation_on, field="next_evaluation_on")
    except InvalidInput as err:
        problems.update(err.problems)
    try:
        judgement = Judgement(data.judgement or "")
    except ValueError:
        problems["judgement"] = _("Say whether the person works sufficiently on the "
                                  "perspective.")
    try:
        decision = Decision(data.decision or Decision.CONTINUE.value)
    except ValueError:
        problems["decision"] = _("Choose one of the options.")
    unknown = set(data.criteria) - set(CRITERIA)
    if unknown:
        problems["criteria"] = _("Unknown criterion: {name}").format(name=sorted(unknown)[0])
    try:
        notes = clean_text(data.notes, field="notes", max_length=8000, multiline=True)
    except InvalidInput as err:
        problems.update(err.problems)
    if held_on and held_on > date.today():
        problems["held_on"] = _("An evaluation cannot be recorded before it is held.")
    if held_on and held_on < plan.start_date:
        problems["held_on"] = _("This date lies before the start of the plan.")
    if next_on and held_on and next_on <= held_on:
        problems["next_evaluation_on"] = _("The next evaluation must come after this one.")
    if data.decision == Decision.END.value:
        problems["decision"] = _("End the plan with 'End plan'; a second person confirms.")
    if problems:
        raise InvalidInput(problems)
    evaluation = Evaluation(
        plan_id=plan.id, due_on=plan.evaluation_due_on or held_on, held_on=held_on,
        judgement=judgement, criteria={k: bool(data.criteria.get(k, False)) for k in CRITERIA},
        notes=notes, decision=decision, held_by=by, created_by=by, updated_by=by)
    plan.evaluations.append(evaluation)
    plan.next_evaluation_on = next_on
    plan.updated_by = by
    refresh_due_date(plan)
    db.flush()
    audit.record(db, by, "create", "evaluation", evaluation.id, person_id=plan.person_id)
    touch(db, plan.person_id)
    return evaluation


@dataclass(frozen=True)
class DueEvaluation:
    person_id: uuid.UUID
    record_code: str
    person_name: str
    plan_id: uuid.UUID
    due_on: date
    overdue: bool
    case_manager: str


def due_evaluations(db: Session, by: uuid.UUID | None, *, within_days: int = 30,
                    today: date | None = None, case_manager_id: uuid.UUID | None = None,
                    limit: int = 500) -> list[DueEvaluation]:
    """Active plans whose evaluation is overdue or due within ``within_days``, soonest first."""
    require_user(db, by)
    today = today or date.today()
    stmt = (select(PerspectivePlan.id, PerspectivePlan.evaluation_due_on, Person.id,
                   Person.record_number, Person.given_names, Person.family_name,
                   Person.name_original, Person.nickname, User.display_name)
            .join(Person, Person.id == PerspectivePlan.person_id)
            .outerjoin(User, User.id == PerspectivePlan.case_manager_id)
            .where(PerspectivePlan.status == PlanStatus.ACTIVE,
                   PerspectivePlan.evaluation_due_on <= today + timedelta(days=within_days))
            .order_by(PerspectivePlan.evaluation_due_on).limit(limit))
    if case_manager_id is not None:
        stmt = stmt.where(PerspectivePlan.case_manager_id == case_manager_id)
    out = []
    for plan_id, due, pid, number, given, family, original, nick, manager in db.execute(stmt):
        name = " ".join(p for p in (given, family) if p) or original or nick
        out.append(DueEvaluation(pid, f"W-{number:05d}", name, plan_id, due, due < today,
                                 manager or ""))
    return out
