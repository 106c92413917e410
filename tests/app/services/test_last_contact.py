"""Every kind of contact keeps a person off the retention review (issue 14).

Each case registers a person long ago, prepares what the contact needs, then makes the person
look forgotten (last contact in 2023, any plan ended, straight in the tables): the review lists
them. Then the one contact is made through the services, and the review no longer lists them;
their last contact is today. Before issue 14 only registration set the last contact, so every
case but registration failed here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

import pytest
from acting import acting
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.privacy import erasure
from app.services import consents, evaluations, intakes, persons, plans, users
from app.store.models import Intake, Person, PerspectivePlan
from app.vocabulary import PlanStatus

LONG_AGO = date(2023, 1, 1)
SECOND = "a second password"


def _forgotten(db: Session, person_id: uuid.UUID) -> None:
    """Last contact in 2023 and no open plan, as if nobody had seen the person since."""
    db.execute(update(Person).where(Person.id == person_id)
               .values(last_contact_on=LONG_AGO))
    db.execute(update(PerspectivePlan).where(PerspectivePlan.person_id == person_id)
               .values(status=PlanStatus.ENDED))
    db.flush()
    db.expire_all()


def _plan(db: Session, by: uuid.UUID, pid: uuid.UUID) -> PerspectivePlan:
    plan = plans.create_plan(db, by, pid, plans.PlanFields(perspective="return",
                                                           start_date="01-01-2023"))
    return plans.activate_plan(db, by, plan.id)


def _reopen(db: Session, pid: uuid.UUID) -> PerspectivePlan:
    """The person's plan open again (as it was while they were helped)."""
    db.execute(update(PerspectivePlan).where(PerspectivePlan.person_id == pid)
               .values(status=PlanStatus.ACTIVE))
    db.expire_all()
    return plans.get_plan(db, acting(db), db.query(PerspectivePlan.id)
                          .filter(PerspectivePlan.person_id == pid).scalar())


# Each case: (prepare, contact). prepare(db, by, pid) returns what contact(db, by, pid, prep)
# needs; then the person is made to look forgotten (the plan ended); the contact reopens the
# plan when it needs one open, and the test ends it again quietly afterwards.
def _intake_started(db, by, pid, _prep):  # noqa: ANN001, ANN202
    intakes.begin(db, by, pid, "short_intake")


def _intake_saved(db, by, pid, prep):  # noqa: ANN001, ANN202
    intake = db.get(Intake, prep)
    intakes.save_progress(db, by, intake.id, intake.version, {})


def _intake_completed(db, by, pid, prep):  # noqa: ANN001, ANN202
    intake = db.get(Intake, prep)
    intakes.complete_intake(db, by, intake.id, intake.version, {}, lambda _a: {})


def _start_intake(db, by, pid):  # noqa: ANN001, ANN202
    return intakes.begin(db, by, pid, "short_intake").id


def _evaluation(db, by, pid, _prep):  # noqa: ANN001, ANN202
    plan = _reopen(db, pid)
    evaluations.record_evaluation(db, by, plan.id, evaluations.EvaluationFields(
        judgement="yes"))


def _plan_created(db, by, pid, _prep):  # noqa: ANN001, ANN202
    plans.create_plan(db, by, pid, plans.PlanFields(perspective="return"))


def _plan_updated(db, by, pid, _prep):  # noqa: ANN001, ANN202
    plan = _reopen(db, pid)
    plans.update_plan(db, by, plan.id, plan.version, plans.PlanFields(target_date="01-01-2030"))


def _goal_added(db, by, pid, _prep):  # noqa: ANN001, ANN202
    plan = _reopen(db, pid)
    plans.add_goal(db, by, plan.id, plans.GoalFields(description="Find a lawyer"))


def _action_changed(db, by, pid, _prep):  # noqa: ANN001, ANN202
    plan = _reopen(db, pid)
    action = plan.goals[0].actions[0]
    plans.update_action(db, by, action.id, action.version, plans.ActionFields(status="done"))


def _with_goal_and_action(db, by, pid):  # noqa: ANN001, ANN202
    plan = _plan(db, by, pid)
    goal = plans.add_goal(db, by, plan.id, plans.GoalFields(description="Find a lawyer"))
    plans.add_action(db, by, goal.id, plans.ActionFields(description="Call ASKV"))


def _plan_ended(db, by, pid, _prep):  # noqa: ANN001, ANN202
    plan = _reopen(db, pid)
    plans.end_plan(db, by, plan.id, reason="return_origin", note="", ended_on=None,
                   confirmer="second", confirmer_password=SECOND)


def _with_second_user(db, by, pid):  # noqa: ANN001, ANN202
    _plan(db, by, pid)
    users.create_user(db, by, "second", "Second", "case_manager", SECOND)


def _card_printed(db, by, pid, _prep):  # noqa: ANN001, ANN202
    from app.printing import document_data

    document_data.person_card(db, by, pid, "nl")


