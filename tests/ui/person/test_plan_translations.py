"""The interpreter's texts in the person's language, typed in the plan's dialogs, saved, and
printed under the Dutch."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import Qt

from app.services import persons, plans
from app.services.persons import PersonFields
from tests.ui.helpers import wait_idle
from ui.person.person_window import PersonWindow
from ui.person.plan_dialogs import ActionDialog, GoalDialog

pytestmark = pytest.mark.gui

GOAL_FA = "یادگیری زبان هلندی تا سطح A2"
ACTION_FA = "ثبت‌نام در کلاس زبان"


@pytest.fixture
def window(qtbot, ops, people_store, anna):  # noqa: ANN001, ANN201
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(
            given_names="Hamid", family_name="Rahimi", document_language="fa")).id
    w = PersonWindow(ops, pid)
    w.show()
    qtbot.waitUntil(lambda: w.file is not None)
    yield w
    if shiboken6.isValid(w):
        w.close()
    wait_idle(qtbot, ops)


def test_interpreter_types_goal_and_action_in_persian(  # noqa: ANN001
        qtbot, documents, window, ops, people_store, anna, tmp_path: Path) -> None:
    tab = window.plan
    with qtbot.waitSignal(window.loaded, timeout=10000):
        qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    assert tab.plan.translation_language == "fa"  # the person's document language
    assert tab.translation_language.currentData() == "fa"
    qtbot.keyClicks(tab.interpreter, "Samira Haddad")
    with qtbot.waitSignal(window.loaded, timeout=10000):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(tab.add_goal_button, Qt.MouseButton.LeftButton)
    dialog = [d for d in tab.findChildren(GoalDialog) if d.isVisible()][0]
    assert dialog.translated.isEnabled()
    assert dialog.translated.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.keyClicks(dialog.description, "Nederlands leren tot niveau A2")
    dialog.translated.setPlainText(GOAL_FA)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tab.goal_view.selectRow(0)
    qtbot.mouseClick(tab.add_action_button, Qt.MouseButton.LeftButton)
    action = [d for d in tab.findChildren(ActionDialog) if d.isVisible()][0]
    qtbot.keyClicks(action.description, "Inschrijven voor de taalcursus")
    action.translated.setText(ACTION_FA)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        qtbot.mouseClick(action.save_button, Qt.MouseButton.LeftButton)

    with people_store.session() as db:
        plan = plans.current_plan(db, ops.user_id, window.person_id)
        assert plan.interpreter_name == "Samira Haddad"
        assert plan.goals[0].description_translated == GOAL_FA
        assert plan.goals[0].actions[0].description_translated == ACTION_FA

    out = tmp_path / "plan-fa.pdf"
    tab.print_language.setCurrentIndex(tab.print_language.findData("fa"))
    with qtbot.waitSignal(tab.printed, timeout=15000):
        tab.save_plan_pdf(out)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Nederlands leren tot niveau A2" in text
    assert "Samira Haddad" in text and "Handtekening tolk" in text
    for word in ("هلندی", "کلاس"):
        assert word in text or word[::-1] in text


def test_without_a_language_the_translation_field_is_off(qtbot) -> None:  # noqa: ANN001
    dialog = GoalDialog(lambda *_a: None, None, None, translation_lang="")
    qtbot.addWidget(dialog)
    assert not dialog.translated.isEnabled()
    assert dialog.fields().description_translated is None
