"""The intake screen: fill the short intake halfway, leave, resume, complete, see the advice."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton

from app.i18n import _
from app.services import intakes, persons
from app.services.persons import PersonFields
from app.vocabulary import IntakeStatus
from tests.ui.helpers import wait_idle
from ui.person.person_window import PersonWindow
from ui.session.translations import apply_language

pytestmark = pytest.mark.gui


def _open(qtbot, ops, pid):  # noqa: ANN001, ANN202
    w = PersonWindow(ops, pid)
    w.show()
    qtbot.waitUntil(lambda: w.file is not None)
    w.tabs.setCurrentWidget(w.intake)
    return w


def _click(qtbot, widget) -> None:  # noqa: ANN001
    """Click where a person would: on the box or the start of the label, not the empty end."""
    if isinstance(widget, QAbstractButton) and not isinstance(widget, QPushButton):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _choice(tab, qid: str, value: str):  # noqa: ANN001, ANN202
    return tab.form.blocks[qid].input.buttons[value]


def test_fill_halfway_resume_complete_and_advice(qtbot, ops, people_store, anna,
                                                 tmp_path: Path) -> None:
    apply_language("nl")  # the volunteer reads the interface language: Dutch here
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(
            given_names="Rahwa", family_name="Tekle", name_original="ራሕዋ ተኽለ",
            document_language="ti", sex="female", birth_date="1996")).id
    window = _open(qtbot, ops, pid)
    tab = window.intake
    assert tab.language.currentData() == "ti"
    _click(qtbot, tab.start_buttons["short_intake"])
    qtbot.waitUntil(lambda: tab.form is not None)
    # The question in Dutch, with Tigrinya below it.
    block = tab.form.blocks["needs"]
    assert block.dutch.text().startswith("Wat heeft u nodig")
    assert any("\u1200" <= ch <= "\u137f" for ch in block.second.text())
    _click(qtbot, _choice(tab, "needs", "shelter"))
    _click(qtbot, _choice(tab, "needs", "medical"))
    _click(qtbot, _choice(tab, "acute_medical", "yes"))
    # A question that appears only after "yes".
    note = tab.form.blocks["urgent_note"]
    qtbot.waitUntil(note.isVisible)
    qtbot.keyClicks(note.input.edit, "Pain in the chest since yesterday")
    qtbot.waitUntil(lambda: tab.saved.text() == _("Draft saved"), timeout=10000)
    wait_idle(qtbot, ops)
    window.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window) or not window.isVisible())

    with people_store.session() as db:  # halfway: a draft with what was answered
        intake = intakes.intakes_of(db, ops.user_id, pid)[0]
        assert intake.status == IntakeStatus.DRAFT, intake.answers
        assert intake.answers["needs"] == ["shelter", "medical"]
        assert intake.current_question == "place_to_sleep"  # the question after the last answer

    window = _open(qtbot, ops, pid)  # later: resume where it stopped
    tab = window.intake
    qtbot.waitUntil(lambda: tab.form is not None)
    assert _choice(tab, "needs", "medical").isChecked()
    assert tab.form.blocks["urgent_note"].input.value() == "Pain in the chest since yesterday"
    resume = tab.form.blocks["place_to_sleep"]

    def in_view() -> bool:
        top = resume.mapTo(tab.form.widget(), QPoint(0, 0)).y()
        scrolled = tab.form.verticalScrollBar().value()
        return scrolled <= top <= scrolled + tab.form.viewport().height() - 20

    qtbot.waitUntil(in_view, timeout=5000)  # resumed at the first open question
    _click(qtbot, tab.complete_button)  # too early: every missing answer is pointed out
    qtbot.waitUntil(lambda: tab.form.blocks["place_to_sleep"].problem.isVisible(), timeout=10000)
    assert tab.form.blocks["nationality"].problem.isVisible()
    for qid, value in (("acute_psychological", "no"), ("place_to_sleep", "no"),
                       ("children_with_you", "no"), ("right_place", "yes")):
        _click(qtbot, _choice(tab, qid, value))
    country = tab.form.blocks["nationality"].input.combo
    country.setCurrentIndex(country.findData("ER"))
    _click(qtbot, _choice(tab, "status", "undocumented"))
    _click(qtbot, _choice(tab, "entry_ban", "no"))
    _click(qtbot, _choice(tab, "declared_undesirable", "no"))
    _click(qtbot, tab.complete_button)
    qtbot.waitUntil(lambda: tab.triage.isVisible(), timeout=10000)
    assert "medische zorg" in tab.triage.advice.text().lower()
    assert tab.triage.outcome.currentData() == "refer_medical"
    # Deciding differently needs a reason (hardship clause).
    tab.triage.outcome.setCurrentIndex(tab.triage.outcome.findData("admit"))
    _click(qtbot, tab.triage.save_button)
    qtbot.waitUntil(lambda: tab.triage.problem.isVisible(), timeout=10000)
    qtbot.keyClicks(tab.triage.reason, "Already seen by the GP post tonight; shelter first.")
    _click(qtbot, tab.triage.save_button)
    qtbot.waitUntil(lambda: _("(differs from the advice)") in tab.triage.decided.text(),
                    timeout=10000)
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        intake = intakes.intakes_of(db, ops.user_id, pid)[0]
        assert intake.status == IntakeStatus.COMPLETE
        assert intake.triage["advice"]["outcome"] == "refer_medical"
        assert intake.triage["decision"]["outcome"] == "admit"
        assert intake.triage["decision"]["override_reason"].startswith("Already seen")
    window.grab().save(str(tmp_path / "intake.png"))
    window.close()


def test_intake_starts_from_registration_and_completing_closes_it(qtbot, ops, people_store,
                                                                 anna) -> None:
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(
            given_names="Yonas", family_name="Haile", document_language="ti",
            nationality="ER")).id
    window = _open(qtbot, ops, pid)
    tab = window.intake
    _click(qtbot, tab.start_buttons["short_intake"])
    qtbot.waitUntil(lambda: tab.form is not None)
    # The nationality registration recorded is there, and can still be changed.
    country = tab.form.blocks["nationality"].input.combo
    assert country.currentData() == "ER"
    assert country.isEnabled()
    for qid, value in (("needs", "shelter"), ("acute_medical", "no"),
                       ("acute_psychological", "no"), ("place_to_sleep", "no"),
                       ("children_with_you", "no"), ("right_place", "yes"),
                       ("status", "undocumented"), ("entry_ban", "no"),
                       ("declared_undesirable", "no")):
        _click(qtbot, _choice(tab, qid, value))
    qtbot.waitUntil(lambda: tab.saved.text() == _("Draft saved"), timeout=10000)
    assert tab.complete_button.isVisible()

    _click(qtbot, tab.complete_button)
    qtbot.waitUntil(lambda: tab.triage.isVisible(), timeout=10000)
    wait_idle(qtbot, ops)
    # Complete: no "Draft saved" any more, nothing left to complete, the answers are read-only.
    assert tab.saved.text() == ""
    assert not tab.complete_button.isVisible()
    assert not tab.form.isEnabled()
    with people_store.session() as db:
        (intake,) = intakes.intakes_of(db, ops.user_id, pid)
        assert intake.status == IntakeStatus.COMPLETE
        assert intake.answers["nationality"] == "ER"
    window.close()
    wait_idle(qtbot, ops)
