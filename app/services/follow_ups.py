"""Appointments and reminders about a person ("accompany to the GP", "lawyer appointment"):
a date, an owner (a user who sees it on Today) and optionally the goal of the plan it serves.

Any logged-in user may add one and mark it done; the owner must be an active user. Follow-ups
with a goal print under that goal in the plan document (``app.printing.document_data``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.access.permissions import require_user
from app.dates import parse_date
from app.errors import InvalidInput, NotAllowed, NotFound
from app.i18n import _
from app.records import display_name, format_record_number
from app.services import audit
from app.store.models import FollowUp, Goal, Person, PerspectivePlan, User
from app.text import clean_text


@dataclass
class FollowUpFields:
    description: str = ""
    due_on: str | None = None
    owner_id: uuid.UUID | None = None  # empty: the user adding it
    goal_id: uuid.UUID | None = None


@dataclass(frozen=True)
class FollowUpRow:
    id: uuid.UUID
    person_id: uuid.UUID
    record_code: str
    person_name: str
    description: str
    due_on: date
    owner: str
    owner_id: uuid.UUID
    goal_id: uuid.UUID | None
    goal: str
    done_on: date | None
    overdue: bool


def add_follow_up(db: Session, by: uuid.UUID | None, person_id: uuid.UUID,
                  data: FollowUpFields) -> FollowUp:
    """Add a follow-up (audited); every problem of the fields at once."""
    require_user(db, by)
    if db.get(Person, person_id) is None:
        raise NotFound(_("This person is no longer in the database."))
    problems: dict[str, str] = {}
    description = ""
    try:
        description = clean_text(data.description, field="description", max_length=500)
        if not description:
            problems["description"] = _("Say what is to be done, for example 'accompany to "
                                        "the GP'.")
    except InvalidInput as err:
        problems.update(err.problems)
    due_on = None
    try:
        due_on = parse_date(data.due_on, field="due_on", required=True)
    except InvalidInput as err:
        problems.update(err.problems)
    owner_id = data.owner_id or by
    owner = db.get(User, owner_id)
    if owner is None or not owner.active:
        problems["owner_id"] = _("Choose an active user to follow this up.")
    if data.goal_id is not None:
        goal = db.get(Goal, data.goal_id)
        if goal is None or goal.plan.person_id != person_id:
            problems["goal_id"] = _("This goal is not in this person's plan.")
    if problems:
        raise InvalidInput(problems)
    item = FollowUp(person_id=person_id, description=description, due_on=due_on,
                    owner_id=owner_id, goal_id=data.goal_id, created_by=by, updated_by=by)
    db.add(item)
    db.flush()
    audit.record(db, by, "create", "follow_up", item.id, person_id=person_id)
    return item


def mark_done(db: Session, by: uuid.UUID | None, follow_up_id: uuid.UUID,
              done_on: date | None = None) -> FollowUp:
    require_user(db, by)
    item = db.get(FollowUp, follow_up_id)
    if item is None:
        raise NotFound(_("This follow-up is no longer in the database."))
    if item.done_on is not None:
        raise NotAllowed(_("This follow-up is already done."))
    item.done_on = done_on or date.today()
    item.updated_by = by
    audit.record(db, by, "complete", "follow_up", item.id, person_id=item.person_id)
    return item


def remove_follow_up(db: Session, by: uuid.UUID | None, follow_up_id: uuid.UUID) -> None:
    require_user(db, by)
    item = db.get(FollowUp, follow_up_id)
    if item is None:
        return
    person_id = item.person_id
    db.delete(item)
    audit.record(db, by, "delete", "follow_up", follow_up_id, person_id=person_id)


def _rows(db: Session, stmt, today: date) -> list[FollowUpRow]:  # noqa: ANN001
    out = []
    for item, number, given, family, original, nick, owner, goal in db.execute(stmt):
        out.append(FollowUpRow(
            item.id, item.person_id, format_record_number(number),
            display_name(given, family, original, nick), item.description, item.due_on,
            owner or "", item.owner_id, item.goal_id, goal or "", item.done_on,
            item.done_on is None and item.due_on < today))
    return out


def _select():  # noqa: ANN202
    return (select(FollowUp, Person.record_number, Person.given_names, Person.family_name,
                   Person.name_original, Person.nickname, User.display_name, Goal.description)
            .join(Person, Person.id == FollowUp.person_id)
            .join(User, User.id == FollowUp.owner_id)
            .outerjoin(Goal, Goal.id == FollowUp.goal_id))


def follow_ups_of(db: Session, by: uuid.UUID | None, person_id: uuid.UUID, *,
                  today: date | None = None) -> list[FollowUpRow]:
    """The person's follow-ups: open ones first (soonest first), then those done."""
    require_user(db, by)
    stmt = _select().where(FollowUp.person_id == person_id).order_by(
        FollowUp.done_on.is_not(None), FollowUp.due_on)
    return _rows(db, stmt, today or date.today())


def due_for(db: Session, by: uuid.UUID | None, owner_id: uuid.UUID | None = None, *,
            within_days: int = 14, today: date | None = None,
            limit: int = 500) -> list[FollowUpRow]:
    """Open follow-ups of ``owner_id`` (all owners when None) overdue or due within
    ``within_days``, soonest first (for Today and ``wegwijs followups``)."""
    require_user(db, by)
    today = today or date.today()
    stmt = (_select().where(FollowUp.done_on.is_(None),
                            FollowUp.due_on <= today + timedelta(days=within_days))
            .order_by(FollowUp.due_on).limit(limit))
    if owner_id is not None:
        stmt = stmt.where(FollowUp.owner_id == owner_id)
    return _rows(db, stmt, today)


def by_goal(db: Session, by: uuid.UUID | None, plan: PerspectivePlan
            ) -> dict[uuid.UUID, list[FollowUp]]:
    """The plan's follow-ups under their goal, soonest first (for the plan document)."""
    require_user(db, by)
    goal_ids = [g.id for g in plan.goals]
    if not goal_ids:
        return {}
    out: dict[uuid.UUID, list[FollowUp]] = {}
    for item in db.scalars(select(FollowUp).where(FollowUp.goal_id.in_(goal_ids))
                           .order_by(FollowUp.due_on)):
        out.setdefault(item.goal_id, []).append(item)  # type: ignore[arg-type]
    return out
