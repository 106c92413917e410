"""The change log written from every session's flush, on SQLCipher and on PostgreSQL."""

from __future__ import annotations

from acting import acting
from sqlalchemy import select

from app.exchange import outgoing
from app.services import persons
from app.store import change_capture as cc
from app.store.exchange_tables import ExchangeChange
from app.store.models import Draft, Person


def _log(store) -> list[ExchangeChange]:  # noqa: ANN001
    with store.session(read_only=True) as db:
        return list(db.scalars(select(ExchangeChange).order_by(ExchangeChange.hlc)))


def test_insert_field_change_and_delete_are_logged_with_what_they_replace(store) -> None:
    with store.session() as db:
        by = acting(db)
        person = persons.create_person(db, by, persons.PersonFields(
            given_names="Amal", languages=[("ar", "good")]))
        pid, version = person.id, person.version
    with store.session() as db:
        persons.update_person(db, by, pid, version, persons.PersonFields(phone="0611111111",
                                                                          given_names="Amal"))
    log = [c for c in _log(store) if c.row_id == pid.hex]
    insert, phone = log
    assert insert.field == cc.INSERT and insert.value["given_names"] == "Amal"
    assert "version" not in insert.value and insert.person_id == pid.hex
    assert phone.field == "phone" and phone.value == "0611111111"  # unchanged names: nothing
    assert phone.replaces == [insert.id] and phone.hlc > insert.hlc
    assert phone.user_id == by.hex
    language = next(c for c in _log(store) if c.table_name == "person_languages")
    assert language.person_id == pid.hex
    with store.session() as db:
        person = db.get(Person, pid)
        person.languages = []
    gone = [c for c in _log(store) if c.table_name == "person_languages" and c.field == "-"]
    assert [c.row_id for c in gone] == [language.row_id]


def test_every_uuid_table_of_the_metadata_travels_but_drafts_and_search_keys_stay() -> None:
    names = {t.name for t in cc.replicated_tables()}
    assert {"persons", "intakes", "perspective_plans", "goals", "actions", "consents",
            "card_contacts", "person_languages", "evaluations", "users"} <= names
    assert not names & {"drafts", "search_keys", "audit_events", "settings", "counters"}


def test_drafts_are_never_logged(store) -> None:
    with store.session() as db:
        by = acting(db)
        db.add(Draft(user_id=by, form="person", data={"x": 1}))
    assert not [c for c in _log(store) if c.table_name == "drafts"]


def test_rows_from_before_the_log_get_one_baseline_insert(store) -> None:
    with store.session() as db:
        by = acting(db)
        pid = persons.create_person(db, by, persons.PersonFields(given_names="Old")).id
    with store.session() as db:  # as if made before the change log existed
        db.execute(ExchangeChange.__table__.delete())
    with store.session() as db:
        assert outgoing.ensure_baselines(db) >= 2  # the user and the person at least
        assert outgoing.ensure_baselines(db) == 0
        base = db.scalar(select(ExchangeChange).where(ExchangeChange.row_id == pid.hex))
        assert base.id == cc.baseline_id("persons", pid.hex) and base.person_id == pid.hex
    with store.session() as db:
        person = db.get(Person, pid)
        persons.update_person(db, by, pid, person.version, persons.PersonFields(nickname="O"))
    edit = [c for c in _log(store) if c.row_id == pid.hex and c.field == "nickname"][0]
    assert edit.replaces == [cc.baseline_id("persons", pid.hex)]


def test_the_clock_moves_forward_past_what_was_seen() -> None:
    later = cc.make_clock(99_999_999_999_99, 3, "b" * 32)
    assert cc.tick("", "a" * 32, later) > later
    assert cc.tick(later, "a" * 32) > later


def test_bulk_updates_through_a_session_are_logged(store) -> None:
    from datetime import date

    from sqlalchemy import update

    with store.session() as db:
        by = acting(db)
        pid = persons.create_person(db, by, persons.PersonFields(given_names="Bulk")).id
    with store.session() as db:
        db.execute(update(Person).where(Person.id == pid).values(
            last_contact_on=date(2030, 1, 2)))
    edit = [c for c in _log(store) if c.row_id == pid.hex and c.field == "last_contact_on"]
    assert [c.value for c in edit] == ["2030-01-02"]
    assert edit[0].person_id == pid.hex


def test_bulk_updates_by_primary_key_are_logged(store) -> None:
    from sqlalchemy import update

    with store.session() as db:
        by = acting(db)
        ids = [persons.create_person(db, by, persons.PersonFields(given_names=n)).id
               for n in ("One", "Two")]
    with store.session() as db:
        db.execute(update(Person), [{"id": ids[0], "version": 1, "nickname": "Uno"},
                                    {"id": ids[1], "version": 1, "nickname": "Dos"}])
    logged = {c.row_id: c.value for c in _log(store) if c.field == "nickname"}
    assert logged == {ids[0].hex: "Uno", ids[1].hex: "Dos"}
