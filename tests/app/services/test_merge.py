"""The same person twice: two records made one, field by field, with everything attached,
audited, undoable until confirmed."""

from __future__ import annotations

import pytest
from acting import acting
from sqlalchemy import func, select

from app.errors import InvalidInput, NotAllowed
from app.services import audit, consents, deadlines, intakes, merge, persons, search
from app.store.models import AuditEvent, Consent, Intake, Person, PersonMerge, ShelterStay
from app.vocabulary import MergeStatus, UserRole


def _two(db, by):  # noqa: ANN001, ANN202
    a = persons.create_person(db, by, persons.PersonFields(
        given_names="Rania", family_name="Haddad", birth_date="1995", phone="0612345678",
        languages=[("ar", "good")]))
    b = persons.create_person(db, by, persons.PersonFields(
        given_names="Rania", family_name="Hadad", birth_date="12-03-1995",
        v_number="2612345678", nationality="SY", languages=[("en", "basic")]))
    intakes.begin(db, by, b.id, "short_intake")
    consents.give_consent(db, by, b.id, purpose="data_exchange", partner="Taalhuis",
                          scope=["identity"], given_on="01-11-2026")
    deadlines.start_stay(db, by, b.id, "01-10-2026")
    return a, b


def test_preview_suggests_a_value_per_field_and_counts_what_moves(store, user) -> None:
    with store.session() as db:
        a, b = _two(db, user)
        preview = merge.propose(db, user, a.id, b.id)
        assert preview.field("phone").suggested == "survivor"
        assert preview.field("v_number").suggested == "duplicate"  # the survivor has none
        assert preview.field("family_name").survivor == "Haddad"
        assert preview.field("family_name").duplicate == "Hadad"
        assert preview.attached["intakes"] == 1 and preview.attached["consents"] == 1
        assert preview.attached["shelter_stays"] == 1
        with pytest.raises(InvalidInput):
            merge.propose(db, user, a.id, a.id)


def test_merge_moves_everything_and_undo_splits_again(store, user) -> None:
    with store.session() as db:
        a, b = _two(db, user)
        a_id, b_id, b_number = a.id, b.id, b.record_number
        row = merge.merge(db, user, a_id, b_id, {"family_name": "duplicate",
                                                  "languages": "duplicate"})
        merge_id = row.id
    with store.session() as db:
        assert db.get(Person, b_id) is None
        survivor = db.get(Person, a_id)
        assert (survivor.family_name, survivor.v_number, survivor.phone) == (
            "Hadad", "2612345678", "0612345678")
        assert [pl.language for pl in survivor.languages] == ["en"]
        assert db.scalar(select(func.count()).select_from(Intake)
                         .where(Intake.person_id == a_id)) == 1
        assert db.scalar(select(Consent.person_id)) == a_id
        assert db.scalar(select(ShelterStay.person_id)) == a_id
        assert [c.id for c in search.search(db, user, "Hadad")] == [a_id]
        history = audit.history(db, acting(db), a_id)
        assert {e.person_id for e in history} == {a_id, b_id}  # the duplicate's history too
        assert "merge" in {e.action for e in history}
        assert [m.id for m in merge.pending_merges(db, user, a_id)] == [merge_id]
    with store.session() as db:
        merge.undo(db, user, merge_id)
    with store.session() as db:
        back = db.get(Person, b_id)
        assert (back.record_number, back.family_name, back.v_number) == (
            b_number, "Hadad", "2612345678")
        assert [pl.language for pl in back.languages] == ["en"]
        survivor = db.get(Person, a_id)
        assert (survivor.family_name, survivor.v_number) == ("Haddad", None)
        assert [pl.language for pl in survivor.languages] == ["ar"]
        assert db.scalar(select(Consent.person_id)) == b_id
        assert db.scalar(select(Intake.person_id)) == b_id
        assert {c.id for c in search.search(db, user, "Rania")} == {a_id, b_id}
        with pytest.raises(NotAllowed):
            merge.undo(db, user, merge_id)  # once


def test_confirm_is_final_and_forgets_the_duplicate(store, user) -> None:
    with store.session() as db:
        a, b = _two(db, user)
        row = merge.merge(db, user, a.id, b.id)
        merge.confirm(db, user, row.id)
        assert row.status == MergeStatus.CONFIRMED and row.snapshot == {}
        with pytest.raises(NotAllowed):
            merge.undo(db, user, row.id)
        actions = set(db.scalars(select(AuditEvent.action).where(AuditEvent.entity == "person")))
        assert {"merge", "confirm"} <= actions


def test_a_field_changed_after_the_merge_keeps_the_newer_value(store, user) -> None:
    with store.session() as db:
        a, b = _two(db, user)
        row = merge.merge(db, user, a.id, b.id, {"family_name": "duplicate"})
        persons.update_person(db, user, a.id, a.version, persons.PersonFields(
            family_name="Haddad-Saleh"))
        merge.undo(db, user, row.id)
        assert db.get(Person, a.id).family_name == "Haddad-Saleh"


def test_volunteers_may_not_merge_and_choices_are_checked(store, user) -> None:
    with store.session() as db:
        a, b = _two(db, user)
        vera = acting(db, UserRole.VOLUNTEER, "vera")
        with pytest.raises(NotAllowed):
            merge.propose(db, vera, a.id, b.id)
        with pytest.raises(InvalidInput) as err:
            merge.merge(db, user, a.id, b.id, {"phone": "both", "no_such": "survivor"})
        assert set(err.value.problems) == {"phone", "no_such"}
        assert db.get(Person, b.id) is not None


def test_erasing_the_person_erases_the_merged_records_history_too(store, user) -> None:
    from app.privacy import erasure

    with store.session() as db:
        a, b = _two(db, user)
        a_id, b_id = a.id, b.id
        merge.merge(db, user, a_id, b_id)
        coordinator = acting(db)
    erasure.erase_person(store, coordinator, a_id)
    with store.session() as db:
        left = set(db.scalars(select(AuditEvent.person_id).where(
            AuditEvent.person_id.in_([a_id, b_id]))))
        assert left == set()
        assert db.scalar(select(func.count()).select_from(PersonMerge)) == 0
