"""The merge of another laptop's changes, on real encrypted databases joined as one office."""

from __future__ import annotations

from pathlib import Path

import pytest
from acting import acting
from exchange_replicas import conflicts, erase, exchange, first_laptop, join_from, snapshot
from sqlalchemy import select

from app.exchange import conflicts as waiting
from app.services import consents, drafts, persons, plans
from app.store.exchange_tables import ExchangeChange, ExchangeTombstone
from app.store.models import AuditEvent, Consent, Draft, Goal, Person
from app.vocabulary import UserRole


@pytest.fixture
def office(tmp_path: Path):  # noqa: ANN201
    a = first_laptop(tmp_path / "a.db")
    with a.session() as db:
        pid = persons.create_person(db, acting(db), persons.PersonFields(
            given_names="Amal", family_name="Haddad", birth_date="1990-01-02")).id
    b = join_from(a, tmp_path / "b.db")
    yield a, b, pid
    a.close()
    b.close()


def _edit(store, pid, **fields) -> None:  # noqa: ANN001
    with store.session() as db:
        person = db.get(Person, pid)
        persons.update_person(db, acting(db), pid, person.version, persons.PersonFields(**fields))


def _person(store, pid) -> Person:  # noqa: ANN001
    with store.session(read_only=True) as db:
        return db.get(Person, pid)


def test_a_joined_laptop_holds_the_office_data(office) -> None:
    a, b, pid = office
    assert snapshot(a) == snapshot(b)
    assert _person(b, pid).given_names == "Amal"


def test_edits_of_different_fields_merge_without_asking(office) -> None:
    a, b, pid = office
    _edit(a, pid, phone="0611111111")
    _edit(b, pid, address="Kerkstraat 1")
    exchange(a, b)
    exchange(b, a)
    for store in (a, b):
        person = _person(store, pid)
        assert (person.phone, person.address) == ("0611111111", "Kerkstraat 1")
        assert conflicts(store) == set()
    assert snapshot(a) == snapshot(b)


def test_an_edit_made_after_seeing_the_other_is_a_fast_forward(office) -> None:
    a, b, pid = office
    _edit(a, pid, phone="0611111111")
    exchange(a, b)
    _edit(b, pid, phone="0622222222")  # b saw a's number and changed it
    exchange(b, a)
    assert _person(a, pid).phone == "0622222222"
    assert conflicts(a) == conflicts(b) == set()


def test_the_same_field_changed_on_two_laptops_is_a_conflict_kept_with_both_values(
        office) -> None:
    a, b, pid = office
    _edit(a, pid, phone="0611111111")
    _edit(b, pid, phone="0622222222")
    summary = exchange(a, b)
    assert summary.conflicts == 1
    exchange(b, a)
    assert conflicts(a) == conflicts(b) == {("persons", pid.hex, "phone")}
    assert _person(a, pid).phone == _person(b, pid).phone  # the same provisional value
    with a.session() as db:
        found = waiting.waiting(db, acting(db))
        assert waiting.count_waiting(db, acting(db)) == 1
    assert len(found) == 1 and found[0].record_code == "W-00001"
    assert {s.value for s in found[0].sides} == {"0611111111", "0622222222"}
    assert {s.here for s in found[0].sides} == {True, False}
    assert all(s.user == "Acting user" and s.at is not None for s in found[0].sides)
    # Resolved on b with one click: the choice travels and settles it on a too.
    pick = next(s for s in found[0].sides if s.value == "0611111111")
    with b.session() as db:
        waiting.resolve(db, acting(db), "persons", pid.hex, "phone", pick.change_id)
    assert _person(b, pid).phone == "0611111111" and conflicts(b) == set()
    exchange(b, a)
    assert _person(a, pid).phone == "0611111111" and conflicts(a) == set()
    with a.session() as db:  # the value not chosen stays in the history
        values = set(db.scalars(select(ExchangeChange.value).where(
            ExchangeChange.row_id == pid.hex, ExchangeChange.field == "phone")))
    assert {"0611111111", "0622222222"} <= values
    assert snapshot(a) == snapshot(b)


def test_only_case_managers_and_coordinators_see_and_resolve_conflicts(office) -> None:
    a, _b, _pid = office
    with a.session() as db:
        volunteer = acting(db, UserRole.VOLUNTEER, "vera")
        assert waiting.count_waiting(db, volunteer) == 0
        from app.errors import NotAllowed

        with pytest.raises(NotAllowed):
            waiting.waiting(db, volunteer)


