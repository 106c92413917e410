"""Subject access export: everything about one person, nothing about others, no secrets."""

from __future__ import annotations

import json

import pytest
from acting import acting

from app.errors import NotAllowed
from app.privacy import subject_access
from app.services import consents, contacts, persons, plans, users


def test_everything_about_one_person(store, user) -> None:
    with store.session() as db:
        coord = users.create_user(db, acting(db), "coord", "Coordinator", "coordinator",
                                  "a long password").id
        p = persons.create_person(db, user, persons.PersonFields(
            given_names="Senait", family_name="Kahsay", name_original="ሰናይት ካሕሳይ",
            languages=[("ti", "good")], v_number="1234567890"))
        persons.create_person(db, user, persons.PersonFields(given_names="Someone", family_name="Else"))
        plan = plans.create_plan(db, user, p.id, plans.PlanFields(perspective="legal_residence"))
        plans.add_goal(db, user, plan.id, plans.GoalFields(domain="language",
                                                           description="Dutch A1"))
        consents.give_consent(db, user, p.id, purpose="School", partner="ROC", scope=["contact"])
        contacts.add_contact(db, user, contacts.ContactFields(role="gp", organisation="GP"), p.id)
    with store.session() as db:
        # the coordinator exports: the history in it is read with their own rights
        data = subject_access.collect(db, coord, p.id)
    text = subject_access.to_json(data)
    parsed = json.loads(text)
    assert parsed["person"]["name_original"] == "ሰናይት ካሕሳይ"
    assert parsed["person"]["v_number"] == "1234567890"
    assert parsed["plans"][0]["goals"][0]["description"] == "Dutch A1"
    assert parsed["consents"][0]["partner"] == "ROC"
    assert parsed["languages"][0]["language"] == "ti"
    assert {e["action"] for e in parsed["history"]} >= {"create", "open"}
    assert "Someone" not in text and "password" not in text


def test_role_needed(store, user) -> None:
    with store.session() as db:
        p = persons.create_person(db, user, persons.PersonFields(given_names="X"))
        with pytest.raises(NotAllowed):  # a case manager
            subject_access.collect(db, user, p.id)
        with pytest.raises(NotAllowed):  # nobody
            subject_access.collect(db, None, p.id)
        assert subject_access.collect(db, acting(db), p.id)["person"]["given_names"] == "X"


def test_export_to_folder_writes_pdf_and_json(store, user, tmp_path) -> None:  # noqa: ANN001
    with store.session() as db:
        coord = users.create_user(db, acting(db), "coord", "Coordinator", "coordinator",
                                  "a long password").id
        p = persons.create_person(db, user, persons.PersonFields(given_names="Senait"))
    with store.session() as db, pytest.raises(NotAllowed):
        subject_access.export_to_folder(db, user, p.id, tmp_path / "no")
    assert not (tmp_path / "no").exists()
    with store.session() as db:
        pdf, data = subject_access.export_to_folder(db, coord, p.id,
                                                    tmp_path / "out")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.name.startswith(p.record_code)
    assert json.loads(data.read_text(encoding="utf-8"))["person"]["given_names"] == "Senait"
