"""The overview's deadline counts: screenings within two weeks, stays past 15 months and past
one and a half years, small counts hidden."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.privacy import report
from app.questionnaire.aggregate import SUPPRESSED
from app.services import deadlines, persons
from app.store.models import Intake
from app.vocabulary import IntakeStatus


def _done(db, person_id, qid: str, day: date) -> None:  # noqa: ANN001
    db.add(Intake(person_id=person_id, questionnaire_id=qid, questionnaire_version=2,
                  status=IntakeStatus.COMPLETE, answers={}, started_at=datetime(
                      day.year, day.month, day.day, 9, tzinfo=UTC),
                  completed_at=datetime(day.year, day.month, day.day, 10, tzinfo=UTC)))


def test_screenings_and_long_stays_counted_small_counts_hidden(store, user) -> None:
    with store.session() as db:
        pids = [persons.create_person(db, user, persons.PersonFields(given_names=f"P{i}")).id
                for i in range(8)]
        for i, pid in enumerate(pids):
            _done(db, pid, "short_intake", date(2026, 3, 1))
            _done(db, pid, "extended_screening", date(2026, 3, 10 if i < 6 else 30))
            # Six stays began early enough to pass 15 months by the end of 2026; two of them
            # passed one and a half years.
            start = (date(2025, 1, 1) if i < 2 else date(2025, 8, 1) if i < 6
                     else date(2026, 6, 1))
            deadlines.start_stay(db, user, pid, start.strftime("%d-%m-%Y"))
        db.flush()
        data = report.build(db, date(2026, 1, 1), date(2026, 12, 31))
    table = next(dict(t.rows) for t in data.tables if t.title == "Deadlines of the shelter")
    assert table == {
        "Extended screening within two weeks of the short intake": 6,
        "Extended screening after more than two weeks": SUPPRESSED,
        "Stays in 24-hour shelter past 15 months": 6,
        "Stays in 24-hour shelter past one and a half years": SUPPRESSED}
