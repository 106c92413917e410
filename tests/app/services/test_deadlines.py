"""Deadlines of seed 003: the screening within two weeks, the stay of at most one and a half
years (warning from 15 months, the extension recorded), and the caseload of about 25."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from acting import acting

from app import settings
from app.errors import InvalidInput, NotAllowed
from app.services import deadlines, persons
from app.store.models import Intake, PerspectivePlan, User
from app.vocabulary import IntakeStatus, Perspective, PlanStatus, UserRole


def _person(db, by, name: str = "Rania"):  # noqa: ANN001, ANN202
    return persons.create_person(db, by, persons.PersonFields(given_names=name))


def _intake(db, person, qid: str, day: date, outcome: str | None = None,  # noqa: ANN001
            decided: str | None = None) -> Intake:
    triage = None
    if outcome:
        triage = {"advice": {"outcome": outcome},
                  "decision": {"outcome": decided, "decided_at": f"{day.isoformat()}T10:00"}
                  if decided else None}
    intake = Intake(person_id=person.id, questionnaire_id=qid, questionnaire_version=1,
                    status=IntakeStatus.COMPLETE, answers={}, triage=triage,
                    completed_at=datetime(day.year, day.month, day.day, 10, tzinfo=UTC))
    db.add(intake)
    db.flush()
    return intake


def test_screening_due_within_two_weeks_and_overdue(store, user) -> None:
    """Source: "Binnen twee weken wordt op basis van een uitgebreidere screening op
    kwetsbaarheid, levensomstandigheden en achtergrond vastgesteld of iemand kan instromen." """
    with store.session() as db:
        due = _person(db, user, "Due")
        late = _person(db, user, "Late")
        done = _person(db, user, "Done")
        refused = _person(db, user, "Refused")
        _intake(db, due, "short_intake", date(2026, 11, 25), "screening")
        _intake(db, late, "short_intake", date(2026, 11, 1), "screening")
        _intake(db, done, "short_intake", date(2026, 11, 1), "screening")
        _intake(db, done, "extended_screening", date(2026, 11, 10))
        _intake(db, refused, "short_intake", date(2026, 11, 1), "no_admission")
        rows = deadlines.screening_due(db, user, today=date(2026, 12, 3))
        assert [(r.person_name, r.due_on, r.overdue) for r in rows] == [
            ("Late", date(2026, 11, 15), True), ("Due", date(2026, 12, 9), False)]
        assert deadlines.screenings_within(db, date(2026, 11, 1), date(2026, 11, 30)) == (1, 0)
        with pytest.raises(NotAllowed):
            deadlines.screening_due(db, None)


def test_a_decision_other_than_screening_takes_the_person_off(store, user) -> None:
    with store.session() as db:
        p = _person(db, user)
        _intake(db, p, "short_intake", date(2026, 11, 1), "screening", decided="referral")
        assert deadlines.screening_due(db, user, today=date(2026, 12, 3)) == []


def test_someone_with_a_plan_is_past_the_screening(store, user) -> None:
    with store.session() as db:
        p = _person(db, user)
        _intake(db, p, "short_intake", date(2026, 11, 1), "screening")
        assert len(deadlines.screening_due(db, user, today=date(2026, 12, 3))) == 1
        db.add(PerspectivePlan(person_id=p.id, perspective=Perspective.RETURN,
                               status=PlanStatus.ACTIVE, start_date=date(2026, 11, 20)))
        db.flush()
        assert deadlines.screening_due(db, user, today=date(2026, 12, 3)) == []


