"""Small read helpers the window needs that no service offers yet (no Qt here).

``recently_opened`` belongs in ``app.services.audit`` and ``load_person_file`` next to
``persons.open_person``; they live here until their owners move them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.access.permissions import Permission, allowed, require_user, role_of
from app.errors import NotFound
from app.i18n import _
from app.services import audit, persons, plans, users
from app.services.search import PersonRow, _rows_by_id
from app.store.models import AuditEvent, Person, PerspectivePlan
from app.vocabulary import UserRole


def recently_opened(db: Session, by: uuid.UUID | None, limit: int = 15) -> list[PersonRow]:
    """The people ``by`` opened most recently, newest first (from the audit trail)."""
    require_user(db, by)
    last = func.max(AuditEvent.at).label("last")
    stmt = (select(AuditEvent.person_id, last)
            .where(AuditEvent.action == "open", AuditEvent.entity == "person",
                   AuditEvent.person_id.is_not(None))
            .where(AuditEvent.user_id == by)
            .group_by(AuditEvent.person_id).order_by(last.desc()).limit(limit))
    ids = [pid for pid, _at in db.execute(stmt)]
    rows = {r.id: r for r in _rows_by_id(db, ids)}
    return [rows[i] for i in ids if i in rows]


@dataclass
class PersonFile:
    """Everything one person window shows, loaded in one go (plain data for the screen)."""

    person: Person
    plan: PerspectivePlan | None
    users: dict[uuid.UUID, str]
    history: list[AuditEvent] = field(default_factory=list)
    #: The role of the user who loaded the file (None: no user, no rights).
    role: UserRole | None = None

    def may(self, permission: Permission) -> bool:
        """Whether the user who loaded this file holds ``permission`` (for showing actions)."""
        return allowed(self.role, permission)


def load_person_file(db: Session, by: uuid.UUID | None, person_id: uuid.UUID, *,
                     first: bool) -> PersonFile:
    """The person with contacts, consents and plans; ``first`` records the look in the audit.

    The history (audit trail) is only loaded when ``by`` may read it (a coordinator).
    """
    require_user(db, by)
    if first:
        person = persons.open_person(db, by, person_id)
    else:
        stmt = (select(Person).where(Person.id == person_id).options(
            selectinload(Person.languages), selectinload(Person.contacts),
            selectinload(Person.intakes), selectinload(Person.consents),
            selectinload(Person.plans)))
        person = db.scalars(stmt).one_or_none()
        if person is None:
            raise NotFound(_("This person is no longer in the database."))
    plan = plans._current_plan(db, person_id)
    if plan is None and person.plans:
        plan = plans._plan(db, person.plans[-1].id)
    names = {u.id: u.display_name for u in users._users(db, active_only=False)}
    role = role_of(db, by)
    # The audit trail is for coordinators: others get the file without it.
    history = (audit.history(db, by, person_id)
               if allowed(role, Permission.READ_AUDIT) else [])
    return PersonFile(person=person, plan=plan, users=names, history=history, role=role)
