"""Locking clears every person's data from the screen and Wegwijs's text from the clipboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.services import persons
from app.services.persons import PersonFields
from tests.ui.helpers import PASSWORD, wait_idle
from ui.person.person_window import PersonWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def hamid(people_store, anna):  # noqa: ANN001, ANN201
    with people_store.session() as db:
        return persons.create_person(db, anna.id, PersonFields(given_names="Hamid",
                                                               family_name="Rahimi")).id


@pytest.fixture
def controller(qtbot, hamid, unlocked):  # noqa: ANN001, ANN201 - hamid exists before unlocking
    qtbot.waitUntil(lambda: unlocked.window.people.model.rowCount() == 1)
    return unlocked


def test_lock_clears_people_models_and_clipboard(qtbot, controller) -> None:  # noqa: ANN001
    window = controller.window
    pid = window.people.model.person_id(0)
    person = window.open_person(pid)
    qtbot.waitUntil(lambda: person.file is not None)
    wait_idle(qtbot, controller.ops)
    name = person.overview.form.family_name
    person.activateWindow()
    name.setFocus()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None)
    qtbot.keyClicks(person.overview.form.nickname, "Abu Ali")
    name.selectAll()
    name.copy()
    assert QGuiApplication.clipboard().text() == "Rahimi"

    qtbot.keyClick(person, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    qtbot.waitUntil(lambda: not window.people_windows)
    assert window.findChildren(PersonWindow) == []
    for model in (window.people.model, window.today.due_model, window.today.intake_model,
                  window.today.recent_model):
        assert model.rowCount() == 0
    assert QGuiApplication.clipboard().text() == ""
    wait_idle(qtbot, controller.ops)

    gate = controller.gate
    qtbot.keyClicks(gate.password, PASSWORD)
    qtbot.keyClick(gate.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.isVisible())
    qtbot.waitUntil(lambda: window.people.model.rowCount() == 1)
    again = window.people_windows[pid]
    qtbot.waitUntil(lambda: again.overview.form.nickname.text() == "Abu Ali")
    assert again.overview.is_dirty()


def test_text_from_another_program_stays(qtbot, controller) -> None:  # noqa: ANN001
    clipboard = QGuiApplication.clipboard()
    controller.clipboard._ours = None
    clipboard.setText("not ours")
    controller.clipboard._ours = None  # as if it arrived while Wegwijs was in the background
    assert not controller.clipboard.wipe()
    assert clipboard.text() == "not ours"
    clipboard.clear()


def test_unlocking_reopens_a_person_on_the_tab_they_were_on(qtbot, controller) -> None:  # noqa: ANN001
    window = controller.window
    pid = window.people.model.person_id(0)
    person = window.open_person(pid)
    qtbot.waitUntil(lambda: person.file is not None)
    person.tabs.setCurrentWidget(person.plan)
    wait_idle(qtbot, controller.ops)
    window.lock_requested.emit()
    qtbot.waitUntil(lambda: not window.people_windows)
    wait_idle(qtbot, controller.ops)
    qtbot.keyClicks(controller.gate.password, PASSWORD)
    qtbot.keyClick(controller.gate.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pid in window.people_windows)
    again = window.people_windows[pid]
    qtbot.waitUntil(lambda: again.file is not None)
    assert again.tabs.currentWidget() is again.plan
    wait_idle(qtbot, controller.ops)
