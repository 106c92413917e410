"""Today shows the source's deadlines: who is due or overdue for the extended screening, stays
from 15 months, and decisions waiting for a second person; one click opens the person."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.dates import add_months
from app.services import deadlines, persons
from app.store.models import Intake
from app.vocabulary import IntakeStatus
from tests.ui.helpers import wait_idle
from ui.office.today import TodayView
from ui.office.today_deadlines import PENDING_COLUMNS, SCREENING_COLUMNS, STAY_COLUMNS
from ui.widgets.record_model import RecordTableModel

pytestmark = pytest.mark.gui


def _short_intake(db, person_id, day: date) -> None:  # noqa: ANN001
    db.add(Intake(person_id=person_id, questionnaire_id="short_intake", questionnaire_version=2,
                  status=IntakeStatus.COMPLETE, answers={},
                  triage={"advice": {"outcome": "screening"}, "decision": None},
                  completed_at=datetime(day.year, day.month, day.day, 10, tzinfo=UTC)))


def test_screening_due_overdue_and_long_stays(qtbot, ops, people_store, anna,  # noqa: ANN001
                                              tmp_path: Path) -> None:
    today = date.today()
    with people_store.session() as db:
        late = persons.create_person(db, anna.id, persons.PersonFields(given_names="Late"))
        due = persons.create_person(db, anna.id, persons.PersonFields(given_names="Soon"))
        long = persons.create_person(db, anna.id, persons.PersonFields(given_names="Long"))
        _short_intake(db, late.id, today - timedelta(days=20))
        _short_intake(db, due.id, today - timedelta(days=3))
        deadlines.start_stay(db, anna.id, long.id,
                             add_months(today, -19).strftime("%d-%m-%Y"))
        late_id, long_id = late.id, long.id
    view = TodayView(ops)
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    qtbot.waitUntil(lambda: view.deadlines.screening_model.rowCount() == 2, timeout=10000)
    dl = view.deadlines
    assert dl.screening_box.isVisible() and dl.stay_box.isVisible()
    assert not dl.pending_box.isVisible()  # nothing waits: the box stays out of the way
    first = dl.screening_model.record(0)
    assert (first.person_id, first.overdue) == (late_id, True)
    assert dl.screening_model.index(0, 0).data().endswith("overdue")
    assert dl.screening_model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert dl.screening_model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    stay = dl.stay_model.record(0)
    assert (stay.person_id, stay.past_end, stay.months) == (long_id, True, 19)
    rect = dl.stay_view.visualRect(dl.stay_view.model().index(0, 2))
    with qtbot.waitSignal(view.open_person) as opened:
        qtbot.mouseClick(dl.stay_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [long_id]
    wait_idle(qtbot, ops)
    shots = Path(os.environ.get("WEGWIJS_SHOTS", tmp_path))
    view.grab().save(str(shots / "today-deadlines.png"))


def test_the_deadline_models_pass_the_model_tester(qtmodeltester) -> None:  # noqa: ANN001
    for columns in (SCREENING_COLUMNS, STAY_COLUMNS, PENDING_COLUMNS):
        qtmodeltester.check(RecordTableModel(columns))
