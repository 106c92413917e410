"""Drafts of unsaved forms: kept per user, person and form; replaced, discarded, erased."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.errors import InvalidInput
from app.services import drafts, persons
from app.store.models import Draft


def test_save_load_replace_discard(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Omar")).id
        drafts.save(db, user, "overview", {"family_name": "Hadd"}, pid)
        drafts.save(db, user, "overview", {"family_name": "Haddad"}, pid)
        drafts.save(db, user, "new_person", {"given_names": "Sa"})
        drafts.save(db, user, "new_person", {"given_names": "Saba"})
    with store.session() as db:
        assert drafts.load(db, user, "overview", pid) == {"family_name": "Haddad"}
        assert drafts.load(db, user, "new_person") == {"given_names": "Saba"}
        assert db.scalar(select(func.count()).select_from(Draft)) == 2
        assert len(drafts.forms_with_drafts(db, user)) == 2
        drafts.discard(db, user, "overview", pid)
        assert drafts.load(db, user, "overview", pid) is None


def test_too_large(store, user) -> None:
    with pytest.raises(InvalidInput), store.session() as db:
        drafts.save(db, user, "overview", {"notes": "x" * 300_000})


def test_waiting_lists_the_users_drafts_with_whose_file(store, user) -> None:
    import uuid

    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Omar",
                                                                  family_name="Haddad")).id
        drafts.save(db, user, "goal:" + uuid.uuid4().hex, {"description": "Taal"}, pid)
        drafts.save(db, user, "action@" + uuid.uuid4().hex, {"description": "Bellen"}, pid)
        drafts.save(db, user, "new_person", {"given_names": "Saba"})
    with store.session() as db:
        found = drafts.waiting(db, user)
        assert sorted(w.kind for w in found) == ["action", "goal", "new_person"]
        (new,) = [w for w in found if w.kind == "new_person"]
        assert new.person_id is None and new.name == ""
        goal = next(w for w in found if w.kind == "goal")
        assert goal.person_id == pid and "Haddad" in goal.name and goal.record_code
        assert drafts.waiting(db, uuid.uuid4()) == []
