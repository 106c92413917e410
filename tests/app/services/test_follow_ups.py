"""Appointments and reminders: a date, an owner, an optional goal; due and overdue for Today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from acting import acting
from sqlalchemy import select

from app.errors import InvalidInput, NotAllowed
from app.services import follow_ups, persons, plans
from app.services.follow_ups import FollowUpFields
from app.store.models import AuditEvent
from app.vocabulary import UserRole

TODAY = date(2026, 12, 3)


def _day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).strftime("%d-%m-%Y")


def test_due_for_their_owner_overdue_marked(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Reza")).id
        other = acting(db, UserRole.VOLUNTEER, "vol")
        follow_ups.add_follow_up(db, user, pid, FollowUpFields("Accompany to the GP", _day(-2)))
        follow_ups.add_follow_up(db, user, pid, FollowUpFields("Lawyer appointment", _day(3)))
        follow_ups.add_follow_up(db, user, pid, FollowUpFields("Far away", _day(60)))
        follow_ups.add_follow_up(db, user, pid, FollowUpFields("Someone else's", _day(1),
                                                               owner_id=other))
        mine = follow_ups.due_for(db, user, user, today=TODAY)
        assert [(r.description, r.overdue) for r in mine] == [
            ("Accompany to the GP", True), ("Lawyer appointment", False)]
        assert mine[0].record_code == "W-00001" and mine[0].person_name == "Reza"
        theirs = follow_ups.due_for(db, other, other, today=TODAY)
        assert [r.owner for r in theirs] == ["Acting user"]
        follow_ups.mark_done(db, user, mine[0].id)
        with pytest.raises(NotAllowed):
            follow_ups.mark_done(db, user, mine[0].id)
        assert [r.description for r in follow_ups.due_for(db, user, user, today=TODAY)] == [
            "Lawyer appointment"]
        listed = follow_ups.follow_ups_of(db, user, pid, today=TODAY)
        assert [r.description for r in listed][-1] == "Accompany to the GP"  # done ones last
        actions = [e.action for e in db.scalars(select(AuditEvent).where(
            AuditEvent.entity == "follow_up").order_by(AuditEvent.id))]
        assert actions == ["create"] * 4 + ["complete"]


def test_a_follow_up_under_a_goal_of_the_persons_plan(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Reza")).id
        plan = plans.create_plan(db, user, pid, plans.PlanFields(perspective="return"))
        goal = plans.add_goal(db, user, plan.id, plans.GoalFields(description="Passport"))
        item = follow_ups.add_follow_up(db, user, pid, FollowUpFields(
            "Embassy appointment", _day(5), goal_id=goal.id))
        assert follow_ups.by_goal(db, user, plans.get_plan(db, user, plan.id)) == {goal.id: [item]}
        assert follow_ups.follow_ups_of(db, user, pid)[0].goal == "Passport"
        someone = persons.create_person(db, user, persons.PersonFields(given_names="Other")).id
        with pytest.raises(InvalidInput) as err:
            follow_ups.add_follow_up(db, user, someone, FollowUpFields(
                "Wrong plan", _day(1), goal_id=goal.id))
        assert set(err.value.problems) == {"goal_id"}


def test_bad_input_names_every_field(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Reza")).id
        with pytest.raises(InvalidInput) as err:
            follow_ups.add_follow_up(db, user, pid, FollowUpFields("", "yesterday",
                                                                   owner_id=pid))
        assert set(err.value.problems) == {"description", "due_on", "owner_id"}
        with pytest.raises(NotAllowed):
            follow_ups.add_follow_up(db, None, pid, FollowUpFields("x", _day(1)))
        assert follow_ups.follow_ups_of(db, user, pid) == []
