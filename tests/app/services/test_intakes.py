"""Intakes through the services: drafts as you go, resume, completion, triage, decision."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import InvalidInput, NotAllowed
from app.services import intakes, persons

HALF = {"needs": ["shelter", "medical"], "acute_medical": "yes"}
REST = {"acute_psychological": "no", "urgent_note": "Pain in the chest", "place_to_sleep": "no",
        "children_with_you": "no", "right_place": "yes", "nationality": "SY",
        "status": "undocumented", "entry_ban": "no", "declared_undesirable": "no"}


@pytest.fixture
def person(store, user):
    with store.session() as db:
        return persons.create_person(db, user, persons.PersonFields(
            given_names="Rania", sex="female", birth_date="1995")).id


def test_draft_resume_complete_and_advice(store, user, person) -> None:
    with store.session() as db:
        intake = intakes.begin(db, user, person, "short_intake")
        assert (intake.questionnaire_id, intake.questionnaire_version) == ("short_intake", 2)
        assert intake.current_question == "needs"  # the form opens with the cursor there
        intake, problems = intakes.save_progress(db, user, intake.id, intake.version, HALF)
        assert problems == {}
        iid = intake.id
    with store.session() as db:  # later: resume where it stopped
        intake = intakes.get_intake(db, user, iid)
        assert intake.answers["needs"] == ["shelter", "medical"]
        assert intake.current_question == "acute_psychological"
        assert [o.intake_id for o in intakes.unfinished(db, user)] == [iid]
        with pytest.raises(InvalidInput) as err:
            intakes.finish(db, user, iid, intake.version, {})
        assert {"place_to_sleep", "nationality", "status"} <= set(err.value.problems)
    with store.session() as db:
        intake = intakes.get_intake(db, user, iid)
        done = intakes.finish(db, user, iid, intake.version, REST, today=date(2026, 11, 22))
        advice = done.triage["advice"]
        assert advice["outcome"] == "refer_medical"
        assert intakes.unfinished(db, user) == []


def test_decision_and_override(store, user, person) -> None:
    with store.session() as db:
        intake = intakes.begin(db, user, person, "short_intake")
        with pytest.raises(NotAllowed):
            intakes.decide(db, user, intake.id, "admit")
        done = intakes.finish(db, user, intake.id, intake.version, {**HALF, **REST})
        with pytest.raises(InvalidInput) as err:
            intakes.decide(db, user, done.id, "admit")
        assert "override_reason" in err.value.problems
        decided = intakes.decide(db, user, done.id, "admit",
                                 override_reason="Seen by the GP already today; shelter first.")
        assert decided.triage["decision"]["follows_advice"] is False
        assert decided.triage["decision"]["override_reason"].startswith("Seen by the GP")


def test_bad_answers_come_back_as_problems(store, user, person) -> None:
    with store.session() as db:
        intake = intakes.begin(db, user, person, "short_intake")
        intake, problems = intakes.save_progress(db, user, intake.id, intake.version,
                                                 {"nationality": "Narnia", "needs": ["shelter"]})
        assert "nationality" in problems and intake.answers["needs"] == ["shelter"]


def test_an_intake_starts_from_what_registration_recorded(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(
            given_names="Yonas", nationality="ER", v_number="2612345678",
            status="asylum_procedure", languages=[("ti", "good"), ("ar", "basic")])).id
    with store.session() as db:
        short = intakes.begin(db, user, pid, "short_intake")
        assert short.answers == {"nationality": "ER", "status": "asylum_procedure"}
        assert short.current_question == "needs"
        extended = intakes.begin(db, user, pid, "extended_screening")
        assert extended.answers["has_v_number"] == "yes"
        assert extended.answers["v_number"] == "2612345678"
        assert extended.answers["languages"] == [{"language": "ti", "reading": "good"},
                                                 {"language": "ar", "reading": "basic"}]
        # still editable: a changed answer replaces the registered one
        intake, problems = intakes.save_progress(db, user, short.id, short.version,
                                                 {"nationality": "ET"})
        assert problems == {} and intake.answers["nationality"] == "ET"


def test_an_intake_of_someone_registered_with_little_starts_empty(store, user, person) -> None:
    with store.session() as db:  # the default status "undocumented" is asked, not assumed
        assert intakes.begin(db, user, person, "short_intake").answers == {}