def _plan_printed(db, by, pid, _prep):  # noqa: ANN001, ANN202
    from app.printing import document_data

    document_data.person_plan(db, by, pid, "nl")


def _handover(db, by, pid, _prep):  # noqa: ANN001, ANN202
    from app.privacy import handover

    handover.prepare(db, by, pid, "ASKV")


def _with_consent(db, by, pid):  # noqa: ANN001, ANN202
    consents.give_consent(db, by, pid, purpose="Legal aid", partner="ASKV", scope=["identity"],
                          given_on="01-01-2023")


def _nothing(db, by, pid):  # noqa: ANN001, ANN202
    return None


Prepare = Callable[[Session, uuid.UUID, uuid.UUID], object]
Contact = Callable[[Session, uuid.UUID, uuid.UUID, object], None]
CASES: dict[str, tuple[Prepare, Contact]] = {
    "intake started": (_nothing, _intake_started),
    "intake saved": (_start_intake, _intake_saved),
    "intake completed": (_start_intake, _intake_completed),
    "evaluation": (_plan, _evaluation),
    "plan made": (_nothing, _plan_created),
    "plan changed": (_plan, _plan_updated),
    "goal added": (_plan, _goal_added),
    "action changed": (_with_goal_and_action, _action_changed),
    "plan ended": (_with_second_user, _plan_ended),
    "card printed": (_nothing, _card_printed),
    "plan printed": (_plan, _plan_printed),
    "handover": (_with_consent, _handover),
}


def _listed(db: Session) -> set[uuid.UUID]:
    return {case.person_id for case in erasure.past_retention(db)}


@pytest.mark.parametrize("kind", list(CASES))
def test_each_kind_of_contact_keeps_a_person_off_the_retention_review(store, kind: str) -> None:
    prepare, contact = CASES[kind]
    with store.session() as db:
        by = acting(db)
        person = persons.create_person(db, by, persons.PersonFields(given_names="Samira"),
                                       today=LONG_AGO)
        pid = person.id
        prepared = prepare(db, by, pid)
        _forgotten(db, pid)
        assert pid in _listed(db)  # forgotten: offered for erasure
        contact(db, by, pid, prepared)
        db.flush()
        db.execute(update(PerspectivePlan).where(PerspectivePlan.person_id == pid)
                   .values(status=PlanStatus.ENDED))  # an open plan would hide them anyway
        db.expire_all()
        assert pid not in _listed(db)
        assert db.get(Person, pid).last_contact_on == date.today()


def test_a_contact_logged_with_an_earlier_date_counts_from_that_date(store) -> None:
    from app.services import contact_log

    with store.session() as db:
        by = acting(db)
        pid = persons.create_person(db, by, persons.PersonFields(given_names="Samira"),
                                    today=LONG_AGO).id
        assert pid in _listed(db)
        contact_log.log_contact(db, by, pid, contact_log.ContactFields(
            kind="phone_call", contact_on="01-06-2026"))
        db.expire_all()
        assert db.get(Person, pid).last_contact_on == date(2026, 6, 1)
        assert pid not in _listed(db)
        # An older contact logged later does not move it back.
        contact_log.log_contact(db, by, pid, contact_log.ContactFields(contact_on="01-02-2024"))
        db.expire_all()
        assert db.get(Person, pid).last_contact_on == date(2026, 6, 1)


@pytest.mark.parametrize("kind", ["logged contact", "referral answered"])
def test_casework_contacts_keep_a_person_off_the_retention_review(store, kind: str) -> None:
    from app.services import contact_log, referrals

    with store.session() as db:
        by = acting(db)
        pid = persons.create_person(db, by, persons.PersonFields(given_names="Samira"),
                                    today=LONG_AGO).id
        referral = referrals.create_referral(db, by, pid, partner="ASKV",
                                             referred_on=LONG_AGO)
        _forgotten(db, pid)
        assert pid in _listed(db)
        if kind == "logged contact":
            contact_log.log_contact(db, by, pid, contact_log.ContactFields(kind="visit"))
        else:
            referrals.set_status(db, by, referral.id, "accepted")
        db.expire_all()
        assert pid not in _listed(db)
        assert db.get(Person, pid).last_contact_on == date.today()


def test_touch_leaves_the_person_form_without_a_conflict(store) -> None:
    """A colleague's print does not make an open person form's save a conflict."""
    from app.services import last_contact

    with store.session() as db:
        by = acting(db)
        person = persons.create_person(db, by, persons.PersonFields(given_names="Samira"),
                                       today=LONG_AGO)
        version, stamp = person.version, person.updated_at
        last_contact.touch(db, person.id)
        db.flush()
        db.expire_all()
        again = db.get(Person, person.id)
        assert (again.version, again.updated_at) == (version, stamp)
        assert again.last_contact_on == date.today()
        persons.update_person(db, by, person.id, version,
                              persons.PersonFields(given_names="Samira", family_name="Idris"))
