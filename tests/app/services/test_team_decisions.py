"""Team decisions: the multidisciplinary team's decision on the person, and refusing admission
against the advice only with a second person (four eyes), enforced by the services."""

from __future__ import annotations

from datetime import date

import pytest
from acting import acting

from app.errors import InvalidInput, NotAllowed, WrongPassphrase
from app.services import intakes, persons, team_decisions, users
from app.store.models import User
from app.vocabulary import DecisionStatus, UserRole

ANSWERS = {"needs": ["shelter"], "acute_medical": "no", "acute_psychological": "no",
           "place_to_sleep": "no", "children_with_you": "no", "right_place": "yes",
           "nationality": "SY", "status": "undocumented", "entry_ban": "no",
           "declared_undesirable": "no"}


@pytest.fixture
def intake(store, user):  # noqa: ANN001, ANN201
    with store.session() as db:
        person = persons.create_person(db, user, persons.PersonFields(given_names="Rania"))
        started = intakes.begin(db, user, person.id, "short_intake")
        done = intakes.finish(db, user, started.id, started.version, ANSWERS)
        assert done.triage["advice"]["outcome"] == "screening"
        users.create_user(db, acting(db), "cora", "Cora", "coordinator", "Cora's own password")
        return person.id, done.id


def test_the_team_decision_is_recorded_on_the_person(store, user, intake) -> None:
    """Source: "Een multidisciplinair team bepaalt bij twijfel (als iemand in eerste instantie
    niet aan de criteria voldoet), of er redenen zijn om iemand alsnog toe te laten." """
    person_id, intake_id = intake
    with store.session() as db:
        with pytest.raises(InvalidInput) as err:
            team_decisions.record_team_decision(db, user, person_id, team_decisions.TeamFields(
                outcome="maybe", participants="", reason="short"))
        assert set(err.value.problems) == {"outcome", "participants", "reason"}
        row = team_decisions.record_team_decision(db, user, person_id, team_decisions.TeamFields(
            decided_on="02-12-2026", participants="Anna (case manager), GGD doctor, lawyer",
            outcome="admit", reason="Serious illness shown by the GGD; admit all the same.",
            intake_id=intake_id))
        assert (row.status, row.decided_on) == (DecisionStatus.CONFIRMED, date(2026, 12, 2))
        decision = intakes.get_intake(db, user, intake_id).triage["decision"]
        assert decision["outcome"] == "admit" and not decision["follows_advice"]
        assert "GGD" in decision["override_reason"]
        assert [d.id for d in team_decisions.decisions_of(db, user, person_id)] == [row.id]
        vera = acting(db, UserRole.VOLUNTEER, "vera")
        with pytest.raises(NotAllowed):  # the reasons may be medical
            team_decisions.decisions_of(db, vera, person_id)


def test_refusing_against_the_advice_needs_a_second_password(store, user, intake) -> None:
    """Source: "Bij de uiteindelijke beslissing over het beëindigen van de opvang wordt het
    vier-ogenprincipe toegepast." (the same for refusing admission, issue 14)"""
    _person_id, intake_id = intake
    reason = "Not cooperative at all during the intake."
    with store.session() as db:
        with pytest.raises(NotAllowed, match="second person"):
            intakes.decide(db, user, intake_id, "no_admission", reason)
        assert intakes.get_intake(db, user, intake_id).triage["decision"] is None
        with pytest.raises(WrongPassphrase):
            intakes.decide(db, user, intake_id, "no_admission", reason, confirmer="cora",
                           confirmer_password="wrong password here")
        db.get(User, user).password_hash = users._hasher.hash("Anna's own password")
        with pytest.raises(NotAllowed):  # not yourself
            intakes.decide(db, user, intake_id, "no_admission", reason, confirmer="anna",
                           confirmer_password="Anna's own password")
        done = intakes.decide(db, user, intake_id, "no_admission", reason, confirmer="cora",
                              confirmer_password="Cora's own password")
        assert done.triage["decision"]["outcome"] == "no_admission"
        assert done.triage["decision"]["confirmed_by"]
        # Other decisions against the advice need only the reason.
        intakes.decide(db, user, intake_id, "admit", "Known to us, very vulnerable, admit.")


def test_a_pending_refusal_waits_for_another_user(store, user, intake) -> None:
    person_id, intake_id = intake
    with store.session() as db:
        row = team_decisions.propose_refusal(db, user, intake_id,
                                             "Not cooperative at all during the intake.")
        assert intakes.get_intake(db, user, intake_id).triage["decision"] is None
        assert [p.decision_id for p in team_decisions.pending(db, user)] == [row.id]
        with pytest.raises(NotAllowed):
            team_decisions.confirm(db, user, row.id)  # the proposer cannot confirm
        vera = acting(db, UserRole.VOLUNTEER, "vera")
        with pytest.raises(NotAllowed):
            team_decisions.confirm(db, vera, row.id)
        cora = users.find_user(db, user, "cora").id
        team_decisions.confirm(db, cora, row.id)
        decision = intakes.get_intake(db, user, intake_id).triage["decision"]
        assert (decision["outcome"], decision["confirmed_by"]) == ("no_admission", str(cora))
        with pytest.raises(NotAllowed):
            team_decisions.reject(db, cora, row.id)  # settled already
        second = team_decisions.propose_refusal(db, user, intake_id, "Another try, refused.")
        team_decisions.reject(db, cora, second.id)
        assert team_decisions.pending(db, user) == []


def test_a_team_refusal_against_the_advice_waits_too(store, user, intake) -> None:
    person_id, intake_id = intake
    with store.session() as db:
        row = team_decisions.record_team_decision(db, user, person_id, team_decisions.TeamFields(
            participants="Anna, Cora, GGD", outcome="no_admission",
            reason="The team found a place elsewhere in the region.", intake_id=intake_id))
        assert row.status == DecisionStatus.PENDING
        assert intakes.get_intake(db, user, intake_id).triage["decision"] is None
