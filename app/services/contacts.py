"""Contacts on the contact card: office defaults and each person's own.

A person's card shows the office defaults, with the person's own contact of the same role in
place of the default, followed by the person's other contacts.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import RESOURCES
from app.access.permissions import Permission, require_user, require_user_or_setup
from app.errors import InvalidInput, NotFound
from app.i18n import _
from app.opening_hours import parse, to_json
from app.printing import card_contents
from app.services import audit, drafts
from app.services.persons import _phone
from app.store.models import CardContact
from app.text import clean_text
from app.vocabulary import ContactRole

DEFAULTS_FILE = RESOURCES / "card_contacts.yaml"


@dataclass
class ContactFields:
    role: str = ContactRole.OTHER.value
    organisation: str = ""
    name: str = ""
    phone: str = ""
    address: str = ""
    hours: str = ""
    purpose_key: str | None = None
    purpose_text: str = ""
    blank: bool = False


def _values(data: ContactFields) -> dict[str, object]:
    problems: dict[str, str] = {}
    values: dict[str, object] = {"blank": bool(data.blank), "purpose_key": data.purpose_key}
    try:
        values["role"] = ContactRole(data.role)
    except ValueError:
        problems["role"] = _("Choose one of the options.")
    for name, limit, multiline in (("organisation", 200, False), ("name", 200, False),
                                   ("address", 500, True), ("hours", 200, False),
                                   ("purpose_text", 500, True)):
        try:
            values[name] = clean_text(getattr(data, name), field=name, max_length=limit,
                                      multiline=multiline)
        except InvalidInput as err:
            problems.update(err.problems)
    try:
        values["phone"] = _phone(data.phone)
    except InvalidInput as err:
        problems.update(err.problems)
    if problems:
        raise InvalidInput(problems)
    values["hours_data"] = to_json(parse(str(values["hours"])))
    if values["purpose_key"] is None and isinstance(values.get("role"), ContactRole):
        values["purpose_key"] = f"purpose.{values['role'].value}"  # type: ignore[union-attr]
    return values


def add_contact(db: Session, by: uuid.UUID | None, data: ContactFields,
                person_id: uuid.UUID | None = None) -> CardContact:
    """Add a contact to a person's card, or to the office defaults when ``person_id`` is None."""
    require_user(db, by)
    return _add(db, by, data, person_id)


def _add(db: Session, by: uuid.UUID | None, data: ContactFields,
         person_id: uuid.UUID | None = None) -> CardContact:
    values = _values(data)
    position = len(_list(db, person_id))
    contact = CardContact(person_id=person_id, position=position, created_by=by, updated_by=by,
                          **values)
    db.add(contact)
    db.flush()
    audit.record(db, by, "create", "card_contact", contact.id, person_id=person_id)
    return contact


def check_fields(data: ContactFields) -> None:
    """Raise InvalidInput (a message per field) when ``data`` would be refused; writes
    nothing (an import checks every row before adding any)."""
    _values(data)


def import_defaults(db: Session, by: uuid.UUID | None, rows: list[ContactFields],
                    replace: bool = True) -> list[CardContact]:
    """The office's card contacts from a list (the command line's CSV import), in one
    transaction: every row is checked first, then (with ``replace``) the current defaults
    go and the rows are added in order, each audited. Coordinators only."""
    require_user(db, by, Permission.OFFICE_SETTINGS)
    for data in rows:
        _values(data)
    if replace:
        for old in _list(db, None):
            delete_contact(db, by, old.id)
        db.flush()
    return [_add(db, by, data) for data in rows]


def update_contact(db: Session, by: uuid.UUID | None, contact_id: uuid.UUID, version: int,
                   data: ContactFields) -> CardContact:
    require_user(db, by)
    from app.services.plans import _check_version

    contact = db.get(CardContact, contact_id)
    if contact is None:
        raise NotFound(_("This contact is no longer in the database."))
    _check_version(contact, version)
    for name, value in _values(data).items():
        setattr(contact, name, value)
    contact.updated_by = by
    audit.record(db, by, "update", "card_contact", contact.id, person_id=contact.person_id)
    db.flush()
    return contact


def delete_contact(db: Session, by: uuid.UUID | None, contact_id: uuid.UUID) -> None:
    require_user(db, by)
    contact = db.get(CardContact, contact_id)
    if contact is None:
        return
    person_id = contact.person_id
    drafts.discard_everyones(db, person_id, [drafts.record_form("contact", contact_id)])
    db.delete(contact)
    audit.record(db, by, "delete", "card_contact", contact_id, person_id=person_id)


def list_contacts(db: Session, by: uuid.UUID | None, person_id: uuid.UUID | None
                  ) -> list[CardContact]:
    """The person's own contacts, or the office defaults for ``None``."""
    require_user(db, by)
    return _list(db, person_id)


def _list(db: Session, person_id: uuid.UUID | None) -> list[CardContact]:
    """``list_contacts`` for a caller that has checked its user already (or the set-up)."""
    cond = (CardContact.person_id.is_(None) if person_id is None
            else CardContact.person_id == person_id)
    return list(db.scalars(select(CardContact).where(cond)
                           .order_by(CardContact.position, CardContact.created_at)))


def card_contacts(db: Session, by: uuid.UUID | None, person_id: uuid.UUID | None
                  ) -> list[CardContact]:
    """What a person's card shows: defaults, overridden by role, then the person's own."""
    require_user(db, by)
    own = _list(db, person_id) if person_id is not None else []
    return card_contents.merge(_list(db, None), own)


def load_default_file(path: Path = DEFAULTS_FILE) -> list[ContactFields]:
    """The office defaults that a new database starts with."""
    import yaml  # only when a database is made: not on every start

    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out = []
    for entry in entries:
        fields = ContactFields(**{k: v for k, v in entry.items() if k in ContactFields.__annotations__})
        fields.blank = not (fields.phone or fields.organisation or fields.name)
        out.append(fields)
    return out


def seed_defaults(db: Session, by: uuid.UUID | None) -> None:
    """Fill the office defaults from resources/card_contacts.yaml when there are none yet.

    Without a user only while the database has no user yet (a new database being made)."""
    require_user_or_setup(db, by)
    if _list(db, None):
        return
    for fields in load_default_file():
        _add(db, by, fields)
