"""Perspective plans, goals, actions and ending a plan with four eyes."""

from __future__ import annotations

from datetime import date

import pytest
from acting import acting

from app.errors import Conflict, InvalidInput, NotAllowed, WrongPassphrase
from app.services import persons, plans, users
from app.services.plans import ActionFields, GoalFields, PlanFields
from app.vocabulary import PlanStatus


@pytest.fixture
def person(store, user):
    with store.session() as db:
        return persons.create_person(db, user, persons.PersonFields(given_names="Dawit")).id


@pytest.fixture
def plan(store, user, person):
    with store.session() as db:
        return plans.create_plan(db, user, person, PlanFields(
            perspective="legal_residence", start_date="01-03-2026", target_date="01-09-2027")).id


def test_plan_with_two_goals_and_actions(store, user, plan) -> None:
    with store.session() as db:
        g1 = plans.add_goal(db, user, plan, GoalFields(domain="legal", description="Find a lawyer"))
        g2 = plans.add_goal(db, user, plan, GoalFields(domain="course", description="Dutch A2",
                                                       due_date="01-12-2026"))
        plans.add_action(db, user, g1.id, ActionFields(description="Call ASKV", owner="case_manager",
                                                       due_date="15-03-2026"))
        plans.add_action(db, user, g2.id, ActionFields(description="Enrol", owner="person"))
    with store.session() as db:
        got = plans.get_plan(db, user, plan)
        assert [g.description for g in got.goals] == ["Find a lawyer", "Dutch A2"]
        assert [a.description for a in got.goals[0].actions] == ["Call ASKV"]
        assert got.evaluation_due_on == date(2026, 9, 1)


def test_bad_plan_input(store, user, person) -> None:
    with pytest.raises(InvalidInput) as err:
        with store.session() as db:
            plans.create_plan(db, user, person, PlanFields(
                perspective="mars", start_date="01-03-2026", target_date="01-01-2026",
                evaluation_months=12))
    assert {"perspective", "evaluation_months"} <= set(err.value.problems)
    with pytest.raises(InvalidInput) as err:
        with store.session() as db:
            plans.create_plan(db, user, person, PlanFields(start_date="01-03-2026",
                                                           target_date="01-01-2026"))
    assert "target_date" in err.value.problems


def test_empty_goal_refused(store, user, plan) -> None:
    with pytest.raises(InvalidInput, match="Describe"):
        with store.session() as db:
            plans.add_goal(db, user, plan, GoalFields(domain="legal", description="   "))


def test_stale_goal_edit_conflicts(store, user, plan) -> None:
    with store.session() as db:
        goal = plans.add_goal(db, user, plan, GoalFields(description="Work practice"))
    with store.session() as db:
        plans.update_goal(db, user, goal.id, 1, GoalFields(status="in_progress"))
    with pytest.raises(Conflict):
        with store.session() as db:
            plans.update_goal(db, user, goal.id, 1, GoalFields(status="done"))


def test_earlier_evaluation_date(store, user, plan) -> None:
    with store.session() as db:
        p = plans.get_plan(db, user, plan)
        plans.update_plan(db, user, plan, p.version, PlanFields(next_evaluation_on="01-06-2026"))
    with store.session() as db:
        assert plans.get_plan(db, user, plan).evaluation_due_on == date(2026, 6, 1)


def test_end_plan_needs_a_second_user(store, user, plan) -> None:
    with store.session() as db:
        users.create_user(db, acting(db), "anna2", "Anna", "case_manager", "anna's password")
        users.create_user(db, acting(db), "bram", "Bram", "coordinator", "bram's password")
        users.create_user(db, acting(db), "vera", "Vera", "volunteer", "vera's password")
    with store.session() as db:
        first = users.authenticate(db, "anna2", "anna's password").id
    end = dict(reason="permit_asylum", note="Permit granted", ended_on="01-10-2026")
    with pytest.raises(NotAllowed):
        with store.session() as db:
            plans.end_plan(db, first, plan, confirmer="anna2", confirmer_password="anna's password",
                           **end)
    with pytest.raises(WrongPassphrase):
        with store.session() as db:
            plans.end_plan(db, first, plan, confirmer="bram", confirmer_password="guess", **end)
    with pytest.raises(NotAllowed):
        with store.session() as db:
            plans.end_plan(db, first, plan, confirmer="vera", confirmer_password="vera's password",
                           **end)
    with store.session() as db:
        assert plans.get_plan(db, user, plan).status != PlanStatus.ENDED
        plans.end_plan(db, first, plan, confirmer="bram", confirmer_password="bram's password",
                       **end)
    with store.session() as db:
        got = plans.get_plan(db, user, plan)
        assert got.status == PlanStatus.ENDED and got.ended_on == date(2026, 10, 1)
        assert got.ended_by == first and got.end_confirmed_by not in (None, first)
        assert got.evaluation_due_on is None
        with pytest.raises(NotAllowed):
            plans.add_goal(db, first, plan, GoalFields(description="too late"))


def test_goal_and_action_in_the_persons_language(store, user) -> None:  # noqa: ANN001
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(
            given_names="Yonas", document_language="ti")).id
        plan = plans.create_plan(db, user, pid, PlanFields(perspective="legal_residence"))
        assert plan.translation_language == "ti"  # the person's document language
        goal = plans.add_goal(db, user, plan.id, GoalFields(
            domain="language", description="Nederlands leren",
            description_translated="ሆላንድኛ ምምሃር"))
        action = plans.add_action(db, user, goal.id, ActionFields(
            description="Inschrijven", description_translated="ምምዝጋብ"))
        plans.update_plan(db, user, plan.id, plan.version, PlanFields(
            interpreter_name="  Samira Haddad "))
        plan_id, goal_id, action_id = plan.id, goal.id, action.id
    with store.session() as db:
        got = plans.get_plan(db, user, plan_id)
        assert got.interpreter_name == "Samira Haddad"
        assert got.goals[0].description_translated == "ሆላንድኛ ምምሃር"
        assert got.goals[0].actions[0].description_translated == "ምምዝጋብ"
        plans.update_goal(db, user, goal_id, got.goals[0].version,
                          GoalFields(description_translated=""))
        assert db.get(type(got.goals[0]), goal_id).description_translated == ""
        assert action_id


def test_translation_language_must_be_a_document_language(store, user, plan) -> None:  # noqa: ANN001
    with store.session() as db:
        version = plans.get_plan(db, user, plan).version
        with pytest.raises(InvalidInput) as err:
            plans.update_plan(db, user, plan, version, PlanFields(translation_language="xx"))
    assert "translation_language" in err.value.problems
