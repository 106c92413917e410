"""Drafts of unsaved forms: kept per user, person and form; replaced, discarded, erased; gone
with the goal, action or contact they were typed for."""

from __future__ import annotations

import uuid

import pytest
from acting import acting
from sqlalchemy import func, select

from app.errors import InvalidInput
from app.services import contacts, drafts, persons, plans, users
from app.services.plans import ActionFields, GoalFields, PlanFields
from app.store.models import Draft
from app.vocabulary import UserRole


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


def _goal_with_action(db, user, pid):  # noqa: ANN001, ANN202
    plan = plans.create_plan(db, user, pid, PlanFields(perspective="legal_residence",
                                                       start_date="01-03-2026")).id
    goal = plans.add_goal(db, user, plan, GoalFields(domain="course", description="Taal"))
    action = plans.add_action(db, user, goal.id, ActionFields(description="Bellen",
                                                              owner="person"))
    return plan, goal.id, action.id


def test_waiting_lists_the_users_drafts_with_whose_file(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Omar",
                                                                  family_name="Haddad")).id
        _plan, goal_id, _action = _goal_with_action(db, user, pid)
        drafts.save(db, user, drafts.record_form("goal", goal_id), {"description": "Taal"}, pid)
        drafts.save(db, user, drafts.new_action_form(goal_id), {"description": "Bellen"}, pid)
        drafts.save(db, user, "new_person", {"given_names": "Saba"})
    with store.session() as db:
        found = drafts.waiting(db, user)
        assert sorted(w.kind for w in found) == ["action", "goal", "new_person"]
        (new,) = [w for w in found if w.kind == "new_person"]
        assert new.person_id is None and new.name == ""
        goal = next(w for w in found if w.kind == "goal")
        assert goal.person_id == pid and "Haddad" in goal.name and goal.record_code
        assert drafts.waiting(db, acting(db, UserRole.VOLUNTEER, "vol")) == []


def test_drafts_of_records_that_are_gone_are_not_waiting(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Omar")).id
        for form in (drafts.record_form("goal", uuid.uuid4()),
                     drafts.record_form("action", uuid.uuid4()),
                     drafts.new_action_form(uuid.uuid4()),
                     drafts.record_form("contact", uuid.uuid4()), "goal:not-an-id"):
            drafts.save(db, user, form, {"description": "x"}, pid)
        drafts.save(db, user, "overview", {"family_name": "Hadd"}, pid)
    with store.session() as db:
        assert sorted(w.kind for w in drafts.waiting(db, user)) == ["goal", "overview"]


def _forms(db) -> set[str]:  # noqa: ANN001
    return set(db.scalars(select(Draft.form)))


def test_deleting_a_goal_drops_everyones_drafts_of_it_and_its_actions(store, user) -> None:
    with store.session() as db:
        other = users.create_user(db, acting(db), "sara", "Sara", "case_manager", "sara's password").id
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Omar")).id
        _plan, goal_id, action_id = _goal_with_action(db, user, pid)
        _p, kept_goal, _a = _goal_with_action(db, user, pid)
        gone = {drafts.record_form("goal", goal_id), drafts.new_action_form(goal_id),
                drafts.record_form("action", action_id)}
        for form in (*gone, drafts.record_form("goal", kept_goal), "overview"):
            drafts.save(db, user, form, {"description": "typed"}, pid)
            drafts.save(db, other, form, {"description": "typed"}, pid)
    with store.session() as db:
        plans.delete_goal(db, user, goal_id)
    with store.session() as db:
        assert _forms(db) == {drafts.record_form("goal", kept_goal), "overview"}
        assert db.scalar(select(func.count()).select_from(Draft)) == 4


def test_ending_a_plan_drops_the_drafts_of_its_goals(store, user) -> None:
    with store.session() as db:
        users.create_user(db, acting(db), "bram", "Bram", "coordinator", "bram's password")
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Omar")).id
        plan, goal_id, action_id = _goal_with_action(db, user, pid)
        for form in (drafts.record_form("goal", goal_id), drafts.record_form("action", action_id),
                     "evaluation"):
            drafts.save(db, user, form, {"description": "typed"}, pid)
    with store.session() as db:
        plans.end_plan(db, user, plan, reason="permit_asylum", note="", ended_on="01-10-2026",
                       confirmer="bram", confirmer_password="bram's password")
    with store.session() as db:
        assert _forms(db) == {"evaluation"}


def test_deleting_a_contact_drops_its_drafts(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Omar")).id
        contact = contacts.add_contact(db, user, contacts.ContactFields("gp", "Huisarts"),
                                       person_id=pid)
        drafts.save(db, user, drafts.record_form("contact", contact.id), {"name": "x"}, pid)
        drafts.save(db, user, "contact", {"name": "a new one"}, pid)
    with store.session() as db:
        contacts.delete_contact(db, user, contact.id)
    with store.session() as db:
        assert _forms(db) == {"contact"}
