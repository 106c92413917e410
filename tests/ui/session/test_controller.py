"""The session: switching the interface to Arabic mirrors the layout; locking asks the password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import PASSWORD, wait_idle
from ui.session.controller import Controller
from ui.session.unlock import UnlockDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def controller(qtbot, people_store, anna):  # noqa: ANN001, ANN201
    c = Controller(people_store.target)
    c._unlocked(people_store, anna)
    qtbot.waitUntil(lambda: c.window is not None and c.window.isVisible())
    yield c
    if c.window is not None:
        c.window.closed.disconnect()
        c.window.close()
    wait_idle(qtbot, c.ops)
    c.ops.shutdown()
    c.store = None  # the fixture closes the store


def test_arabic_mirrors_and_dutch_returns(qtbot, controller) -> None:  # noqa: ANN001
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    old = controller.window
    controller.window.language_changed.emit("ar")
    qtbot.waitUntil(lambda: controller.window is not old and controller.window.isVisible())
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert controller.window.tabs.tabText(1) == "&الأشخاص"
    controller.window.language_changed.emit("nl")
    qtbot.waitUntil(lambda: QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight)
    assert controller.window.tabs.tabText(1) == "&Mensen"


def test_lock_hides_everything_until_the_password(qtbot, controller) -> None:  # noqa: ANN001
    window = controller.window
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    gate = controller.gate
    assert isinstance(gate, UnlockDialog) and gate.page() == "user"
    assert gate.username.text() == "anna" and gate.username.isReadOnly()
    qtbot.keyClicks(gate.password, PASSWORD)
    qtbot.keyClick(gate.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.isVisible())
    assert controller.gate is None


def test_people_shows_its_first_page_with_the_window(qtbot, people_store, anna) -> None:  # noqa: ANN001
    """Issue 17: People's first page is read with the settings after unlocking, in one trip to
    the worker, so the list is filled when the main window first shows."""
    from app.services import persons
    from app.services.persons import PersonFields

    with people_store.session() as db:
        persons.create_person(db, anna.id, PersonFields(given_names="Hamid",
                                                        family_name="Rahimi"))
    c = Controller(people_store.target)
    shown: list[int] = []
    build = c._build_window

    def built(people_page=None) -> None:  # noqa: ANN001
        build(people_page)
        shown.append(c.window.people.model.rowCount())

    c._build_window = built
    c._unlocked(people_store, anna)
    qtbot.waitUntil(lambda: c.window is not None and c.window.isVisible())
    try:
        assert shown == [1]
    finally:
        c.window.closed.disconnect()
        c.window.close()
        wait_idle(qtbot, c.ops)
        c.ops.shutdown()
        c.store = None  # the fixture closes the store
