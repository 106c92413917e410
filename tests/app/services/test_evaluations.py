"""Evaluations: recorded against the criteria; the next one is due six months later."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import InvalidInput
from app.services import evaluations, persons, plans
from app.services.evaluations import EvaluationFields
from app.services.plans import PlanFields


@pytest.fixture
def plan(store, user):
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Luwam")).id
        p = plans.create_plan(db, user, pid, PlanFields(perspective="return",
                                                        start_date="01-01-2026"))
        plans.activate_plan(db, user, p.id)
        return p.id


def test_record_moves_the_due_date(store, user, plan) -> None:
    with store.session() as db:
        assert plans.get_plan(db, user, plan).evaluation_due_on == date(2026, 7, 1)
        evaluations.record_evaluation(db, user, plan, EvaluationFields(
            held_on="20-06-2026", judgement="yes", criteria={"appointments_kept": True},
            notes="Goed bezig", decision="continue"))
    with store.session() as db:
        got = plans.get_plan(db, user, plan)
        assert got.evaluation_due_on == date(2026, 12, 20)
        e = got.evaluations[0]
        assert e.due_on == date(2026, 7, 1) and e.held_on == date(2026, 6, 20)
        assert e.criteria["appointments_kept"] is True and e.criteria["actions_done"] is False


def test_problems_all_at_once(store, user, plan) -> None:
    with pytest.raises(InvalidInput) as err:
        with store.session() as db:
            evaluations.record_evaluation(db, user, plan, EvaluationFields(
                held_on="01-01-2099", judgement="maybe", criteria={"made_up": True}))
    assert {"held_on", "judgement", "criteria"} <= set(err.value.problems)


def test_due_and_overdue_list(store, user, plan) -> None:
    with store.session() as db:
        due = evaluations.due_evaluations(db, user, today=date(2026, 7, 10))
        assert [(d.due_on, d.overdue) for d in due] == [(date(2026, 7, 1), True)]
        assert evaluations.due_evaluations(db, user, today=date(2026, 5, 1)) == []
        assert len(evaluations.due_evaluations(db, user, today=date(2026, 6, 5))) == 1
