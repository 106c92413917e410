"""The main window: keyboard shortcuts, registering people with the duplicates check."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import persons, search
from tests.ui.helpers import wait_idle
from ui.person.new_person import NewPersonDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def window(main_window):  # noqa: ANN001, ANN201
    return main_window


def _new_dialog(qtbot, window) -> NewPersonDialog:  # noqa: ANN001
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    def shown() -> list[NewPersonDialog]:
        return [d for d in window.findChildren(NewPersonDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) == 1)
    return shown()[0]


def test_register_then_duplicates_are_shown(qtbot, window, ops, people_store) -> None:  # noqa: ANN001
    dialog = _new_dialog(qtbot, window)
    form = dialog.form
    qtbot.keyClicks(form.given_names, "Mohammed")
    qtbot.keyClicks(form.family_name, "Al-Hassan")
    qtbot.keyClicks(form.birth_date, "12-03-1990")
    qtbot.keyClicks(form.phone, "06-12345678")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.people_windows) == 1)
    with people_store.session() as db:
        (row,) = search.search(db, ops.user_id, "Mohammed")
        assert row.birth_date == "12-03-1990"
    wait_idle(qtbot, ops)

    # the same man comes back, spelled differently
    dialog = _new_dialog(qtbot, window)
    qtbot.keyClicks(dialog.form.given_names, "Muhammad")
    qtbot.keyClicks(dialog.form.family_name, "Al Hasan")
    qtbot.keyClicks(dialog.form.birth_date, "1990")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert dialog.candidates.rowCount() == 1
    assert dialog.candidates.record(0).row.id == row.id
    with qtbot.waitSignal(dialog.open_existing) as chosen:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert chosen.args == [row.id]
    with people_store.session() as db:
        assert search.count(db, ops.user_id, "") == 1


def test_errors_appear_next_to_the_field(qtbot, window, ops, people_store) -> None:  # noqa: ANN001
    dialog = _new_dialog(qtbot, window)
    qtbot.keyClicks(dialog.form.given_names, "Amanuel")
    qtbot.keyClicks(dialog.form.birth_date, "31-02-1999")
    qtbot.keyClicks(dialog.form.v_number, "12")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.form.errors.text("birth_date") != "")
    assert dialog.form.errors.text("v_number")
    assert dialog.isVisible()
    with people_store.session() as db:
        assert search.count(db, ops.user_id, "") == 0
    dialog.form.birth_date.clear()
    dialog.form.v_number.clear()
    qtbot.keyClicks(dialog.form.birth_date, "1999")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.people_windows) == 1)
    with people_store.session() as db:
        assert persons.resolve(db, ops.user_id, "1").given_names == "Amanuel"


def test_ctrl_f_goes_to_the_search_box(qtbot, window) -> None:  # noqa: ANN001
    window.tabs.setCurrentIndex(0)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.people
    assert window.people.search.hasFocus()
