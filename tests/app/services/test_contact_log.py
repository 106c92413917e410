"""The contact log: dated contacts per person, checked, audited, by any logged-in user."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from acting import acting
from sqlalchemy import select

from app.errors import InvalidInput, NotAllowed
from app.services import contact_log, persons
from app.services.contact_log import ContactFields
from app.store.models import AuditEvent, Person
from app.vocabulary import UserRole


def test_log_read_and_remove(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Reza")).id
        contact_log.log_contact(db, user, pid, ContactFields(
            kind="accompanied", contact_on="02-11-2026", interpreter=True,
            with_whom="GP Zuid", note="Went along to the GP; next visit in two weeks."))
        entry = contact_log.log_contact(db, user, pid, ContactFields(kind="phone_call"))
        rows = contact_log.contacts_of(db, user, pid)
        assert [(r.kind, r.contact_on) for r in rows] == [
            ("phone_call", date.today()), ("accompanied", date(2026, 11, 2))]
        assert rows[1].interpreter and rows[1].with_whom == "GP Zuid"
        assert rows[0].logged_by == "Anna de Vries"
        assert db.get(Person, pid).last_contact_on == date.today()
        events = db.scalars(select(AuditEvent).where(AuditEvent.entity == "contact_log")
                            .order_by(AuditEvent.id)).all()
        assert [(e.action, e.user_id, e.person_id) for e in events] == [
            ("create", user, pid), ("create", user, pid)]
        assert all("GP" not in e.detail for e in events)  # ids and kinds only, never the note
        # Someone else may not remove Anna's contact; a coordinator may.
        other = acting(db, UserRole.VOLUNTEER, "vol")
        with pytest.raises(NotAllowed):
            contact_log.remove_contact(db, other, entry.id)
        contact_log.remove_contact(db, acting(db), entry.id)
        assert len(contact_log.contacts_of(db, user, pid)) == 1


def test_bad_input_names_every_field(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Reza")).id
        tomorrow = (date.today() + timedelta(days=1)).strftime("%d-%m-%Y")
        with pytest.raises(InvalidInput) as err:
            contact_log.log_contact(db, user, pid, ContactFields(
                kind="letter", contact_on=tomorrow, note="x" * 1001))
        assert set(err.value.problems) == {"kind", "contact_on", "note"}
        with pytest.raises(InvalidInput) as err:
            contact_log.log_contact(db, user, pid, ContactFields(contact_on="31-02-2026"))
        assert set(err.value.problems) == {"contact_on"}
        assert contact_log.contacts_of(db, user, pid) == []


def test_nobody_logged_in_may_not_log_or_read(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Reza")).id
        with pytest.raises(NotAllowed):
            contact_log.log_contact(db, None, pid, ContactFields())
        with pytest.raises(NotAllowed):
            contact_log.contacts_of(db, None, pid)


def test_a_volunteer_may_log_a_contact(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Reza")).id
        volunteer = acting(db, UserRole.VOLUNTEER, "vol")
        contact_log.log_contact(db, volunteer, pid, ContactFields(kind="visit"))
        assert len(contact_log.contacts_of(db, volunteer, pid)) == 1
