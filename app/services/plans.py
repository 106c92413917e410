"""Perspective plans: the perspective, the goals and actions to reach it, and its end.

The next evaluation is due six months (``evaluation_months``) after the start or after the
last evaluation held, or earlier when the case manager sets a date. Ending a plan needs a
second user's confirmation (four-eyes principle).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app import settings
from app.access.permissions import Permission, require_user
from app.dates import add_months, parse_date
from app.errors import Conflict, InvalidInput, NotAllowed, NotFound
from app.i18n import _
from app.services import audit, drafts, users
from app.services.last_contact import touch
from app.store.models import Action, Goal, Person, PerspectivePlan
from app.text import clean_text
from app.vocabulary import GoalDomain, OutflowReason, Owner, Perspective, PlanStatus, WorkStatus


@dataclass
class PlanFields:
    perspective: str | None = None
    start_date: str | None = None
    target_date: str | None = None
    case_manager_id: uuid.UUID | None = None
    evaluation_months: int | None = None
    next_evaluation_on: str | None = None
    translation_language: str | None = None  # the language of the goals' translations
    interpreter_name: str | None = None  # who typed them


@dataclass
class GoalFields:
    domain: str | None = None
    description: str | None = None
    description_translated: str | None = None  # in the person's language, by an interpreter
    due_date: str | None = None
    status: str | None = None


@dataclass
class ActionFields:
    description: str | None = None
    description_translated: str | None = None
    owner: str | None = None
    owner_name: str | None = None
    due_date: str | None = None
    status: str | None = None


def _enum(enum, raw: str, name: str, problems: dict[str, str]):  # noqa: ANN001, ANN202
    try:
        return enum(raw)
    except ValueError:
        problems[name] = _("Choose one of the options.")
        return None


def _collect(values: dict[str, object], problems: dict[str, str], name: str, fn) -> None:  # noqa: ANN001
    try:
        values[name] = fn()
    except InvalidInput as err:
        problems.update(err.problems)


def _plan_values(data: PlanFields) -> dict[str, object]:
    problems: dict[str, str] = {}
    values: dict[str, object] = {}
    if data.perspective is not None:
        values["perspective"] = _enum(Perspective, data.perspective, "perspective", problems)
    for name in ("start_date", "target_date", "next_evaluation_on"):
        raw = getattr(data, name)
        if raw is not None:
            _collect(values, problems, name, lambda r=raw, n=name: parse_date(r, field=n))
    if data.evaluation_months is not None:
        if not 1 <= data.evaluation_months <= 6:
            problems["evaluation_months"] = _("Evaluate at least every six months (1 to 6).")
        values["evaluation_months"] = data.evaluation_months
    if data.case_manager_id is not None:
        values["case_manager_id"] = data.case_manager_id
    if data.translation_language is not None:
        _collect(values, problems, "translation_language",
                 lambda: _translation_language(data.translation_language))
    if data.interpreter_name is not None:
        _collect(values, problems, "interpreter_name", lambda: clean_text(
            data.interpreter_name, field="interpreter_name", max_length=200))
    start, target = values.get("start_date"), values.get("target_date")
    if isinstance(start, date) and isinstance(target, date) and target < start:
        problems["target_date"] = _("The target date lies before the start of the plan.")
    if problems:
        raise InvalidInput(problems)
    return values


def _translation_language(raw: str | None) -> str:
    """A document language (``ar``, ``ti`` …) or "" for none."""
    from app.documents.catalogue import CARD_LANGUAGES, canonical

    code = canonical((raw or "").strip())
    if code in ("", "nl"):
        return ""
    if code not in CARD_LANGUAGES:
        raise InvalidInput({"translation_language": _(
            "Choose one of the document languages.")})
    return code


def _translated(raw: str | None, problems: dict[str, str], values: dict[str, object]) -> None:
    _collect(values, problems, "description_translated", lambda: clean_text(
        raw, field="description_translated", max_length=2000, multiline=True))


def refresh_due_date(plan: PerspectivePlan) -> None:
    """Recompute when the next evaluation is due (kept on the plan for the Today list)."""
    if plan.status == PlanStatus.ENDED:
        plan.evaluation_due_on = None
        return
    held = [e.held_on for e in plan.evaluations if e.held_on is not None]
    base = max(held) if held else plan.start_date
    due = add_months(base, plan.evaluation_months)
    if plan.next_evaluation_on is not None and plan.next_evaluation_on > base:
        due = min(due, plan.next_evaluation_on)
    plan.evaluation_due_on = due


def create_plan(db: Session, by: uuid.UUID | None, person_id: uuid.UUID,
                data: PlanFields) -> PerspectivePlan:
    require_user(db, by)
    person = db.get(Person, person_id)
    if person is None:
        raise NotFound(_("This person is no longer in the database."))
    if data.perspective is None:
        data.perspective = Perspective.ORIENTATION.value
    if data.translation_language is None:  # the interpreter types in the person's language
        try:
            data.translation_language = _translation_language(person.document_language)
        except InvalidInput:
            data.translation_language = ""
    values = _plan_values(data)
    if values.get("start_date") is None:
        values["start_date"] = date.today()  # no start given (or left empty): today
    values.setdefault("evaluation_months", settings.get(db, "evaluation_months"))
    plan = PerspectivePlan(person_id=person_id, created_by=by, updated_by=by, evaluations=[],
                           goals=[], **values)
    refresh_due_date(plan)
    db.add(plan)
    db.flush()
    audit.record(db, by, "create", "plan", plan.id, person_id=person_id)
    touch(db, person_id)
    return plan


def get_plan(db: Session, by: uuid.UUID | None, plan_id: uuid.UUID) -> PerspectivePlan:
    """The plan with its goals, actions and evaluations."""
    require_user(db, by)
    return _plan(db, plan_id)


def _plan(db: Session, plan_id: uuid.UUID) -> PerspectivePlan:
    """``get_plan`` for a caller that has checked its user already."""
    stmt = (select(PerspectivePlan).where(PerspectivePlan.id == plan_id)
            .options(selectinload(PerspectivePlan.goals).selectinload(Goal.actions),
                     selectinload(PerspectivePlan.evaluations)))
    plan = db.scalars(stmt).one_or_none()
    if plan is None:
        raise NotFound(_("This plan is no longer in the database."))
    return plan


def _check_version(record: object, version: int) -> None:
    if record.version != version:
        raise Conflict(_("Someone else changed this while you were editing. Your changes are "
                         "still in the form; reopen to see theirs, then save again."))


def _check_open(plan: PerspectivePlan) -> None:
    if plan.status == PlanStatus.ENDED:
        raise NotAllowed(_("This plan has ended and can no longer be changed."))


def update_plan(db: Session, by: uuid.UUID | None, plan_id: uuid.UUID, version: int,
                data: PlanFields) -> PerspectivePlan:
    require_user(db, by)
    plan = _plan(db, plan_id)
    _check_version(plan, version)
    _check_open(plan)
    for name, value in _plan_values(data).items():
        setattr(plan, name, value)
    if plan.target_date and plan.target_date < plan.start_date:
        raise InvalidInput({"target_date": _("The target date lies before the start of the "
                                             "plan.")})
    plan.updated_by = by
    refresh_due_date(plan)
    audit.record(db, by, "update", "plan", plan.id, person_id=plan.person_id)
    touch(db, plan.person_id)
    db.flush()
    return plan


def activate_plan(db: Session, by: uuid.UUID | None, plan_id: uuid.UUID) -> PerspectivePlan:
    """The plan is agreed with the person: from now on it is evaluated."""
    require_user(db, by)
    plan = _plan(db, plan_id)
    _check_open(plan)
    if plan.status == PlanStatus.ACTIVE:
        plan.revision += 1
    plan.status = PlanStatus.ACTIVE
    plan.updated_by = by
    refresh_due_date(plan)
    audit.record(db, by, "update", "plan", plan.id, person_id=plan.person_id, detail="active")
    touch(db, plan.person_id)
    return plan


def _goal_values(data: GoalFields) -> dict[str, object]:
    problems: dict[str, str] = {}
    values: dict[str, object] = {}
    if data.domain is not None:
        values["domain"] = _enum(GoalDomain, data.domain, "domain", problems)
    if data.status is not None:
        values["status"] = _enum(WorkStatus, data.status, "status", problems)
    if data.description is not None:
        _collect(values, problems, "description", lambda: clean_text(
            data.description, field="description", max_length=2000, multiline=True))
        if not values.get("description") and "description" not in problems:
            problems["description"] = _("Describe the goal.")
    if data.description_translated is not None:
        _translated(data.description_translated, problems, values)
    if data.due_date is not None:
        _collect(values, problems, "due_date", lambda: parse_date(data.due_date, field="due_date"))
    if problems:
        raise InvalidInput(problems)
    return values


def add_goal(db: Session, by: uuid.UUID | None, plan_id: uuid.UUID, data: GoalFields) -> Goal:
    require_user(db, by)
    plan = _plan(db, plan_id)
    _check_open(plan)
    if data.description is None:
        raise InvalidInput({"description": _("Describe the goal.")})
    values = _goal_values(data)
    values.setdefault("domain", GoalDomain.OTHER)
    goal = Goal(plan_id=plan.id, position=len(plan.goals), created_by=by, updated_by=by,
                actions=[], **values)
    plan.goals.append(goal)
    db.flush()
    audit.record(db, by, "create", "goal", goal.id, person_id=plan.person_id)
    touch(db, plan.person_id)
    return goal


def update_goal(db: Session, by: uuid.UUID | None, goal_id: uuid.UUID, version: int,
                data: GoalFields) -> Goal:
    require_user(db, by)
    goal = db.get(Goal, goal_id)
    if goal is None:
        raise NotFound(_("This goal is no longer in the plan."))
    _check_version(goal, version)
    _check_open(goal.plan)
    for name, value in _goal_values(data).items():
        setattr(goal, name, value)
    goal.updated_by = by
    audit.record(db, by, "update", "goal", goal.id, person_id=goal.plan.person_id)
    touch(db, goal.plan.person_id)
    db.flush()
    return goal


def delete_goal(db: Session, by: uuid.UUID | None, goal_id: uuid.UUID) -> None:
    require_user(db, by)
    goal = db.get(Goal, goal_id)
    if goal is None:
        return
    _check_open(goal.plan)
    person_id = goal.plan.person_id
    drafts.discard_everyones(db, person_id, drafts.goal_forms(goal))
    db.delete(goal)
    audit.record(db, by, "delete", "goal", goal_id, person_id=person_id)
    touch(db, person_id)


def _action_values(data: ActionFields) -> dict[str, object]:
    problems: dict[str, str] = {}
    values: dict[str, object] = {}
    if data.owner is not None:
        values["owner"] = _enum(Owner, data.owner, "owner", problems)
    if data.status is not None:
        values["status"] = _enum(WorkStatus, data.status, "status", problems)
    if data.owner_name is not None:
        _collect(values, problems, "owner_name",
                 lambda: clean_text(data.owner_name, field="owner_name", max_length=200))
    if data.description is not None:
        _collect(values, problems, "description", lambda: clean_text(
            data.description, field="description", max_length=2000, multiline=True))
        if not values.get("description") and "description" not in problems:
            problems["description"] = _("Describe the action.")
    if data.description_translated is not None:
        _translated(data.description_translated, problems, values)
    if data.due_date is not None:
        _collect(values, problems, "due_date", lambda: parse_date(data.due_date, field="due_date"))
    if problems:
        raise InvalidInput(problems)
    return values


def add_action(db: Session, by: uuid.UUID | None, goal_id: uuid.UUID,
               data: ActionFields) -> Action:
    require_user(db, by)
    goal = db.get(Goal, goal_id)
    if goal is None:
        raise NotFound(_("This goal is no longer in the plan."))
    _check_open(goal.plan)
    if data.description is None:
        raise InvalidInput({"description": _("Describe the action.")})
    action = Action(goal_id=goal.id, position=len(goal.actions), created_by=by, updated_by=by,
                    **_action_values(data))
    goal.actions.append(action)
    db.flush()
    audit.record(db, by, "create", "action", action.id, person_id=goal.plan.person_id)
    touch(db, goal.plan.person_id)
    return action


def update_action(db: Session, by: uuid.UUID | None, action_id: uuid.UUID, version: int,
                  data: ActionFields) -> Action:
    require_user(db, by)
    action = db.get(Action, action_id)
    if action is None:
        raise NotFound(_("This action is no longer in the plan."))
    _check_version(action, version)
    _check_open(action.goal.plan)
    for name, value in _action_values(data).items():
        setattr(action, name, value)
    action.updated_by = by
    audit.record(db, by, "update", "action", action.id, person_id=action.goal.plan.person_id)
    touch(db, action.goal.plan.person_id)
    db.flush()
    return action


def end_plan(db: Session, by: uuid.UUID | None, plan_id: uuid.UUID, *, reason: str,
             note: str, ended_on: str | None, confirmer: str, confirmer_password: str
             ) -> PerspectivePlan:
    """End support under the four-eyes principle: a second user confirms with their password.

    Raises:
        NotAllowed: no second user, or the same user twice.
        WrongPassphrase: the second user's password does not match.
    """
    require_user(db, by, Permission.END_PLAN)
    plan = _plan(db, plan_id)
    _check_open(plan)
    problems: dict[str, str] = {}
    outflow = _enum(OutflowReason, reason, "reason", problems)
    values: dict[str, object] = {}
    _collect(values, problems, "note", lambda: clean_text(note, field="note", max_length=4000,
                                                          multiline=True))
    _collect(values, problems, "ended_on", lambda: parse_date(ended_on, field="ended_on"))
    if problems:
        raise InvalidInput(problems)
    second = users.confirm_second_user(db, by, confirmer, confirmer_password)
    drafts.discard_everyones(db, plan.person_id,  # an ended plan's goals are not edited again
                             [form for goal in plan.goals for form in drafts.goal_forms(goal)])
    plan.status = PlanStatus.ENDED
    plan.outflow_reason = outflow
    plan.end_note = str(values["note"])
    plan.ended_on = values["ended_on"] or date.today()  # type: ignore[assignment]
    plan.ended_by = by
    plan.end_confirmed_by = second.id
    plan.updated_by = by
    refresh_due_date(plan)
    audit.record(db, by, "end", "plan", plan.id, person_id=plan.person_id)
    touch(db, plan.person_id)
    audit.record(db, second.id, "confirm", "plan", plan.id, person_id=plan.person_id)
    return plan


def current_plan(db: Session, by: uuid.UUID | None, person_id: uuid.UUID
                 ) -> PerspectivePlan | None:
    """The person's plan that is not ended (draft or active), if any."""
    require_user(db, by)
    return _current_plan(db, person_id)


def _current_plan(db: Session, person_id: uuid.UUID) -> PerspectivePlan | None:
    """``current_plan`` for a caller that has checked its user already."""
    stmt = (select(PerspectivePlan)
            .where(PerspectivePlan.person_id == person_id,
                   PerspectivePlan.status != PlanStatus.ENDED)
            .order_by(PerspectivePlan.created_at.desc()).limit(1))
    plan_id = db.scalar(stmt.with_only_columns(PerspectivePlan.id))
    return _plan(db, plan_id) if plan_id else None