def test_stay_warns_from_15_months_and_ends_after_one_and_a_half_years(store, user) -> None:
    """Source: "De opvang eindigt in ieder geval na 1,5 jaar. In unieke gevallen kan een
    uitzondering worden gemaakt als er bijvoorbeeld sprake is van ernstige medische
    problematiek." """
    with store.session() as db:
        p = _person(db, user)
        stay = deadlines.start_stay(db, user, p.id, "01-01-2025", "Location A",
                                    today=date(2026, 12, 3))
        with pytest.raises(NotAllowed):  # one open stay at a time
            deadlines.start_stay(db, user, p.id, "01-02-2025")
        assert deadlines.stay_end(stay) == date(2026, 7, 1)
        assert deadlines.stay_alerts(db, user, today=date(2026, 3, 31)) == []
        (alert,) = deadlines.stay_alerts(db, user, today=date(2026, 4, 1))
        assert (alert.months, alert.past_end, alert.extended) == (15, False, False)
        (alert,) = deadlines.stay_alerts(db, user, today=date(2026, 7, 2))
        assert alert.past_end
        with pytest.raises(InvalidInput) as err:
            deadlines.extend_stay(db, user, stay.id, until="01-05-2026", decided_by="",
                                  reason="")
        assert set(err.value.problems) == {"until", "decided_by", "reason"}
        ext = deadlines.extend_stay(db, user, stay.id, until="01-01-2027",
                                    decided_by="The mayor, with the GGD",
                                    reason="Serious medical problems; treatment until December.",
                                    decided_on="20-06-2026")
        assert (ext.until, ext.decided_by, ext.recorded_by) == (
            date(2027, 1, 1), "The mayor, with the GGD", user)
        assert deadlines.stay_end(stay) == date(2027, 1, 1)
        assert deadlines.stay_alerts(db, user, today=date(2026, 7, 2)) == []
        (alert,) = deadlines.stay_alerts(db, user, today=date(2026, 10, 1))
        assert alert.extended and not alert.past_end
        assert deadlines.stays_past(db, 15, on=date(2026, 12, 3)) == 1
        deadlines.end_stay(db, user, stay.id, "01-12-2026")
        assert deadlines.stay_alerts(db, user, today=date(2026, 12, 3)) == []


def test_a_volunteer_records_no_stay(store, user) -> None:
    with store.session() as db:
        p = _person(db, user)
        vera = acting(db, UserRole.VOLUNTEER, "vera")
        with pytest.raises(NotAllowed):
            deadlines.start_stay(db, vera, p.id, None)


def test_caseload_full_refuses_and_the_waiting_list_shows_who_waits(store, user) -> None:
    """Source: "Een casemanager heeft een caseload van ongeveer 25 ongedocumenteerden." """
    with store.session() as db:
        assert settings.get(db, "caseload_per_case_manager") == 25
        settings.set_value(db, user, "caseload_per_case_manager", 2)
        bram = User(username="bram", display_name="Bram", role=UserRole.CASE_MANAGER)
        db.add(bram)
        db.flush()
        people = [_person(db, user, f"P{i}") for i in range(4)]
        deadlines.assign_case_manager(db, user, people[0].id, bram.id)
        deadlines.assign_case_manager(db, user, people[1].id, bram.id)
        deadlines.assign_case_manager(db, user, people[1].id, bram.id)  # already his: fine
        with pytest.raises(InvalidInput) as err:
            deadlines.assign_case_manager(db, user, people[2].id, bram.id)
        assert "caseload" in err.value.problems["case_manager_id"]
        with pytest.raises(InvalidInput):  # the person form's way is refused alike
            persons.update_person(db, user, people[2].id, people[2].version,
                                  persons.PersonFields(case_manager_id=bram.id))
        loads = {c.name: (c.count, c.full) for c in deadlines.caseloads(db, user)}
        assert loads["Bram"] == (2, True)
        deadlines.start_stay(db, user, people[2].id, "01-11-2026", today=date(2026, 12, 3))
        _intake(db, people[3], "short_intake", date(2026, 11, 20), "admit", decided="admit")
        assert [(w.person_name, w.since) for w in deadlines.waiting_list(db, user)] == [
            ("P2", date(2026, 11, 1)), ("P3", date(2026, 11, 20))]
        # Support ended: off the caseload, room again.
        db.add(PerspectivePlan(person_id=people[0].id, perspective=Perspective.RETURN,
                               status=PlanStatus.ENDED, start_date=date(2026, 1, 1)))
        db.flush()
        deadlines.assign_case_manager(db, user, people[2].id, bram.id)
        assert [w.person_name for w in deadlines.waiting_list(db, user)] == ["P3"]
