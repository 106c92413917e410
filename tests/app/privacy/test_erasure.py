"""Erasure leaves no trace of the person in the file, only an anonymous audit line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from acting import acting
from sqlalchemy import select
from sqlcipher_pages import decrypted_pages

from app.errors import NotAllowed
from app.privacy import erasure
from app.services import consents, persons, plans
from app.store import Target, create_store
from app.store.models import AuditEvent, Person, SearchKey
from app.vocabulary import UserRole


def test_erase_person_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    store = create_store(Target(path=path), "office passphrase")
    with store.session() as db:
        p = persons.create_person(db, acting(db), persons.PersonFields(
            given_names="Xanthippe", family_name="Quortleberry", phone="0611122233"))
        plans.create_plan(db, acting(db), p.id, plans.PlanFields(perspective="return"))
        consents.give_consent(db, acting(db), p.id, purpose="School", partner="Q", scope=["contact"])
        other = persons.create_person(db, acting(db), persons.PersonFields(given_names="Other"))
        volunteer, coordinator = acting(db, UserRole.VOLUNTEER, "vol"), acting(db)
    for by in (None, volunteer):
        with pytest.raises(NotAllowed):
            erasure.erase_person(store, by, p.id)
    erasure.erase_person(store, coordinator, p.id)
    with store.session() as db:
        assert db.scalars(select(SearchKey).where(SearchKey.person_id == p.id)).all() == []
        events = db.scalars(select(AuditEvent)).all()
        assert all(e.person_id != p.id and e.entity_id != p.id for e in events)
        assert [e.detail for e in events if e.action == "delete"] == ["erased"]
        assert persons.get_person(db, acting(db), other.id)
    store.close()
    # Decrypt every page of the file, free pages included: the name is nowhere.
    pages = decrypted_pages(path, store.key.key)
    assert any(b"Other" in page for page in pages)  # the decryption itself works
    assert not any(b"Quortleberry" in page or b"quortleberry" in page for page in pages)
    assert not any(b"0611122233" in page for page in pages)


def test_past_retention(store) -> None:
    with store.session() as db:
        old = persons.create_person(db, acting(db), persons.PersonFields(given_names="Old"),
                                    today=date(2023, 1, 1))
        persons.create_person(db, acting(db), persons.PersonFields(given_names="Recent"),
                              today=date(2026, 1, 1))
        busy = persons.create_person(db, acting(db), persons.PersonFields(given_names="Busy"),
                                     today=date(2023, 1, 1))
        plans.create_plan(db, acting(db), busy.id, plans.PlanFields(perspective="return"))
        cases = erasure.past_retention(db, today=date(2026, 6, 1))
        assert [c.person_id for c in cases] == [old.id]


def test_erase_several_people_compacts_once(store, monkeypatch) -> None:  # noqa: ANN001
    with store.session() as db:
        a = persons.create_person(db, acting(db), persons.PersonFields(given_names="Aart"))
        b = persons.create_person(db, acting(db), persons.PersonFields(given_names="Bea"))
        keep = persons.create_person(db, acting(db), persons.PersonFields(given_names="Kees"))
        manager, coordinator = acting(db, UserRole.CASE_MANAGER, "cm"), acting(db)
    calls: list[object] = []
    monkeypatch.setattr(erasure, "compact", calls.append)
    with pytest.raises(NotAllowed):
        erasure.erase_people(store, manager, [a.id])
    assert erasure.erase_people(store, coordinator, [a.id, b.id, a.id]) == 2
    assert calls == [store]
    with store.session() as db:
        assert [p.id for p in db.scalars(select(Person))] == [keep.id]
        erased = db.scalars(select(AuditEvent).where(AuditEvent.detail == "erased")).all()
        assert len(erased) == 2 and all(e.person_id is None for e in erased)
