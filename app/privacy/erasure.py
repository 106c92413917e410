"""Retention review and real erasure of a person and everything attached.

Erasure deletes the rows with ``secure_delete`` on (freed pages are overwritten), then
VACUUMs and truncates the write-ahead log, so the data is gone from the file too. Only one
anonymous audit line remains: that a person was erased, by whom, when. Every user's drafts
about the person and the handovers made for them (with an override's reason) go too.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app import settings
from app.access.permissions import Permission, require_user
from app.dates import add_months
from app.errors import NotFound
from app.i18n import _
from app.records import format_record_number
from app.services import audit, merge
from app.store import Store
from app.store.models import Draft, HandoverRecord, Person, PerspectivePlan
from app.store.server_roles import erase_audit_lines
from app.text import digits, phone_digits, tokens
from app.vocabulary import PlanStatus


@dataclass(frozen=True)
class RetentionCase:
    person_id: uuid.UUID
    record_code: str
    last_contact_on: date | None


def past_retention(db: Session, *, today: date | None = None) -> list[RetentionCase]:
    """People whose last contact is longer ago than the retention period, with no open plan."""
    today = today or date.today()
    years = int(settings.get(db, "retention_years"))
    limit = add_months(today, -12 * years)
    open_plan = (select(PerspectivePlan.person_id)
                 .where(PerspectivePlan.status != PlanStatus.ENDED))
    stmt = (select(Person.id, Person.record_number, Person.last_contact_on)
            .where(Person.last_contact_on < limit, Person.id.not_in(open_plan))
            .order_by(Person.last_contact_on))
    return [RetentionCase(pid, format_record_number(n), last) for pid, n, last in db.execute(stmt)]


def _require_eraser(store: Store, by: uuid.UUID | None) -> None:
    """The acting user must exist, be active and hold the right to erase (looked up: a role
    passed in is not trusted)."""
    with store.session(read_only=True) as db:
        require_user(db, by, Permission.ERASE)


def erase_person(store: Store, by: uuid.UUID | None, person_id: uuid.UUID) -> None:
    """Erase a person and everything attached, then compact the database."""
    _require_eraser(store, by)
    if not _erase_one(store, by, person_id):
        raise NotFound(_("This person is no longer in the database."))
    compact(store)


def erase_people(store: Store, by: uuid.UUID | None, person_ids: list[uuid.UUID]) -> int:
    """Erase several people (each in its own transaction), then compact once.

    People already gone are skipped; returns how many were erased now.
    """
    _require_eraser(store, by)
    erased = sum(_erase_one(store, by, pid) for pid in person_ids)
    if erased:
        compact(store)
    return erased


def _erase_one(store: Store, by: uuid.UUID | None, person_id: uuid.UUID) -> bool:
    with store.session() as db:
        person = db.get(Person, person_id)
        if person is None:
            return False
        _erase_drafts(db, person)
        db.execute(delete(HandoverRecord).where(HandoverRecord.person_id == person_id))
        merged = merge.merged_ids(db, by, person_id)  # records merged into this one: their lines too
        db.delete(person)
        for pid in (person_id, *merged):
            erase_audit_lines(db, pid)  # on a server: the owner's function
        audit.record(db, by, "delete", "person", None, detail="erased")
    return True


def _erase_drafts(db: Session, person: Person) -> None:
    """Every user's drafts about ``person``: those kept for their file (every form of it: the
    person form, plan, goal, action, consent, contact, evaluation dialogs), and drafts of the
    new-person form that hold their V-number, phone or full name (a registration whose draft
    was never discarded, after a crash or a lock)."""
    db.execute(delete(Draft).where(Draft.person_id == person.id))
    marks = _identifying(person.v_number, person.phone, person.given_names, person.family_name)
    if not marks:
        return
    for draft in db.scalars(select(Draft).where(Draft.person_id.is_(None))):
        data = draft.data if isinstance(draft.data, dict) else {}
        typed = _identifying(*(data.get(k) for k in ("v_number", "phone", "given_names",
                                                      "family_name")))
        if typed & marks:
            db.delete(draft)


def _identifying(v_number: object, phone: object, given: object, family: object) -> set[str]:
    """What identifies a person in typed fields, in a form that compares equal when retyped."""
    out: set[str] = set()
    if isinstance(v_number, str) and len(digits(v_number)) == 10:
        out.add("v:" + digits(v_number))
    if isinstance(phone, str) and len(phone_digits(phone)) >= 6:
        out.add("p:" + phone_digits(phone))
    if isinstance(given, str) and isinstance(family, str) and given.strip() and family.strip():
        out.add("n:" + " ".join(tokens(f"{given} {family}")))
    return out


def compact(store: Store) -> None:
    """VACUUM, and on SQLite fold and truncate the write-ahead log."""
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if store.target.is_sqlite:
            conn.exec_driver_sql("VACUUM")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            conn.exec_driver_sql("VACUUM")