def test_reading_the_same_file_twice_changes_nothing(office) -> None:
    a, b, pid = office
    _edit(a, pid, phone="0611111111")
    from app.exchange import transfer

    with a.session() as db:
        sealed, _ = transfer.export_bytes(db, acting(db))
    with b.session() as db:
        first = transfer.import_bytes(db, acting(db), sealed)
    before = snapshot(b)
    with b.session() as db:
        again = transfer.import_bytes(db, acting(db), sealed)
    assert first.changes > 0 and again.changes == 0 and again.audit_lines == 0
    assert snapshot(b) == before


def test_lists_merge_per_item(office) -> None:
    a, b, pid = office
    with a.session() as db:
        plan = plans.create_plan(db, acting(db), pid, plans.PlanFields())
        plan_id = plan.id
    exchange(a, b)
    with a.session() as db:
        plans.add_goal(db, acting(db), plan_id, plans.GoalFields(domain="language",
                                                                 description="Dutch A2"))
    with b.session() as db:
        plans.add_goal(db, acting(db), plan_id, plans.GoalFields(domain="course",
                                                                 description="Bike repair"))
    exchange(a, b)
    exchange(b, a)
    for store in (a, b):
        with store.session(read_only=True) as db:
            goals = set(db.scalars(select(Goal.description).where(Goal.plan_id == plan_id)))
        assert goals == {"Dutch A2", "Bike repair"}
    assert snapshot(a) == snapshot(b)


def test_withdrawn_consent_travels_and_wins(office) -> None:
    a, b, pid = office
    with a.session() as db:
        cid = consents.give_consent(db, acting(db), pid, purpose="Taalhuis", partner="Taalhuis",
                                    scope=["contact"], given_on="01-01-2026").id
    exchange(a, b)
    with b.session() as db:
        consents.withdraw_consent(db, acting(db), cid, withdrawn_on="01-06-2026")
    with a.session() as db:
        consents.withdraw_consent(db, acting(db), cid, withdrawn_on="02-06-2026")
    exchange(b, a)
    exchange(a, b)
    for store in (a, b):
        with store.session(read_only=True) as db:
            assert str(db.get(Consent, cid).withdrawn_on) == "2026-06-01"
        assert conflicts(store) == set()


def test_erasure_wins_everywhere_and_an_old_file_cannot_bring_the_person_back(office) -> None:
    a, b, pid = office
    from app.exchange import transfer

    _edit(b, pid, phone="0622222222")
    with b.session() as db:
        old_file, _ = transfer.export_bytes(db, acting(db))  # made before the erasure
    with a.session() as db:
        by = acting(db)
    erase(a, by, pid)
    with a.session(read_only=True) as db:
        tomb = db.scalars(select(ExchangeTombstone)).one()
        assert tomb.person_id == pid.hex
        assert db.scalar(select(ExchangeChange).where(ExchangeChange.person_id == pid.hex)) \
            is None
    exchange(a, b)
    assert _person(b, pid) is None
    with b.session(read_only=True) as db:
        assert db.scalar(select(AuditEvent).where(AuditEvent.person_id == pid)) is None
        assert db.scalar(select(ExchangeChange).where(ExchangeChange.person_id == pid.hex)) \
            is None
    with a.session() as db:
        transfer.import_bytes(db, acting(db), old_file)
    assert _person(a, pid) is None
    exchange(b, a)
    assert _person(a, pid) is None and _person(b, pid) is None


def test_audit_lines_of_every_laptop_travel_once_and_drafts_stay(office) -> None:
    a, b, pid = office
    _edit(b, pid, phone="0622222222")
    with b.session() as db:
        drafts.save(db, acting(db), "person", {"phone": "0633"}, pid)
    exchange(b, a)
    exchange(a, b)
    exchange(b, a)
    with a.session(read_only=True) as db:
        lines = list(db.scalars(select(AuditEvent).where(AuditEvent.person_id == pid,
                                                         AuditEvent.action == "update")))
        assert len(lines) == 1  # b's edit, once
        assert db.scalar(select(Draft)) is None
    with b.session(read_only=True) as db:
        assert db.scalar(select(Draft)) is not None
        count_b = len(list(db.scalars(select(AuditEvent.id))))
    with a.session(read_only=True) as db:
        count_a = len(list(db.scalars(select(AuditEvent.id))))
    exchange(a, b)
    exchange(b, a)
    with a.session(read_only=True) as db:
        lines_a = {(e.action, e.entity, e.entity_id) for e in db.scalars(select(AuditEvent))}
    with b.session(read_only=True) as db:
        lines_b = {(e.action, e.entity, e.entity_id) for e in db.scalars(select(AuditEvent))}
    assert lines_a == lines_b and count_a > 0 and count_b > 0


