"""Refusing admission against the advice in the intake's triage panel: the second person's user
name and password show, and without them nothing is decided; or the refusal is put to a second
person, who confirms it later (four eyes, enforced by the services)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.services import intakes, persons, team_decisions
from app.services.persons import PersonFields
from tests.ui.helpers import SECOND_PASSWORD, wait_idle
from ui.person.person_window import PersonWindow

pytestmark = pytest.mark.gui

ANSWERS = {"needs": ["shelter"], "acute_medical": "no", "acute_psychological": "no",
           "place_to_sleep": "no", "children_with_you": "no", "right_place": "yes",
           "nationality": "ER", "status": "undocumented", "entry_ban": "no",
           "declared_undesirable": "no"}


def _window(qtbot, ops, people_store, anna):  # noqa: ANN001, ANN202
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(given_names="Rahwa")).id
        started = intakes.begin(db, anna.id, pid, "short_intake")
        intake_id = intakes.finish(db, anna.id, started.id, started.version, ANSWERS).id
    window = PersonWindow(ops, pid)
    window.resize(1150, 800)
    window.show()
    qtbot.waitUntil(lambda: window.file is not None)
    window.tabs.setCurrentWidget(window.intake)
    qtbot.waitUntil(lambda: window.intake.triage.isVisible(), timeout=10000)
    return window, intake_id


def test_a_refusal_needs_the_second_persons_password(qtbot, ops, people_store, anna,  # noqa: ANN001
                                                     tmp_path: Path) -> None:
    window, intake_id = _window(qtbot, ops, people_store, anna)
    panel = window.intake.triage
    assert not panel.second.isVisible()
    panel.outcome.setCurrentIndex(panel.outcome.findData("no_admission"))
    assert panel.second.isVisible()
    qtbot.keyClicks(panel.reason, "Did not cooperate at all during the intake.")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.problem.isVisible, timeout=10000)
    assert "second person" in panel.problem.text()
    with people_store.session() as db:
        assert intakes.get_intake(db, ops.user_id, intake_id).triage["decision"] is None
    qtbot.keyClicks(panel.confirmer, "bram")
    qtbot.keyClicks(panel.password, SECOND_PASSWORD)
    shots = Path(os.environ.get("WEGWIJS_SHOTS", tmp_path))
    window.grab().save(str(shots / "triage-four-eyes.png"))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No admission" in panel.decided.text()
                    or "Geen opvang" in panel.decided.text(), timeout=10000)
    assert panel.password.text() == ""  # never kept
    with people_store.session() as db:
        decision = intakes.get_intake(db, ops.user_id, intake_id).triage["decision"]
        assert decision["outcome"] == "no_admission" and decision["confirmed_by"]
    wait_idle(qtbot, ops)
    window.close()


def test_a_refusal_put_to_a_second_person(qtbot, ops, people_store, anna) -> None:  # noqa: ANN001
    window, intake_id = _window(qtbot, ops, people_store, anna)
    panel = window.intake.triage
    panel.outcome.setCurrentIndex(panel.outcome.findData("no_admission"))
    qtbot.keyClicks(panel.reason, "Did not cooperate at all during the intake.")
    qtbot.mouseClick(panel.ask_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.problem.isVisible, timeout=10000)
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        (pending,) = team_decisions.pending(db, anna.id)
        assert pending.kind == "refuse_admission"
        assert intakes.get_intake(db, ops.user_id, intake_id).triage["decision"] is None
    window.close()
