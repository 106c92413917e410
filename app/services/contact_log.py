"""The contact log: dated contacts with a person (a visit, a phone call, an accompanied
appointment), whether an interpreter was used, with whom, and a short note.

Any logged-in user may log a contact (volunteers make most of them) and read the log; a
logged contact moves the person's last contact (``app.services.last_contact``). A user may
remove a contact they logged themselves; a coordinator any.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.access.permissions import require_user
from app.dates import parse_date
from app.errors import InvalidInput, NotAllowed, NotFound
from app.i18n import N_, _
from app.services import audit
from app.services.last_contact import touch
from app.store.models import ContactEntry, Person, User
from app.text import clean_text
from app.vocabulary import ContactKind, UserRole

KIND_LABELS: dict[str, str] = {
    ContactKind.VISIT.value: N_("Visit"),
    ContactKind.PHONE_CALL.value: N_("Phone call"),
    ContactKind.ACCOMPANIED.value: N_("Accompanied appointment"),
}
MAX_NOTE = 1000


@dataclass
class ContactFields:
    kind: str = ContactKind.VISIT.value
    contact_on: str | None = None  # empty: today
    interpreter: bool = False
    with_whom: str = ""
    note: str = ""


@dataclass(frozen=True)
class LoggedContact:
    id: uuid.UUID
    person_id: uuid.UUID
    contact_on: date
    kind: str
    interpreter: bool
    with_whom: str
    note: str
    logged_by: str  # the user's name to show
    logged_by_id: uuid.UUID | None


def _values(data: ContactFields, today: date) -> dict[str, object]:
    problems: dict[str, str] = {}
    values: dict[str, object] = {}
    try:
        values["kind"] = ContactKind(data.kind)
    except ValueError:
        problems["kind"] = _("Choose one of the options.")
    try:
        when = parse_date(data.contact_on, field="contact_on") or today
        if when > today:
            problems["contact_on"] = _("A contact cannot be logged before it took place.")
        values["contact_on"] = when
    except InvalidInput as err:
        problems.update(err.problems)
    for name, limit, multiline in (("with_whom", 200, False), ("note", MAX_NOTE, True)):
        try:
            values[name] = clean_text(getattr(data, name), field=name, max_length=limit,
                                      multiline=multiline)
        except InvalidInput as err:
            problems.update(err.problems)
    if problems:
        raise InvalidInput(problems)
    values["interpreter"] = bool(data.interpreter)
    return values


def log_contact(db: Session, by: uuid.UUID | None, person_id: uuid.UUID, data: ContactFields,
                *, today: date | None = None) -> ContactEntry:
    """Log one contact with the person (audited); it becomes their last contact if later."""
    require_user(db, by)
    if db.get(Person, person_id) is None:
        raise NotFound(_("This person is no longer in the database."))
    values = _values(data, today or date.today())
    entry = ContactEntry(person_id=person_id, logged_by=by, created_by=by, updated_by=by,
                         **values)
    db.add(entry)
    db.flush()
    audit.record(db, by, "create", "contact_log", entry.id, person_id=person_id,
                 detail=entry.kind.value)
    touch(db, person_id, entry.contact_on)
    return entry


def remove_contact(db: Session, by: uuid.UUID | None, entry_id: uuid.UUID) -> None:
    """Remove a contact logged by mistake: by the user who logged it, or a coordinator."""
    role = require_user(db, by)
    entry = db.get(ContactEntry, entry_id)
    if entry is None:
        raise NotFound(_("This contact is no longer in the log."))
    if entry.logged_by != by and role != UserRole.COORDINATOR:
        raise NotAllowed(_("Only who logged this contact, or a coordinator, may remove it."))
    person_id = entry.person_id
    db.delete(entry)
    audit.record(db, by, "delete", "contact_log", entry_id, person_id=person_id)


def contacts_of(db: Session, by: uuid.UUID | None, person_id: uuid.UUID) -> list[LoggedContact]:
    """The person's logged contacts, newest first."""
    require_user(db, by)
    stmt = (select(ContactEntry, User.display_name)
            .outerjoin(User, User.id == ContactEntry.logged_by)
            .where(ContactEntry.person_id == person_id)
            .order_by(ContactEntry.contact_on.desc(), ContactEntry.created_at.desc()))
    return [LoggedContact(e.id, e.person_id, e.contact_on, e.kind.value, e.interpreter,
                          e.with_whom, e.note, name or "", e.logged_by)
            for e, name in db.execute(stmt)]


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))