def test_record_numbers_never_clash_and_printed_numbers_still_find_the_person(office) -> None:
    a, b, pid = office
    with a.session() as db:
        on_a = persons.create_person(db, acting(db), persons.PersonFields(given_names="Sara"))
        code_a = on_a.record_code
    with b.session() as db:
        on_b = persons.create_person(db, acting(db), persons.PersonFields(given_names="Yonas"))
        code_b = on_b.record_code
    assert code_a == "W-00002" and code_b == "W-1000001"
    exchange(a, b)
    exchange(b, a)
    for store in (a, b):
        with store.session(read_only=True) as db:
            assert persons.resolve(db, acting(db), code_a).given_names == "Sara"
            assert persons.resolve(db, acting(db), code_b).given_names == "Yonas"
            assert persons.resolve(db, acting(db), "W-00001").id == pid


def test_the_same_v_number_on_two_laptops_is_kept_once_and_listed_as_duplicate(
        office) -> None:
    a, b, _pid = office
    with a.session() as db:
        one = persons.create_person(db, acting(db), persons.PersonFields(
            given_names="Tesfay", family_name="Gebre", birth_date="1988", v_number="2612345678"))
        one_id = one.id
    with b.session() as db:
        two = persons.create_person(db, acting(db), persons.PersonFields(
            given_names="Tesfaye", family_name="Gebre", birth_date="1988",
            v_number="2612345678"))
        two_id = two.id
    summary = exchange(b, a)
    exchange(a, b)
    assert tuple(sorted((one_id.hex, two_id.hex))) in summary.duplicates
    keeper = min(one_id, two_id, key=lambda u: u.hex)
    for store in (a, b):
        with store.session(read_only=True) as db:
            holders = list(db.scalars(select(Person.id).where(Person.v_number == "2612345678")))
        assert holders == [keeper]
    assert snapshot(a) == snapshot(b)


def test_possible_duplicates_wait_on_the_conflicts_screen_until_merged_or_dismissed(
        office) -> None:
    a, b, _pid = office
    with b.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(
            given_names="Amaal", family_name="Haddad", birth_date="1990-01-02"))
    exchange(b, a)
    with a.session() as db:
        (pair,) = waiting.possible_duplicates(db, acting(db))
        assert {pair.first.split()[0], pair.second.split()[0]} == {"W-00001", "W-1000001"}
        waiting.dismiss_duplicate(db, acting(db), pair.first_id, pair.second_id)
        assert waiting.possible_duplicates(db, acting(db)) == []


def test_a_merge_of_two_records_made_after_an_exchange_travels(office) -> None:
    a, b, pid = office
    from app.services import merge

    with b.session() as db:
        twin = persons.create_person(db, acting(db), persons.PersonFields(
            given_names="Amaal", family_name="Haddad", birth_date="1990-01-02")).id
        consents.give_consent(db, acting(db), twin, purpose="Taalhuis", partner="Taalhuis",
                              scope=["contact"])
    exchange(b, a)
    with a.session() as db:
        merge.merge(db, acting(db), pid, twin, {})
    exchange(a, b)
    exchange(b, a)
    for store in (a, b):
        assert _person(store, twin) is None
        with store.session(read_only=True) as db:
            moved = list(db.scalars(select(Consent).where(Consent.person_id == pid)))
        assert [c.partner for c in moved] == ["Taalhuis"]
    history = []
    for store in (a, b):  # the merged record's history stays readable on every laptop
        with store.session(read_only=True) as db:
            history.append(sorted((e.action, e.entity, str(e.at)) for e in db.scalars(
                select(AuditEvent).where(AuditEvent.person_id == twin))))
    assert history[0] == history[1] and ("merge", "person") in {h[:2] for h in history[0]}
    assert snapshot(a) == snapshot(b)


def test_the_same_user_name_made_on_two_laptops_is_refused_with_a_message(office) -> None:
    a, b, pid = office
    from app.exchange import transfer
    from app.exchange.exchange_file import ExchangeError

    for store in (a, b):
        with store.session() as db:
            acting(db, UserRole.VOLUNTEER, "vera")
    _edit(b, pid, phone="0622222222")
    with b.session() as db:
        sealed, _ = transfer.export_bytes(db, acting(db))
    before = snapshot(a)
    with pytest.raises(ExchangeError, match="same user name"):
        with a.session() as db:
            transfer.import_bytes(db, acting(db), sealed)
    assert snapshot(a) == before
