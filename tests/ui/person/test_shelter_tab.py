"""The Shelter and decisions tab: a stay begun, warned about from 15 months, extended with who
decided, why and until when; the team's decision recorded on the person; a refusal against the
advice confirmed by a second user in their own session."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.dates import add_months
from app.services import deadlines, intakes, persons, team_decisions, users
from app.services.persons import PersonFields
from app.vocabulary import DecisionStatus
from tests.ui.helpers import SECOND_PASSWORD, wait_idle
from ui.person.person_window import PersonWindow
from ui.session.operations import Operations

pytestmark = pytest.mark.gui

ANSWERS = {"needs": ["shelter"], "acute_medical": "no", "acute_psychological": "no",
           "place_to_sleep": "no", "children_with_you": "no", "right_place": "yes",
           "nationality": "ER", "status": "undocumented", "entry_ban": "no",
           "declared_undesirable": "no"}


def _open(qtbot, ops, pid):  # noqa: ANN001, ANN202
    window = PersonWindow(ops, pid)
    window.resize(1150, 760)
    window.show()
    qtbot.waitUntil(lambda: window.file is not None)
    window.tabs.setCurrentWidget(window.shelter)
    # read: a new person has no stay, so a stay can begin
    qtbot.waitUntil(window.shelter.start_button.isEnabled, timeout=10000)
    return window


def _shots(tmp_path: Path) -> Path:
    return Path(os.environ.get("WEGWIJS_SHOTS", tmp_path))


def test_a_stay_begun_warned_and_extended(qtbot, ops, people_store, anna,  # noqa: ANN001
                                          tmp_path: Path) -> None:
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(given_names="Rahwa")).id
    window = _open(qtbot, ops, pid)
    tab = window.shelter
    qtbot.waitUntil(lambda: tab.start_button.isEnabled(), timeout=10000)
    assert not tab.extend_button.isEnabled()
    dialog = tab.begin_stay()
    began = add_months(date.today(), -16)
    qtbot.keyClicks(dialog.started_on, "31-02-2025")  # a mistake: said beside the field
    qtbot.keyClicks(dialog.location, "Locatie Noord")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.text("started_on") != "", timeout=10000)
    assert dialog.location.text() == "Locatie Noord"  # nothing typed is lost
    dialog.started_on.setText(began.strftime("%d-%m-%Y"))
    with qtbot.waitSignal(tab.filled, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert tab.stay_model.rowCount() == 1
    assert tab.stay_warning.isVisible() and "16" in tab.stay_warning.text()
    assert tab.extend_button.isEnabled() and not tab.start_button.isEnabled()
    ext = tab.extend_stay()
    qtbot.mouseClick(ext.ok_button, Qt.MouseButton.LeftButton)  # nothing filled in
    qtbot.waitUntil(lambda: ext.errors.text("decided_by") != "", timeout=10000)
    assert ext.errors.text("until") and ext.errors.text("reason")
    until = add_months(date.today(), 8).strftime("%d-%m-%Y")
    qtbot.keyClicks(ext.until, until)
    qtbot.keyClicks(ext.decided_by, "De burgemeester, met de GGD")
    qtbot.keyClicks(ext.reason, "Ernstige medische problemen; behandeling loopt.")
    _shot = _shots(tmp_path)
    ext.grab().save(str(_shot / "extension-dialog.png"))
    with qtbot.waitSignal(tab.filled, timeout=10000):
        qtbot.mouseClick(ext.ok_button, Qt.MouseButton.LeftButton)
    assert not tab.stay_warning.isVisible()  # extended: no warning until near the new end
    assert "De burgemeester" in tab.stay_model.index(0, 4).data()
    with people_store.session() as db:
        (stay,) = deadlines.stays_of(db, anna.id, pid)
        (extension,) = stay.extensions
        assert (extension.until.strftime("%d-%m-%Y"), extension.recorded_by) == (until, anna.id)
    window.grab().save(str(_shot / "shelter-tab.png"))
    wait_idle(qtbot, ops)
    window.close()


def test_team_decision_and_a_refusal_confirmed_by_a_second_user(qtbot, ops, people_store,  # noqa: ANN001
                                                                anna, tmp_path: Path) -> None:
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(given_names="Yonas")).id
        started = intakes.begin(db, anna.id, pid, "short_intake")
        intake_id = intakes.finish(db, anna.id, started.id, started.version, ANSWERS).id
    window = _open(qtbot, ops, pid)
    tab = window.shelter
    qtbot.waitUntil(lambda: tab.team_button.isEnabled(), timeout=10000)
    dialog = tab.team_decision()
    assert dialog.apply.isChecked()  # the latest intake's decision
    qtbot.keyClicks(dialog.participants, "Anna (coordinator), Bram (case manager), GGD")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("no_admission"))
    qtbot.keyClicks(dialog.reason, "The team found shelter with family in the region.")
    dialog.grab().save(str(_shots(tmp_path) / "team-decision-dialog.png"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.decision_model.rowCount() == 1, timeout=10000)
    row = tab.decision_model.record(0)
    assert row.status == "pending"  # refusing against the advice: a second person confirms
    tab.decision_view.selectRow(0)
    assert not tab.confirm_button.isEnabled()  # not by the one who proposed it
    window.close()
    wait_idle(qtbot, ops)
    # Bram, in his own session, confirms.
    with people_store.session() as db:
        bram = users.authenticate(db, "bram", SECOND_PASSWORD)
    bram_ops = Operations(people_store, bram.id)
    try:
        window = _open(qtbot, bram_ops, pid)
        tab = window.shelter
        qtbot.waitUntil(lambda: tab.decision_model.rowCount() == 1, timeout=10000)
        tab.decision_view.selectRow(0)
        assert tab.confirm_button.isEnabled()
        qtbot.mouseClick(tab.confirm_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.decision_model.record(0).status == "confirmed",
                        timeout=10000)
        assert "Bram" in tab.decision_model.index(0, 3).data()
        wait_idle(qtbot, bram_ops)
        window.close()
    finally:
        bram_ops.shutdown()
    with people_store.session() as db:
        (decision,) = team_decisions.decisions_of(db, anna.id, pid)
        assert decision.status == DecisionStatus.CONFIRMED
        triage = intakes.get_intake(db, ops.user_id, intake_id).triage["decision"]
        assert (triage["outcome"], triage["confirmed_by"]) == ("no_admission", str(bram.id))
